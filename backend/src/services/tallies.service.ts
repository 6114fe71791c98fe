import type { Deps } from '../deps.ts';
import { channelSums } from '../db/channel-tallies.repository.ts';
import { channelCounts } from '../db/report.repository.ts';
import type { Channel } from '../domain/channels.ts';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import { sumByDay, sumByField, sumByOfficer, sumByQuestion, type LevelSum } from '../db/tallies.repository.ts';
import { addLevels, sharesOf, type Shares } from '../domain/results.ts';
import { RULE, type SatisfactionRule } from '../domain/rule.ts';
import { sipasIndex, type SipasIndex } from '../domain/sipas.ts';
import { emptyLevels, type LevelCounts } from '../domain/tally.ts';
import { formView, latestFormOrThrow, type FormView } from './form-view.ts';

export type OfficerTally = Shares & { officerId: string; name: string; title: string | null };
export type FieldTally = Shares & { fieldId: string | null; name: string };
export type DayTally = Shares & { day: string };

export interface TalliesReport {
  unitId: string;
  from: string;
  to: string;
  /** The one channel these figures are of; null: every channel. */
  channel: Channel | null;
  /** The form these figures are of, with its labels: screens write no question label themselves. */
  form: FormView;
  /** The rule every flag here was decided by. */
  rule: SatisfactionRule;
  /** The general question's figures, and the responses per channel (always every channel's). */
  total: Shares & { channels?: Partial<Record<Channel, number>> };
  questions: Record<string, Shares>;
  officers: OfficerTally[];
  fields: FieldTally[];
  days: DayTally[];
  /** The SIPAS index, for a form whose questions sit in groups (aspect → factor); null otherwise. */
  index: SipasIndex | null;
}

/** Level counts per key from (key, level, n) rows. */
export function levelsBy<R extends LevelSum>(rows: R[], keyOf: (r: R) => string): Map<string, LevelCounts> {
  const out = new Map<string, LevelCounts>();
  for (const r of rows) {
    const key = keyOf(r);
    addLevels(out.get(key) ?? out.set(key, emptyLevels()).get(key)!, [r]);
  }
  return out;
}

/** The tallies route: read from the tallies table only, never from raw responses. */
/**
 * The results of a unit's form over days: from the tallies, or, for one channel, counted from
 * that channel's responses (the tallies keep no channels apart); the same model either way.
 */
export async function buildTallies(deps: Deps, unitId: string, from: string, to: string, formKey = 'counter', channel: Channel | null = null): Promise<TalliesReport> {
  const db = deps.db.kysely;
  const form = await latestFormOrThrow(deps, formKey);
  const range = { unitId, formKey, from, to };
  const overall = form.overallKey;
  const sums = channel
    ? channelSums(db, range, channel, overall)
    : Promise.all([sumByQuestion(db, range, form.questions.map((q) => q.key)), sumByOfficer(db, range, overall), sumByField(db, range, overall), sumByDay(db, range, overall)]).then(
        ([byQuestion, byOfficer, byField, byDay]) => ({ byQuestion, byOfficer, byField, byDay }),
      );
  const [{ byQuestion, byOfficer, byField, byDay }, channels, officers, fields] = await Promise.all([sums, channelCounts(db, unitId, formKey, from, to), listOfficers(db, unitId), listFields(db, unitId)]);

  const questionLevels = levelsBy(byQuestion, (r) => r.questionKey);
  const questions: Record<string, Shares> = {};
  for (const q of form.questions) questions[q.key] = sharesOf(questionLevels.get(q.key) ?? emptyLevels());

  const officerLevels = levelsBy(byOfficer, (r) => r.officerId);
  const officerRows: OfficerTally[] = officers
    .filter((o) => o.active || officerLevels.has(o.id))
    .map((o) => ({ officerId: o.id, name: o.name, title: o.title, ...sharesOf(officerLevels.get(o.id) ?? emptyLevels()) }));

  const fieldLevels = levelsBy(byField, (r) => r.fieldId);
  const fieldRows: FieldTally[] = fields
    .filter((f) => f.active || fieldLevels.has(f.id))
    .map((f) => ({ fieldId: f.id as string | null, name: f.name, ...sharesOf(fieldLevels.get(f.id) ?? emptyLevels()) }));
  const noField = fieldLevels.get('');
  if (noField) fieldRows.push({ fieldId: null, name: 'Không chọn lĩnh vực', ...sharesOf(noField) });

  const days = [...levelsBy(byDay, (r) => r.day).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, levels]) => ({ day, ...sharesOf(levels) }));

  return {
    unitId,
    from,
    to,
    channel,
    form: formView(form),
    rule: RULE,
    total: { ...questions[overall]!, channels: Object.fromEntries(channels) },
    questions,
    officers: officerRows,
    fields: fieldRows,
    days,
    index: form.groups.length > 0 ? sipasIndex(form, questionLevels) : null,
  };
}
