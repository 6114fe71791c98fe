import { isStorageFull, isUniqueViolation, storageErrorOf } from '../db/db-errors.ts';
import { IllFormedTextError } from '../domain/chain.ts';
import { AppError } from '../app-error.ts';
import type { Transaction } from 'kysely';
import type { Db, DialectName } from '../db/create-db.ts';
import { batchStatements, type BatchStatements } from '../db/dialects/postgres/pipeline.ts';
import type { Database } from '../db/schema.ts';
import { findReceiptsByClientIds } from '../db/responses.repository.ts';
import { appendResponses, ClientIdTakenError, receiptForRetry, type AppendedResponse, type AppendOutcome, type NewResponseInput } from './append.ts';

/**
 * Runs inside the same transaction as the insert, after the batch is appended: the place for
 * work that must commit or roll back with the responses (e.g. the alert outbox).
 */
export type AfterAppend = {
  (trx: Transaction<Database>, dialect: DialectName, appended: AppendedResponse[], batch: BatchContext): Promise<void>;
  /**
   * Called with the submitted records (duplicates not yet dropped) once the batch's chain-head
   * lock is sent, before the append: the place to send reads the hook will need ahead
   * (batch.statements.ahead). They share the lock's round trip, run under the batch's locks, and
   * see the database as it was before the batch.
   */
  prepare?: (trx: Transaction<Database>, records: NewResponseInput[], batch: BatchContext) => void;
  /**
   * Whether the hook may read the database after these records' append (unset: it may). When no
   * hook does, the append goes out with the COMMIT (one round trip fewer on PostgreSQL), and the
   * hooks run before it has: their writes queued with batch.statements.atCommit follow it.
   */
  readsAfterAppend?: (records: NewResponseInput[]) => boolean;
};

/** One batch's transaction, as its hooks see it. */
export interface BatchContext {
  /** Reads ahead and writes sent with the COMMIT: on the writer thread's PostgreSQL connection they share round trips. */
  statements: BatchStatements;
}

/** Where responses are stored: this thread's ResponseWriter, or one in a worker thread (writer-thread.ts). */
export interface ResponseSink {
  submit(record: NewResponseInput): Promise<AppendOutcome>;
  /** Submitted, not yet answered. */
  readonly pending: number;
  /** Batches committed and responses in them, for metrics and benchmarks. */
  readonly stats: WriterStats;
  /** Resolves when submissions are written without delay (a writer thread has loaded and opened its connection). */
  ready(): Promise<void>;
  /** Writes what was submitted, then lets go (the database is closed by its owner). */
  close(): Promise<void>;
}

/** A write failed for want of space: what the operator's log and /healthz show. */
export interface StorageFailure {
  code: string;
  message: string;
}

/** Errors a citizen can be told about, in the app's terms; any other error passes unchanged. */
export function asClientError(err: unknown): unknown {
  if (err instanceof ClientIdTakenError) return new AppError('conflict', 'Mã phiếu (clientId) này đã được dùng cho một phiếu khác. Vui lòng gửi lại phiếu từ đầu.');
  if (err instanceof IllFormedTextError) return new AppError('invalid_input', 'Chứa ký tự không hợp lệ (văn bản không đúng chuẩn Unicode).');
  if (isStorageFull(err)) return new AppError('storage_unavailable');
  return err;
}

export interface WriterStats {
  batches: number;
  records: number;
  maxBatch: number;
}

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
export class ResponseWriter implements ResponseSink {
  readonly #db: Db;
  readonly #maxBatch: number;
  #queue: Pending[] = [];
  #running = false;
  readonly stats: WriterStats = { batches: 0, records: 0, maxBatch: 0 };
  #idle: Promise<void> = Promise.resolve();

  readonly #afterAppend: AfterAppend[] = [];

  readonly #onCommitted: ((batch: number, created: number) => void) | undefined;
  readonly #onStorageFull: ((failure: StorageFailure) => void) | undefined;

  constructor(
    db: Db,
    opts: {
      maxBatch?: number;
      onCommitted?: (batch: number, created: number) => void;
      /** Told of each batch that failed for want of space (its real cause; the clients get 503). */
      onStorageFull?: (failure: StorageFailure) => void;
    } = {},
  ) {
    this.#db = db;
    this.#maxBatch = opts.maxBatch ?? 256;
    this.#onCommitted = opts.onCommitted;
    this.#onStorageFull = opts.onStorageFull;
  }

  /** Adds in-transaction work run after every appended batch (in registration order). */
  onAppended(hook: AfterAppend): void {
    this.#afterAppend.push(hook);
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

  ready(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.#idle;
  }

  #drain(): Promise<void> {
    this.#idle = this.#drainQueue();
    return this.#idle;
  }

  async #drainQueue(): Promise<void> {
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
        } catch (batchError) {
          // A full disk fails every record alike: one by one they would only fail again, each
          // with a transaction and a log line of its own (2,753 lines in the attack run).
          if (isStorageFull(batchError)) {
            this.#onStorageFull?.(storageErrorOf(batchError));
            const err = asClientError(batchError);
            for (const p of batch) p.reject(err);
            continue;
          }
          // One bad record (or a duplicate committed by another replica) must not fail the rest.
          for (const p of batch) {
            try {
              p.resolve((await this.#write([p.record]))[0]!);
            } catch (err) {
              try {
                const earlier = isUniqueViolation(err) ? (await findReceiptsByClientIds(this.#db.kysely, [p.record.clientId])).get(p.record.clientId) : undefined;
                if (earlier) p.resolve({ created: false, receipt: receiptForRetry(earlier, p.record.unitId) });
                else {
                  if (isStorageFull(err)) this.#onStorageFull?.(storageErrorOf(err));
                  p.reject(asClientError(err));
                }
              } catch (lookupError) {
                p.reject(asClientError(lookupError));
              }
            }
          }
        }
      }
    } finally {
      this.#running = false;
    }
  }

  async #write(records: NewResponseInput[]): Promise<AppendOutcome[]> {
    const outcomes = await this.#db.kysely.transaction().execute(async (trx) => {
      const batch: BatchContext = { statements: batchStatements(trx, this.#db.pipeline) };
      const result = await appendResponses(trx, this.#db.dialect, records, {
        statements: batch.statements,
        afterLock: () => {
          for (const hook of this.#afterAppend) hook.prepare?.(trx, records, batch);
        },
        appendAtCommit: this.#afterAppend.every((h) => h.readsAfterAppend?.(records) === false),
      });
      // Object.assign rather than a spread: V8 copies a spread on a slow path (3× here, measured).
      const appended = result.flatMap((o, i): AppendedResponse[] => (o.created ? [Object.assign({}, records[i]!, { seq: o.seq! })] : []));
      for (const hook of this.#afterAppend) if (appended.length > 0) await hook(trx, this.#db.dialect, appended, batch);
      return result;
    });
    this.stats.batches++;
    this.stats.records += records.length;
    this.stats.maxBatch = Math.max(this.stats.maxBatch, records.length);
    this.#onCommitted?.(records.length, outcomes.filter((o) => o.created).length);
    return outcomes;
  }
}
