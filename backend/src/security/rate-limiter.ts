/**
 * Token buckets in memory, one per key. Each replica counts on its own, so with R replicas a
 * source gets at most R× the budget: enough to stop ballot-stuffing, not meant as accounting.
 */
export interface RateLimitRule {
  burst: number;
  perHour: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until one more request would be allowed (0 when allowed). */
  retryAfter: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #rule: RateLimitRule;
  readonly #maxKeys: number;

  constructor(rule: RateLimitRule, maxKeys = 100_000) {
    this.#rule = rule;
    this.#maxKeys = maxKeys;
  }

  take(key: string, nowMs: number): RateDecision {
    const perMs = this.#rule.perHour / 3_600_000;
    let b = this.#buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.#rule.burst, b.tokens + (nowMs - b.updated) * perMs);
      b.updated = nowMs;
      // Re-insert so iteration order is least-recently-used first.
      this.#buckets.delete(key);
    } else {
      b = { tokens: this.#rule.burst, updated: nowMs };
      if (this.#buckets.size >= this.#maxKeys) this.#evict();
    }
    this.#buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, retryAfter: 0 };
    }
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
  }

  /** Whether `take` would allow the key now, without spending a token. */
  wouldAllow(key: string, nowMs: number): RateDecision {
    const b = this.#buckets.get(key);
    if (!b) return { allowed: true, retryAfter: 0 };
    const perMs = this.#rule.perHour / 3_600_000;
    const tokens = Math.min(this.#rule.burst, b.tokens + (nowMs - b.updated) * perMs);
    return tokens >= 1 ? { allowed: true, retryAfter: 0 } : { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  }

  get size(): number {
    return this.#buckets.size;
  }

  #evict(): void {
    // Drop the least recently used tenth: a full bucket forgotten is the same as a new one.
    let drop = Math.ceil(this.#maxKeys / 10);
    for (const key of this.#buckets.keys()) {
      if (drop-- <= 0) break;
      this.#buckets.delete(key);
    }
  }
}
