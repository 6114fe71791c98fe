import type { Deps } from '../deps.ts';
import { findUnitByCode } from '../db/units.repository.ts';
import { listOfficers } from '../db/officers.repository.ts';
import { sumByOfficer, sumByQuestion } from '../db/tallies.repository.ts';
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
}

export interface BoardData {
  unit: { code: string; name: string; showOfficerNames: boolean };
  form: { key: string; title: string };
  today: string;
  generatedAt: string;
  periods: BoardPeriod[];
  chainHead: { seq: number; hash: string } | null;
}

async function period(deps: Deps, unitId: string, form: FormDefinition, key: BoardPeriod['key'], from: string, to: string, withOfficers: boolean): Promise<BoardPeriod> {
  const db = deps.db.kysely;
  const range = { unitId, formKey: form.key, from, to };
  const overall = form.overallKey;
  const [byQuestion, byOfficer, officers] = await Promise.all([
    sumByQuestion(db, range, form.questions.map((q) => q.key)),
    withOfficers ? sumByOfficer(db, range, overall) : Promise.resolve([]),
    withOfficers ? listOfficers(db, unitId) : Promise.resolve([]),
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
  };
}

/**
 * What the public board shows: this month and this year of one unit, for one form (the counter
 * form unless asked). Reads units, tallies and chain_heads only (aggregate queries over the
 * tallies' primary key), so it stays fast however many responses are stored. Undefined for an
 * unknown unit code.
 */
export async function buildBoard(deps: Deps, unitCode: string, formKey = 'counter'): Promise<BoardData | undefined> {
  const unit = await findUnitByCode(deps.db.kysely, unitCode);
  if (!unit) return undefined;
  const form = await latestFormOrThrow(deps, formKey);
  const now = deps.now();
  const today = vietnamDay(now);
  const [month, year, head] = await Promise.all([
    period(deps, unit.id, form, 'month', `${today.slice(0, 7)}-01`, today, unit.showOfficerNames),
    period(deps, unit.id, form, 'year', `${today.slice(0, 4)}-01-01`, today, unit.showOfficerNames),
    deps.db.kysely.selectFrom('chain_heads').select(['seq', 'hash']).where('unit_id', '=', unit.id).executeTakeFirst(),
  ]);
  return {
    unit: { code: unit.code, name: unit.name, showOfficerNames: unit.showOfficerNames },
    form: { key: form.key, title: form.title },
    today,
    generatedAt: now.toISOString(),
    periods: [month, year],
    chainHead: head ? { seq: Number(head.seq), hash: head.hash } : null,
  };
}
