/** Longest wait between two attempts. */
export const MAX_BACKOFF_MS = 6 * 3_600_000;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so replicas
 * retrying after one outage spread out instead of hitting Zalo together.
 */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
