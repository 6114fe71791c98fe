import { CHANNEL_LABELS } from '../../domain/channels.ts';
import type { Deps } from '../../deps.ts';
import { notesForResponses } from '../../db/handling-notes.repository.ts';
import { listFields, listOfficers } from '../../db/officers.repository.ts';
import { chainHeadAt, channelCounts, periodComments } from '../../db/report.repository.ts';
import { sumByDay } from '../../db/tallies.repository.ts';
import { findUnitById } from '../../db/units.repository.ts';
import { addDays, formatViDate, vietnamDay } from '../../domain/day.ts';
import { bucketsOf, bucketUnitFor, periodForRange, type Period } from '../../domain/periods.ts';
import { sharesOf, type Shares } from '../../domain/results.ts';
import { RULE, type SatisfactionRule } from '../../domain/rule.ts';
import type { SipasIndex } from '../../domain/sipas.ts';
import { emptyLevels } from '../../domain/tally.ts';
import { AppError } from '../../app-error.ts';
import { buildCoverage, type CoverageReport } from '../coverage.service.ts';
import type { FormView } from '../form-view.ts';
import { buildTallies, levelsBy } from '../tallies.service.ts';

export type Audience = 'internal' | 'public';

export interface ReportRow {
  /** Stable for tests and files: the question, field, officer or bucket key. */
  key: string;
  name: string;
  detail: string | null;
  shares: Shares;
}

export interface ReportComment {
  seq: number;
  receivedAt: string;
  officer: string | null;
  field: string | null;
  level: number | null;
  issues: string[];
  comment: string | null;
  handling: { handled: boolean; note: string; by: string; at: string } | null;
}

/**
 * Everything a report states, for one unit, one form and one range of days: every figure from the
 * results model over the tallies (so a report's numbers are the screens' and can be reproduced
 * from the stored responses by `npm run verify`), the period, the channels, the form, the chain
 * head at the end of the period. The public version holds no officer name and no comment.
 */
export interface ReportData {
  audience: Audience;
  unit: { id: string; code: string; name: string; parentName: string | null; place: string };
  period: Period;
  /** The last day with figures: the period's end, or today while the period runs. */
  dataUntil: string;
  generatedAt: string;
  form: FormView;
  rule: SatisfactionRule;
  total: Shares;
  questions: ReportRow[];
  fields: ReportRow[];
  /** Internal only: every officer with responses, flagged ones first. */
  officers: ReportRow[] | null;
  /** The trend: by day for a month, by week for a quarter, by month for longer. */
  trend: { unit: 'day' | 'week' | 'month'; rows: ReportRow[] };
  channels: { channel: string; label: string; responses: number }[];
  coverage: CoverageReport | null;
  index: SipasIndex | null;
  /** Internal only: comments and misconduct reports, with their latest handling. */
  comments: ReportComment[] | null;
  /** Counts of misconduct reports by issue (both audiences: no names, no text). */
  issueCounts: { key: string; label: string; count: number; handled: number }[];
  chainHead: { seq: number; hash: string } | null;
}

/** "UBND xã Nam Dong" → "Nam Dong": the place named in the report's date line. */
export function placeOf(unitName: string): string {
  return unitName
    .replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, '')
    .replace(/^(xã|phường|thị trấn|đặc khu|thị xã|thành phố|huyện|tỉnh|quận)\s+/i, '')
    .trim();
}

export async function buildReportData(deps: Deps, unitId: string, opts: { from: string; to: string; formKey: string; audience: Audience }): Promise<ReportData> {
  const db = deps.db.kysely;
  const unit = await findUnitById(db, unitId);
  if (!unit) throw new AppError('not_found');
  const parent = unit.parentId ? await findUnitById(db, unit.parentId) : undefined;
  const period = periodForRange(opts.from, opts.to);
  const tallies = await buildTallies(deps, unitId, opts.from, opts.to, opts.formKey);
  const internal = opts.audience === 'internal';

  const [byDay, channels, head, coverage, comments, officers, fields] = await Promise.all([
    sumByDay(db, { unitId, formKey: opts.formKey, from: opts.from, to: opts.to }, tallies.form.overallKey),
    channelCounts(db, unitId, opts.formKey, opts.from, opts.to),
    chainHeadAt(db, unitId, new Date(Date.parse(`${addDays(opts.to, 1)}T00:00:00+07:00`)).toISOString()),
    period.kind === 'range' ? Promise.resolve(null) : buildCoverage(deps, unitId, period.key),
    periodComments(db, unitId, opts.formKey, opts.from, opts.to),
    listOfficers(db, unitId),
    listFields(db, unitId),
  ]);

  const dayLevels = levelsBy(byDay, (r) => r.day);
  const trendUnit = bucketUnitFor(opts.from, opts.to);
  const buckets = bucketsOf(opts.from, opts.to, trendUnit);
  const trendRows = buckets.map((b) => {
    const levels = emptyLevels();
    for (const [day, l] of dayLevels) {
      if (day < b.from || day > b.to) continue;
      for (const k of ['1', '2', '3', '4', '5'] as const) levels[k] += l[k];
    }
    return { key: b.key, name: b.label, detail: b.from === b.to ? formatViDate(b.from) : `${formatViDate(b.from)} – ${formatViDate(b.to)}`, shares: sharesOf(levels) };
  });

  const officerName = new Map(officers.map((o) => [o.id, o.name]));
  const fieldName = new Map(fields.map((f) => [f.id, f.name]));
  const issueLabel = new Map(tallies.form.issues.map((i) => [i.key, i.label]));
  const notes = await notesForResponses(db, comments.map((c) => c.id));
  const handledOf = (id: string) => notes.get(id)?.at(-1)?.handled === true;
  const issueCounts = tallies.form.issues.map((i) => {
    const withIssue = comments.filter((c) => c.issues.includes(i.key));
    return { key: i.key, label: i.label, count: withIssue.length, handled: withIssue.filter((c) => handledOf(c.id)).length };
  });

  const groupLabel = new Map(tallies.form.groups.map((g) => [g.key, g.label]));
  return {
    audience: opts.audience,
    unit: { id: unit.id, code: unit.code, name: unit.name, parentName: parent?.name ?? null, place: placeOf(unit.name) },
    period,
    dataUntil: vietnamDay(deps.now()) < period.to ? vietnamDay(deps.now()) : period.to,
    generatedAt: deps.now().toISOString(),
    form: tallies.form,
    rule: RULE,
    total: tallies.total,
    questions: tallies.form.questions.map((q) => ({ key: q.key, name: q.shortLabel, detail: q.group ? (groupLabel.get(q.group) ?? null) : null, shares: tallies.questions[q.key]! })),
    fields: tallies.fields.filter((f) => f.responses > 0).map((f) => ({ key: f.fieldId ?? '', name: f.name, detail: null, shares: f })),
    officers: internal
      ? tallies.officers
          .filter((o) => o.responses > 0)
          .sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.responses - a.responses)
          .map((o) => ({ key: o.officerId, name: o.name, detail: o.title, shares: o }))
      : null,
    trend: { unit: trendUnit, rows: trendRows },
    channels: [...channels.entries()].sort((a, b) => b[1] - a[1]).map(([channel, n]) => ({ channel, label: CHANNEL_LABELS[channel], responses: n })),
    coverage,
    index: tallies.index,
    comments: internal
      ? comments.map((c) => {
          const last = notes.get(c.id)?.at(-1);
          return {
            seq: c.seq,
            receivedAt: c.receivedAt,
            officer: c.officerId ? (officerName.get(c.officerId) ?? null) : null,
            field: c.fieldId ? (fieldName.get(c.fieldId) ?? null) : null,
            level: c.answers[tallies.form.overallKey] ?? null,
            issues: c.issues.map((k) => issueLabel.get(k) ?? k),
            comment: c.comment,
            handling: last ? { handled: last.handled, note: last.note, by: last.author, at: last.createdAt } : null,
          };
        })
      : null,
    issueCounts,
    chainHead: head,
  };
}
