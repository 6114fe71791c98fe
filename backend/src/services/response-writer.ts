import { isUniqueViolation } from '../db/db-errors.ts';
import type { Db } from '../db/create-db.ts';
import { appendResponses, findReceiptsByClientIds, type AppendOutcome, type NewResponseInput } from '../db/responses.repository.ts';

interface Pending {
  record: NewResponseInput;
  resolve: (o: AppendOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: one transaction at a time per process; whatever arrives while it runs is
 * written together in the next one (one multi-row insert, one tally upsert). An idle server
 * writes a lone response at once, so batching adds no wait; under load it turns N commits into
 * one, which is what keeps SQLite's synchronous=FULL (an fsync per commit) affordable.
 * Nothing is acknowledged before its transaction has committed.
 */
export class ResponseWriter {
  readonly #db: Db;
  readonly #maxBatch: number;
  #queue: Pending[] = [];
  #running = false;
  /** Batches committed and responses in them, for metrics and benchmarks. */
  readonly stats = { batches: 0, records: 0, maxBatch: 0 };

  constructor(db: Db, maxBatch = 256) {
    this.#db = db;
    this.#maxBatch = maxBatch;
  }

  submit(record: NewResponseInput): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      if (!this.#running) void this.#drain();
    });
  }

  get pending(): number {
    return this.#queue.length;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        // better-sqlite3 is synchronous, so a transaction runs as one macrotask: yield once so that
        // requests already waiting on their sockets are parsed and join this batch.
        await new Promise<void>((res) => setImmediate(res));
        const batch = this.#queue.splice(0, this.#maxBatch);
        try {
          const outcomes = await this.#write(batch.map((p) => p.record));
          batch.forEach((p, i) => p.resolve(outcomes[i]!));
        } catch {
          // One bad record (or a duplicate committed by another replica) must not fail the rest.
          for (const p of batch) {
            try {
              p.resolve((await this.#write([p.record]))[0]!);
            } catch (err) {
              const earlier = isUniqueViolation(err) ? (await findReceiptsByClientIds(this.#db.kysely, [p.record.clientId])).get(p.record.clientId) : undefined;
              if (earlier) p.resolve({ created: false, receipt: earlier });
              else p.reject(err);
            }
          }
        }
      }
    } finally {
      this.#running = false;
    }
  }

  async #write(records: NewResponseInput[]): Promise<AppendOutcome[]> {
    const outcomes = await this.#db.kysely.transaction().execute((trx) => appendResponses(trx, this.#db.dialect, records));
    this.stats.batches++;
    this.stats.records += records.length;
    this.stats.maxBatch = Math.max(this.stats.maxBatch, records.length);
    return outcomes;
  }
}
