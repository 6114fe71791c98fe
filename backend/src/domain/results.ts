import { LEVEL_VALUES, type Level } from './levels.ts';
import { isOverThreshold, RULE, thresholdText, type SatisfactionRule } from './rule.ts';
import { emptyLevels, totalOf, type LevelCounts } from './tally.ts';
import { wilsonInterval } from './wilson.ts';

/**
 * The results model: level counts → satisfied and dissatisfied counts and shares → the rule's
 * flag → the Wilson interval of the dissatisfied share → the small-sample mark. Every screen,
 * the board, alert texts and reports show a group of responses through this one type.
 */
export interface Shares {
  responses: number;
  levels: LevelCounts;
  satisfied: number;
  dissatisfied: number;
  /** (n4 + n5) / n; null when n = 0. */
  satisfiedShare: number | null;
  /** (n1 + n2) / n; null when n = 0. */
  dissatisfiedShare: number | null;
  /** Over the threshold by the rule (any n). */
  flagged: boolean;
  /** The rule's confidence interval (Wilson) of the dissatisfied share; null when n = 0. */
  dissatisfiedInterval: { low: number; high: number } | null;
  /** n below the rule's small sample: "ít dữ liệu". */
  smallSample: boolean;
}

const sumOf = (levels: LevelCounts, which: readonly Level[]) => which.reduce((n, l) => n + levels[String(l) as keyof LevelCounts], 0);

export function sharesOf(levels: LevelCounts, rule: SatisfactionRule = RULE): Shares {
  const n = totalOf(levels);
  const satisfied = sumOf(levels, rule.satisfiedLevels);
  const dissatisfied = sumOf(levels, rule.dissatisfiedLevels);
  return {
    responses: n,
    levels,
    satisfied,
    dissatisfied,
    satisfiedShare: n === 0 ? null : satisfied / n,
    dissatisfiedShare: n === 0 ? null : dissatisfied / n,
    flagged: isOverThreshold(dissatisfied, n, rule),
    dissatisfiedInterval: wilsonInterval(dissatisfied, n, zFor(rule.confidence)),
    smallSample: n < rule.smallSample,
  };
}

/** Shares of no responses at all. */
export const noShares = (rule: SatisfactionRule = RULE): Shares => sharesOf(emptyLevels(), rule);

/** Level counts added up from rows of (level, n); rows with a level outside 1–5 are ignored. */
export function addLevels(into: LevelCounts, rows: Iterable<{ level: number; n: number }>): LevelCounts {
  for (const r of rows) if ((LEVEL_VALUES as readonly number[]).includes(r.level)) into[String(r.level) as keyof LevelCounts] += r.n;
  return into;
}

/** Two-sided normal quantile for the confidences the product uses. */
export function zFor(confidence: number): number {
  if (confidence === 0.95) return 1.959964;
  if (confidence === 0.998) return 3.090232;
  if (confidence === 0.99) return 2.575829;
  throw new Error(`no z for confidence ${confidence}`);
}

/**
 * Where an officer sits in the funnel around the threshold at their n: above the 99.8 % or 95 %
 * limit (more dissatisfied than chance explains), within (chance may explain it), below the 95 %
 * limit, or none (no responses). 2 of 3 looks worse than 30 of 100 but proves less.
 */
export type FunnelBand = 'above-99.8' | 'above-95' | 'within' | 'below-95' | 'none';

export interface FunnelLimit {
  n: number;
  low95: number;
  high95: number;
  low998: number;
  high998: number;
}

/** Control limits around the threshold for a sample of n (normal approximation of the binomial). */
export function funnelLimit(n: number, rule: SatisfactionRule = RULE): FunnelLimit {
  const p0 = rule.thresholdShare;
  const se = Math.sqrt((p0 * (1 - p0)) / n);
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  const z95 = zFor(0.95);
  const z998 = zFor(0.998);
  return { n, low95: clip(p0 - z95 * se), high95: clip(p0 + z95 * se), low998: clip(p0 - z998 * se), high998: clip(p0 + z998 * se) };
}

/** Limits at enough n values to draw smooth curves from 1 to maxN. */
export function funnelLimits(maxN: number, rule: SatisfactionRule = RULE): FunnelLimit[] {
  const top = Math.max(10, maxN);
  const ns = new Set<number>();
  for (let i = 0; i <= 60; i++) ns.add(Math.max(1, Math.round(Math.exp((Math.log(top) * i) / 60))));
  return [...ns].sort((a, b) => a - b).map((n) => funnelLimit(n, rule));
}

export function funnelBand(dissatisfied: number, n: number, rule: SatisfactionRule = RULE): FunnelBand {
  if (n === 0) return 'none';
  const share = dissatisfied / n;
  const l = funnelLimit(n, rule);
  if (share > l.high998) return 'above-99.8';
  if (share > l.high95) return 'above-95';
  if (share < l.low95) return 'below-95';
  return 'within';
}

/**
 * The chairman's two questions about a share, answered in one wording on every screen, report and
 * alert (issue 27): is it over the threshold by the rule (any n: the official flag), and is it more
 * than chance explains (the rule's interval lies wholly above the threshold, i.e. the funnel's
 * 95 % limit is passed: the Wilson interval inverts the same score test)?
 */
export interface Verdict {
  overRule: boolean;
  /** 'certain': more than chance explains; 'chance': over by the rule, but chance may explain it; null when not over. */
  certainty: 'certain' | 'chance' | null;
  /** "Vượt 25% (theo quy định) – chắc chắn", "… – có thể do ngẫu nhiên (ít phiếu)", "Không vượt 25%", "Chưa có phiếu". */
  label: string;
}

export function verdictOf(s: Pick<Shares, 'responses' | 'dissatisfied' | 'flagged'>, rule: SatisfactionRule = RULE): Verdict {
  const t = thresholdText(rule);
  if (s.responses === 0) return { overRule: false, certainty: null, label: 'Chưa có phiếu' };
  if (!s.flagged) return { overRule: false, certainty: null, label: `Không vượt ${t}` };
  const band = funnelBand(s.dissatisfied, s.responses, rule);
  const certain = band === 'above-95' || band === 'above-99.8';
  return { overRule: true, certainty: certain ? 'certain' : 'chance', label: `${OVER_RULE(t)} – ${certain ? CERTAIN : BY_CHANCE}` };
}

/** The pieces of the verdict's wording, for screens that lay them out apart. */
export const OVER_RULE = (threshold: string) => `Vượt ${threshold} (theo quy định)`;
export const CERTAIN = 'chắc chắn';
export const BY_CHANCE = 'có thể do ngẫu nhiên (ít phiếu)';
