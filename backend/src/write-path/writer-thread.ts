import type { Worker } from 'node:worker_threads';
import { siblingModule, spawnModuleWorker } from '../ts-worker.ts';
import type { Config } from '../config.ts';
import type { AppendOutcome, NewResponseInput } from './append.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../app-error.ts';
import type { Logger } from '../logger.ts';
import type { ResponseSink, StorageFailure, WriterStats } from './writer.ts';

/** What the writer thread is started with (structured-cloned). */
export interface WriterThreadData {
  databaseUrl: string;
  config: Config;
}

/** An error crossing the thread boundary: AppErrors keep their code (409 stays 409). */
export type ThreadError = { app: { code: ErrorCode; message: string; details?: ErrorDetail[] | undefined } } | { message: string; stack?: string | undefined };

export type ToWriter = { type: 'submit'; items: { id: number; record: NewResponseInput }[] } | { type: 'close' };

export type FromWriter =
  | { type: 'results'; items: ({ id: number; outcome: AppendOutcome } | { id: number; error: ThreadError })[] }
  | { type: 'committed'; batch: number; created: number }
  | { type: 'alert' }
  | { type: 'storage-full'; failure: StorageFailure }
  | { type: 'ready' };

export function toThreadError(err: unknown): ThreadError {
  if (err instanceof AppError) return { app: { code: err.code, message: err.message, details: err.details } };
  return err instanceof Error ? { message: err.message, stack: err.stack } : { message: String(err) };
}

function fromThreadError(e: ThreadError): Error {
  if ('app' in e) return new AppError(e.app.code, e.app.message, e.app.details ? { details: e.app.details } : {});
  const err = new Error(`response writer thread: ${e.message}`);
  if (e.stack) err.stack = e.stack;
  return err;
}

/**
 * SQLite: submissions go to the thread in messages of at most this many, not one per turn of
 * the event loop. Its transaction is synchronous, so it sees a message only between batches;
 * if the request thread held a turn's requests until the turn ended (tens of sockets parsed),
 * the writer finished its batch and waited idle for them. Measured, bench:ingest at 150,000
 * responses, back to back: 24-29 s against 30-35 s. On PostgreSQL the writer receives messages
 * while it waits for the server, and more messages only cost more (one-unit bench 5-10 % fewer
 * req/s, measured), so there it keeps one message per turn.
 */
export const SQLITE_MESSAGE_SIZE = 8;

interface Waiting {
  resolve: (o: AppendOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * The group-commit writer (ResponseWriter) running in a worker thread with its own database
 * connection. better-sqlite3 is synchronous: in the request thread every batch stopped HTTP
 * parsing for its whole transaction, so one core alternated between the two. Here the request
 * thread parses and validates while the writer thread commits, on the other core. On PostgreSQL
 * it takes the batch's JavaScript (hashing, query building, the pg protocol) off the request
 * thread in the same way.
 *
 * Answers come back only after the commit, as before. If the thread dies, whatever it had not
 * answered is rejected (the client gets a 500 and retries with the same clientId, which returns
 * the stored receipt if the commit had happened) and the next submission starts a new thread.
 */
export class ThreadedResponseWriter implements ResponseSink {
  readonly #data: WriterThreadData;
  readonly #onCommitted: (batch: number, created: number) => void;
  readonly #onAlert: () => void;
  readonly #onStorageFull: ((failure: StorageFailure) => void) | undefined;
  readonly #logger: Logger;
  #worker: Worker | undefined;
  #exited: Promise<void> = Promise.resolve();
  #ready: Promise<void> = Promise.resolve();
  #onReady: () => void = () => {};
  readonly #waiting = new Map<number, Waiting>();
  #outgoing: { id: number; record: NewResponseInput }[] = [];
  #flushScheduled = false;
  #nextId = 1;
  #closing = false;
  readonly #messageSize: number;
  #messages = 0;
  readonly stats: WriterStats = { batches: 0, records: 0, maxBatch: 0 };

  constructor(opts: {
    databaseUrl: string;
    config: Config;
    onCommitted: (batch: number, created: number) => void;
    onAlert: () => void;
    onStorageFull?: (failure: StorageFailure) => void;
    logger: Logger;
  }) {
    this.#data = { databaseUrl: opts.databaseUrl, config: opts.config };
    this.#onCommitted = opts.onCommitted;
    this.#onAlert = opts.onAlert;
    this.#onStorageFull = opts.onStorageFull;
    this.#logger = opts.logger;
    this.#messageSize = opts.databaseUrl.startsWith('sqlite:') ? SQLITE_MESSAGE_SIZE : Number.POSITIVE_INFINITY;
    // Started at once so that its modules are loaded before the first citizen submits.
    this.#start();
  }

  get pending(): number {
    return this.#waiting.size;
  }

  /** Messages of submissions sent to the thread so far (see SQLITE_MESSAGE_SIZE). */
  get messages(): number {
    return this.#messages;
  }

  /**
   * Loading the thread's modules takes a few hundred ms (more under tsx); server.ts waits for
   * this before it listens, so the first citizens are not the ones who wait. Resolves also if
   * the thread exits first (submissions then start a new one).
   */
  ready(): Promise<void> {
    return this.#ready;
  }

  submit(record: NewResponseInput): Promise<AppendOutcome> {
    if (this.#closing) return Promise.reject(new Error('response writer is closed'));
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#waiting.set(id, { resolve, reject });
      this.#outgoing.push({ id, record });
      this.#worker?.ref();
      if (this.#outgoing.length >= this.#messageSize) {
        this.#flush();
        return;
      }
      // One message per turn of the event loop carries every response parsed in it (SQLite: the rest of them).
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  async close(): Promise<void> {
    if (this.#closing) return this.#exited;
    this.#flush();
    this.#closing = true;
    const worker = this.#worker;
    if (!worker) return;
    worker.ref(); // the process waits for the last commits and the connection to close
    worker.postMessage({ type: 'close' } satisfies ToWriter);
    // A writer stuck in a transaction (a lock held elsewhere) must not hold shutdown forever.
    const timer = setTimeout(() => void worker.terminate(), 15_000);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Stops the thread at once, mid-transaction if it is in one, as a crash would (tests). */
  async kill(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    const exited = this.#exited;
    await worker.terminate();
    await exited;
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#outgoing.length === 0) return;
    const worker = this.#worker ?? this.#start();
    const items = this.#outgoing;
    this.#outgoing = [];
    worker.postMessage({ type: 'submit', items } satisfies ToWriter);
    this.#messages++;
  }

  #start(): Worker {
    const worker = spawnWriter(this.#data);
    this.#worker = worker;
    this.#ready = new Promise<void>((res) => (this.#onReady = res));
    worker.unref();
    worker.on('message', (msg: FromWriter) => this.#onMessage(msg));
    worker.on('error', (err) => this.#logger.error('response writer thread failed', { err: err.stack ?? err.message }));
    this.#exited = new Promise<void>((res) =>
      worker.once('exit', (code) => {
        if (this.#worker === worker) this.#worker = undefined;
        this.#onReady();
        if (!this.#closing) this.#logger.error('response writer thread exited', { code, unanswered: this.#waiting.size });
        // Not acknowledged, so not promised: the clients retry with the same clientId.
        const lost = new Error('response writer thread exited before answering');
        for (const w of this.#waiting.values()) w.reject(lost);
        this.#waiting.clear();
        // Submitted in the meantime: a new thread takes them.
        if (this.#outgoing.length > 0 && !this.#closing) this.#flush();
        res();
      }),
    );
    return worker;
  }

  #onMessage(msg: FromWriter): void {
    switch (msg.type) {
      case 'results':
        for (const item of msg.items) {
          const w = this.#waiting.get(item.id);
          if (!w) continue;
          this.#waiting.delete(item.id);
          if ('outcome' in item) w.resolve(item.outcome);
          else w.reject(fromThreadError(item.error));
        }
        if (this.#waiting.size === 0) this.#worker?.unref();
        break;
      case 'committed':
        this.stats.batches++;
        this.stats.records += msg.batch;
        this.stats.maxBatch = Math.max(this.stats.maxBatch, msg.batch);
        this.#onCommitted(msg.batch, msg.created);
        break;
      case 'alert':
        this.#onAlert();
        break;
      case 'storage-full':
        this.#onStorageFull?.(msg.failure);
        break;
      case 'ready':
        this.#onReady();
        break;
    }
  }
}

/** The worker runs writer-worker.ts (through tsx's loader under tsx: see ts-worker.ts). */
function spawnWriter(data: WriterThreadData): Worker {
  return spawnModuleWorker(siblingModule(import.meta.url, 'writer-worker'), data);
}
