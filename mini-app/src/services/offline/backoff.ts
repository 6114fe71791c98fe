export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
  /** 0 … 1: share of the delay that is randomised, so many phones do not retry in step. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30_000, jitter: 0.2 };

/** Delay before retry number `attempt` (1-based): base · 2^(attempt-1), capped, with jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const spread = exponential * options.jitter;
  return Math.round(exponential - spread + random() * spread);
}
