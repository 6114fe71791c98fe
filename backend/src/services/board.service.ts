import type { Deps } from '../deps.ts';
import { listPublications } from '../db/publications.repository.ts';
import { findUnitByCode } from '../db/units.repository.ts';
import { periodOf } from '../domain/periods.ts';
import { listOfficers } from '../db/officers.repository.ts';
import { channelCounts } from '../db/report.repository.ts';
import { sumByOfficer, sumByQuestion } from '../db/tallies.repository.ts';
import { CHANNEL_LABELS, type Channel } from '../domain/channels.ts';
import { vietnamDay } from '../domain/day.ts';
import { shortLabelOf, type FormDefinition } from '../domain/form.ts';
import { sharesOf, type Shares } from '../domain/results.ts';
import { emptyLevels } from '../domain/tally.ts';
import { latestFormOrThrow } from './form-view.ts';
import { levelsBy } from './tallies.service.ts';

export interface BoardPeriod {
  key: 'month' | 'year';
  from: string;
  to: string;
  total: Shares;
  questions: { key: string; label: string; shares: Shares }[];
  /** Only when the unit publishes officer names. */
  officers: { name: string; shares: Shares }[] | null;
  /** How the period's responses came (the tallies' channel cells), most first; the figures above are of them all. */
  channels: { channel: Channel; label: string; responses: number }[];
}

export interface BoardData {
  unit: { code: string; name: string; showOfficerNames: boolean };
  form: { key: string; title: string };
  today: string;
  generatedAt: string;
  periods: BoardPeriod[];
  chainHead: { seq: number; hash: string } | null;
  /** The latest published periods of this form, newest first: their PDFs, unchanged, and SHA-256. */
  published: BoardPublication[];
}

export interface BoardPublication {
  id: string;
  label: string;
  from: string;
  to: string;
  responses: number;
  satisfiedShare: number | null;
  sha256: string;
  bytes: number;
  publishedAt: string;
  href: string;
}

/** How many published periods the board lists. */
const PUBLISHED_SHOWN = 6;

async function period(deps: Deps, unitId: string, form: FormDefinition, key: BoardPeriod['key'], from: string, to: string, withOfficers: boolean): Promise<BoardPeriod> {
  const db = deps.db.kysely;
  const range = { unitId, formKey: form.key, from, to };
  const overall = form.overallKey;
  const [byQuestion, byOfficer, officers, channels] = await Promise.all([
    sumByQuestion(db, range, form.questions.map((q) => q.key)),
    withOfficers ? sumByOfficer(db, range, overall) : Promise.resolve([]),
    withOfficers ? listOfficers(db, unitId) : Promise.resolve([]),
    channelCounts(db, unitId, form.key, from, to),
  ]);
  const perQuestion = levelsBy(byQuestion, (r) => r.questionKey);
  const perOfficer = levelsBy(byOfficer, (r) => r.officerId);
  return {
    key,
    from,
    to,
    total: sharesOf(perQuestion.get(overall) ?? emptyLevels()),
    questions: form.questions.filter((q) => q.key !== overall).map((q) => ({ key: q.key, label: shortLabelOf(q), shares: sharesOf(perQuestion.get(q.key) ?? emptyLevels()) })),
    officers: withOfficers ? officers.filter((o) => o.active || perOfficer.has(o.id)).map((o) => ({ name: o.name, shares: sharesOf(perOfficer.get(o.id) ?? emptyLevels()) })) : null,
    channels: [...channels.entries()].sort((a, b) => b[1] - a[1]).map(([channel, responses]) => ({ channel, label: CHANNEL_LABELS[channel], responses })),
  };
}

/**
 * What the public board shows: this month and this year of one unit, for one form (the counter
 * form unless asked). Reads units, tallies and chain_heads only (aggregate queries over the
 * tallies' primary key), so it stays fast however many responses are stored. Undefined for an unknown unit code.
 */
export async function buildBoard(deps: Deps, unitCode: string, formKey = 'counter'): Promise<BoardData | undefined> {
  const unit = await findUnitByCode(deps.db.kysely, unitCode);
  if (!unit) return undefined;
  const form = await latestFormOrThrow(deps, formKey);
  const now = deps.now();
  const today = vietnamDay(now);
  const [month, year, head, published] = await Promise.all([
    period(deps, unit.id, form, 'month', `${today.slice(0, 7)}-01`, today, unit.showOfficerNames),
    period(deps, unit.id, form, 'year', `${today.slice(0, 4)}-01-01`, today, unit.showOfficerNames),
    deps.db.kysely.selectFrom('chain_heads').select(['seq', 'hash']).where('unit_id', '=', unit.id).executeTakeFirst(),
    listPublications(deps.db.kysely, unit.id, 50),
  ]);
  return {
    unit: { code: unit.code, name: unit.name, showOfficerNames: unit.showOfficerNames },
    form: { key: form.key, title: form.title },
    today,
    generatedAt: now.toISOString(),
    periods: [month, year],
    chainHead: head ? { seq: Number(head.seq), hash: head.hash } : null,
    published: published
      .filter((p) => p.formKey === form.key)
      .slice(0, PUBLISHED_SHOWN)
      .map((p) => ({
        id: p.id,
        label: periodOf(p.periodKey)?.label ?? p.periodKey,
        from: p.from,
        to: p.to,
        responses: p.responses,
        satisfiedShare: p.satisfiedShare,
        sha256: p.sha256,
        bytes: p.bytes,
        publishedAt: p.publishedAt,
        href: `/board/${encodeURIComponent(unit.code)}/publications/${p.id}.pdf`,
      })),
  };
}
