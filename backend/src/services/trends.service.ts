import { listOfficers } from '../db/officers.repository.ts';
import { sumByOfficer } from '../db/tallies.repository.ts';
import { sumByDayAndQuestion } from '../db/trends.repository.ts';
import { addDays } from '../domain/day.ts';
import { isFlagged, LOW_RATING_THRESHOLD } from '../domain/flag.ts';
import { COUNTER_FORM_V1 } from '../domain/form.ts';
import { isLevel } from '../domain/levels.ts';
import { addLevel, dissatisfiedShare, emptyLevels, satisfiedShare, totalOf, type LevelCounts } from '../domain/tally.ts';
import type { Deps } from './context.ts';

export interface DayShares {
  responses: number;
  satisfiedShare: number | null;
  dissatisfiedShare: number | null;
}

export interface FunnelPoint {
  officerId: string;
  name: string;
  responses: number;
  dissatisfied: number;
  dissatisfiedShare: number | null;
  flagged: boolean;
  /** Where the officer sits against the 25 % line's limits at their n. */
  band: 'above-99.8' | 'above-95' | 'within' | 'below-95' | 'none';
}

export interface FunnelLimit {
  n: number;
  low95: number;
  high95: number;
  low998: number;
  high998: number;
}

const Z95 = 1.959964;
const Z998 = 3.090232;

/**
 * Control limits around the 25 % line for a sample of n (normal approximation of the binomial):
 * an officer outside them differs from 25 % by more than chance at that n. This is what keeps a
 * funnel plot honest where a ranking is not: 2 of 3 looks worse than 30 of 100 but proves less.
 */
export function funnelLimit(n: number, p0 = LOW_RATING_THRESHOLD): FunnelLimit {
  const se = Math.sqrt((p0 * (1 - p0)) / n);
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  return { n, low95: clip(p0 - Z95 * se), high95: clip(p0 + Z95 * se), low998: clip(p0 - Z998 * se), high998: clip(p0 + Z998 * se) };
}

/** Limits at enough n values to draw smooth curves from 1 to maxN. */
export function funnelLimits(maxN: number): FunnelLimit[] {
  const top = Math.max(10, maxN);
  const ns = new Set<number>();
  for (let i = 0; i <= 60; i++) ns.add(Math.max(1, Math.round(Math.exp((Math.log(top) * i) / 60))));
  return [...ns].sort((a, b) => a - b).map((n) => funnelLimit(n));
}

export function funnelBand(dissatisfied: number, n: number): FunnelPoint['band'] {
  if (n === 0) return 'none';
  const share = dissatisfied / n;
  const l = funnelLimit(n);
  if (share > l.high998) return 'above-99.8';
  if (share > l.high95) return 'above-95';
  if (share < l.low95) return 'below-95';
  return 'within';
}

function sharesOf(levels: LevelCounts): DayShares {
  return { responses: totalOf(levels), satisfiedShare: satisfiedShare(levels), dissatisfiedShare: dissatisfiedShare(levels) };
}

/** Per-day series (every day of the range, empty days included) per criterion, and the funnel. */
export async function buildTrends(deps: Deps, unitId: string, from: string, to: string) {
  const db = deps.db.kysely;
  const overall = COUNTER_FORM_V1.overallKey;
  const [cells, byOfficer, officers] = await Promise.all([
    sumByDayAndQuestion(db, { unitId, from, to }, COUNTER_FORM_V1.questions.map((q) => q.key)),
    sumByOfficer(db, { unitId, from, to }, overall),
    listOfficers(db, unitId),
  ]);
  const grid = new Map<string, LevelCounts>();
  for (const c of cells) {
    if (!isLevel(c.level)) continue;
    const key = `${c.day}|${c.questionKey}`;
    addLevel(grid.get(key) ?? grid.set(key, emptyLevels()).get(key)!, c.level, c.n);
  }
  const days = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const questions: Record<string, DayShares> = {};
    for (const q of COUNTER_FORM_V1.questions) questions[q.key] = sharesOf(grid.get(`${day}|${q.key}`) ?? emptyLevels());
    days.push({ day, ...questions[overall]!, questions });
  }

  const officerLevels = new Map<string, LevelCounts>();
  for (const r of byOfficer) {
    if (!isLevel(r.level) || r.officerId === '') continue;
    addLevel(officerLevels.get(r.officerId) ?? officerLevels.set(r.officerId, emptyLevels()).get(r.officerId)!, r.level, r.n);
  }
  const points: FunnelPoint[] = officers
    .filter((o) => o.active || officerLevels.has(o.id))
    .map((o) => {
      const levels = officerLevels.get(o.id) ?? emptyLevels();
      const n = totalOf(levels);
      const k = levels['1'] + levels['2'];
      return { officerId: o.id, name: o.name, responses: n, dissatisfied: k, dissatisfiedShare: dissatisfiedShare(levels), flagged: isFlagged(levels), band: funnelBand(k, n) };
    });
  const maxN = points.reduce((m, p) => Math.max(m, p.responses), 0);
  return {
    unitId,
    from,
    to,
    questions: COUNTER_FORM_V1.questions.map((q) => ({ key: q.key, label: q.label })),
    days,
    funnel: { target: LOW_RATING_THRESHOLD, officers: points, limits: funnelLimits(maxN) },
  };
}

export type TrendsReport = Awaited<ReturnType<typeof buildTrends>>;
