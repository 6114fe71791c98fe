/**
 * Bounds costly work (a password hash: 32 MiB and ~0.1 s of CPU each) by how much runs at once,
 * how much waits, and how much one key (a client address) may hold. What does not fit is refused
 * at once, before any of it is done: 100 concurrent logins from one address kept every scrypt
 * worker busy and a real login went from 0.15 s to 8.7 s (issue 23).
 */
export interface WorkGateLimits {
  /** Running at once. */
  concurrency: number;
  /** Waiting at once, all keys together. */
  maxQueued: number;
  /** Running and waiting at once for one key. */
  perKey: number;
}

export class WorkGateFull extends Error {
  override name = 'WorkGateFull';
  constructor(readonly reason: 'key' | 'queue') {
    super(reason === 'key' ? 'this key already holds its share of the gate' : 'the gate queue is full');
  }
}

export class WorkGate {
  readonly #limits: WorkGateLimits;
  readonly #queue: (() => void)[] = [];
  readonly #held = new Map<string, number>();
  #active = 0;
  #maxActiveSeen = 0;

  constructor(limits: WorkGateLimits) {
    this.#limits = limits;
  }

  /** Runs `work` when a slot is free; throws WorkGateFull at once when the key or the queue is full. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const held = this.#held.get(key) ?? 0;
    if (held >= this.#limits.perKey) throw new WorkGateFull('key');
    if (this.#active >= this.#limits.concurrency && this.#queue.length >= this.#limits.maxQueued) throw new WorkGateFull('queue');
    this.#held.set(key, held + 1);
    try {
      if (this.#active >= this.#limits.concurrency) await new Promise<void>((res) => this.#queue.push(res));
      else this.#active++;
      this.#maxActiveSeen = Math.max(this.#maxActiveSeen, this.#active);
      try {
        return await work();
      } finally {
        // The slot passes to the next in line, or frees up.
        const next = this.#queue.shift();
        if (next) next();
        else this.#active--;
      }
    } finally {
      const left = (this.#held.get(key) ?? 1) - 1;
      if (left <= 0) this.#held.delete(key);
      else this.#held.set(key, left);
    }
  }

  stats(): { active: number; queued: number; maxActiveSeen: number } {
    return { active: this.#active, queued: this.#queue.length, maxActiveSeen: this.#maxActiveSeen };
  }
}
