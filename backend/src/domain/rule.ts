import type { Level } from './levels.ts';

/**
 * The satisfaction rule of seed 004 §III.5–6.b, the one place it is written: levels 4–5 are
 * satisfied, 1–2 dissatisfied, and an officer whose dissatisfied share is "trên 25%" (strictly
 * over one quarter) has a low rating. The threshold is a fraction, compared in integers, so that
 * no floating-point rounding can move a case that sits exactly on it. Served by the API
 * (GET /api/public/rule, and with every report): no screen, chart or text writes 25 itself.
 */
export interface SatisfactionRule {
  readonly satisfiedLevels: readonly Level[];
  readonly dissatisfiedLevels: readonly Level[];
  /** The threshold as a fraction: over numerator / denominator is flagged. */
  readonly threshold: { readonly numerator: number; readonly denominator: number };
  /** The same threshold as a share (0.25), for display and charts only; decisions use the fraction. */
  readonly thresholdShare: number;
  /** "trên": strictly greater. */
  readonly strictlyGreater: true;
  /** Below this many responses a share is marked "ít dữ liệu" (too little data). */
  readonly smallSample: number;
  /** Confidence of the intervals and the inner funnel limits. */
  readonly confidence: number;
}

export const RULE: SatisfactionRule = {
  satisfiedLevels: [4, 5],
  dissatisfiedLevels: [1, 2],
  threshold: { numerator: 1, denominator: 4 },
  thresholdShare: 0.25,
  strictlyGreater: true,
  smallSample: 10,
  confidence: 0.95,
};

/** k dissatisfied of n over the threshold: k / n > num / den ⇔ k·den > num·n (n > 0). */
export function isOverThreshold(dissatisfied: number, n: number, rule: SatisfactionRule = RULE): boolean {
  return n > 0 && dissatisfied * rule.threshold.denominator > rule.threshold.numerator * n;
}

/** "25 %" as a Vietnamese reader writes it, for texts built on the server (alerts, reports). */
export function thresholdText(rule: SatisfactionRule = RULE): string {
  const pct = (rule.threshold.numerator / rule.threshold.denominator) * 100;
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1).replace('.', ',')}%`;
}
