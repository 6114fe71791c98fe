import type { Logger } from '../logger.ts';
import type { StorageFailure } from '../write-path/writer.ts';

/** What /healthz shows while writes fail for want of space. */
export interface StorageStatus {
  code: string;
  message: string;
  since: string;
  lastFailureAt: string;
  failures: number;
}

/**
 * Whether the database can be written to, as the writers last found it. A full disk fails every
 * write until space is freed; writes resume by themselves then. Meanwhile the operator's log gets
 * the real cause once per `logEveryMs` (not a line per request), /healthz answers 503 with it and
 * /metrics counts the failures. It is over at the next commit, or once no write has failed for
 * `forgetAfterMs` (nobody wrote since: nothing says it still fails).
 */
export class StorageHealth {
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #logEveryMs: number;
  readonly #forgetAfterMs: number;
  readonly #onFailure: (code: string) => void;
  #failing: (StorageStatus & { loggedAt: number; unlogged: number }) | null = null;

  constructor(opts: { logger: Logger; now: () => Date; onFailure?: (code: string) => void; logEveryMs?: number; forgetAfterMs?: number }) {
    this.#logger = opts.logger;
    this.#now = opts.now;
    this.#onFailure = opts.onFailure ?? (() => {});
    this.#logEveryMs = opts.logEveryMs ?? 60_000;
    this.#forgetAfterMs = opts.forgetAfterMs ?? 60_000;
  }

  failed(failure: StorageFailure): void {
    const now = this.#now();
    this.#onFailure(failure.code);
    const f = this.#failing;
    if (f && f.code === failure.code) {
      f.failures++;
      f.lastFailureAt = now.toISOString();
      f.message = failure.message;
      if (now.getTime() - f.loggedAt < this.#logEveryMs) {
        f.unlogged++;
        return;
      }
      this.#logger.error('database writes still failing', { code: f.code, cause: f.message, since: f.since, failuresSinceLastLog: f.unlogged + 1 });
      f.loggedAt = now.getTime();
      f.unlogged = 0;
      return;
    }
    this.#failing = { ...failure, since: now.toISOString(), lastFailureAt: now.toISOString(), failures: 1, loggedAt: now.getTime(), unlogged: 0 };
    this.#logger.error('database writes failing: no space left for the database; responses get 503 and phones retry', { code: failure.code, cause: failure.message });
  }

  /** A write committed: the database takes writes again. */
  recovered(): void {
    const f = this.#failing;
    if (!f) return;
    this.#failing = null;
    this.#logger.info('database writes work again', { code: f.code, since: f.since, failures: f.failures });
  }

  status(): StorageStatus | null {
    const f = this.#failing;
    if (!f) return null;
    if (this.#now().getTime() - Date.parse(f.lastFailureAt) > this.#forgetAfterMs) return null;
    return { code: f.code, message: f.message, since: f.since, lastFailureAt: f.lastFailureAt, failures: f.failures };
  }
}
