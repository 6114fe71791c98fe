import { findUnitByCode } from '../db/units.repository.ts';
import { listOfficers } from '../db/officers.repository.ts';
import { sumByOfficer, sumByQuestion } from '../db/tallies.repository.ts';
import { vietnamDay } from '../domain/day.ts';
import { COUNTER_FORM_V1 } from '../domain/form.ts';
import { isLevel } from '../domain/levels.ts';
import { addLevel, dissatisfiedShare, emptyLevels, satisfiedShare, totalOf, type LevelCounts } from '../domain/tally.ts';
import type { Deps } from './context.ts';

export interface BoardShares {
  responses: number;
  levels: LevelCounts;
  satisfiedShare: number | null;
  dissatisfiedShare: number | null;
}

export interface BoardPeriod {
  key: 'month' | 'year';
  from: string;
  to: string;
  total: BoardShares;
  questions: { key: string; label: string; shares: BoardShares }[];
  /** Only when the unit publishes officer names. */
  officers: { name: string; shares: BoardShares }[] | null;
}

export interface BoardData {
  unit: { code: string; name: string; showOfficerNames: boolean };
  today: string;
  generatedAt: string;
  periods: BoardPeriod[];
  chainHead: { seq: number; hash: string } | null;
}

const sharesOf = (levels: LevelCounts): BoardShares => ({
  responses: totalOf(levels),
  levels,
  satisfiedShare: satisfiedShare(levels),
  dissatisfiedShare: dissatisfiedShare(levels),
});

async function period(deps: Deps, unitId: string, key: BoardPeriod['key'], from: string, to: string, withOfficers: boolean): Promise<BoardPeriod> {
  const db = deps.db.kysely;
  const range = { unitId, from, to };
  const overall = COUNTER_FORM_V1.overallKey;
  const [byQuestion, byOfficer, officers] = await Promise.all([
    sumByQuestion(db, range, COUNTER_FORM_V1.questions.map((q) => q.key)),
    withOfficers ? sumByOfficer(db, range, overall) : Promise.resolve([]),
    withOfficers ? listOfficers(db, unitId) : Promise.resolve([]),
  ]);
  const perQuestion = new Map<string, LevelCounts>();
  for (const r of byQuestion) if (isLevel(r.level)) addLevel(perQuestion.get(r.questionKey) ?? perQuestion.set(r.questionKey, emptyLevels()).get(r.questionKey)!, r.level, r.n);
  const perOfficer = new Map<string, LevelCounts>();
  for (const r of byOfficer) if (isLevel(r.level)) addLevel(perOfficer.get(r.officerId) ?? perOfficer.set(r.officerId, emptyLevels()).get(r.officerId)!, r.level, r.n);
  return {
    key,
    from,
    to,
    total: sharesOf(perQuestion.get(overall) ?? emptyLevels()),
    questions: COUNTER_FORM_V1.questions
      .filter((q) => q.key !== overall)
      .map((q) => ({ key: q.key, label: q.label, shares: sharesOf(perQuestion.get(q.key) ?? emptyLevels()) })),
    officers: withOfficers
      ? officers.filter((o) => o.active || perOfficer.has(o.id)).map((o) => ({ name: o.name, shares: sharesOf(perOfficer.get(o.id) ?? emptyLevels()) }))
      : null,
  };
}

/**
 * What the public board shows: this month and this year of one unit. Reads units, tallies and
 * chain_heads only (aggregate queries over the tallies' primary key), so it stays fast however
 * many responses are stored. Undefined for an unknown unit code.
 */
export async function buildBoard(deps: Deps, unitCode: string): Promise<BoardData | undefined> {
  const unit = await findUnitByCode(deps.db.kysely, unitCode);
  if (!unit) return undefined;
  const now = deps.now();
  const today = vietnamDay(now);
  const [month, year, head] = await Promise.all([
    period(deps, unit.id, 'month', `${today.slice(0, 7)}-01`, today, unit.showOfficerNames),
    period(deps, unit.id, 'year', `${today.slice(0, 4)}-01-01`, today, unit.showOfficerNames),
    deps.db.kysely.selectFrom('chain_heads').select(['seq', 'hash']).where('unit_id', '=', unit.id).executeTakeFirst(),
  ]);
  return {
    unit: { code: unit.code, name: unit.name, showOfficerNames: unit.showOfficerNames },
    today,
    generatedAt: now.toISOString(),
    periods: [month, year],
    chainHead: head ? { seq: Number(head.seq), hash: head.hash } : null,
  };
}
