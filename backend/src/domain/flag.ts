import { dissatisfiedShare, type LevelCounts } from './tally.ts';

/** "trên 25%" (seed 004 §III.6.b): strictly greater than one quarter. */
export const LOW_RATING_THRESHOLD = 0.25;

export function isShareFlagged(share: number | null): boolean {
  return share !== null && share > LOW_RATING_THRESHOLD;
}

/**
 * Exact integer form of `(n1 + n2) / n > 0.25`: 4·(n1 + n2) > n, so that no floating-point
 * rounding can move a case that sits exactly on 25 %.
 */
export function isFlagged(counts: LevelCounts): boolean {
  const n = counts['1'] + counts['2'] + counts['3'] + counts['4'] + counts['5'];
  return n > 0 && 4 * (counts['1'] + counts['2']) > n;
}

export { dissatisfiedShare };
