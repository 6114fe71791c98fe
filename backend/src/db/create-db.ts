import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type QueryResult } from 'kysely';
import pg from 'pg';
import { PgPipelineDialect } from './pg-pipeline.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL in pipeline mode (the `pgPipeline` option): BatchStatements share round trips. */
  pipeline: boolean;
  /** SQLite files: the thread that copies the WAL into the database file (see startCheckpointer). */
  checkpointer?: Checkpointer;
  close(): Promise<void>;
}

/** What the checkpointer thread has done since it started. */
export interface CheckpointerStats {
  /** PASSIVE passes. */
  passes: number;
  /** Syncs of the database file after a pass that copied pages. */
  fileSyncs: number;
  /** RESTART passes that took the write lock. */
  restarts: number;
}

export interface Checkpointer {
  stats(): Promise<CheckpointerStats>;
  stop(): Promise<void>;
}

export interface CreateDbOptions {
  /** SQLite `synchronous` pragma: NORMAL survives a process crash; FULL also survives power loss. */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * PostgreSQL in pg's pipeline mode (pg-pipeline.ts): each transaction's BEGIN goes out with its
   * first statement, and batchStatements() can send reads ahead and writes with the COMMIT. For
   * connections whose transactions start with a read: the writer's.
   */
  pgPipeline?: boolean;
  /** Told when an idle PostgreSQL connection fails (it is replaced on the next query). */
  onIdleError?: (err: Error) => void;
  /**
   * SQLite files: copy the WAL into the database from a worker thread every this many ms instead
   * of inside the writer's commits (0 = SQLite's own automatic checkpoints only). Default 100.
   */
  sqliteCheckpointMs?: number;
  /**
   * SQLite `wal_autocheckpoint` (pages): WAL_BACKSTOP_PAGES when a checkpointer runs, else
   * SQLite's 1000. A second connection to a file whose checkpointer runs elsewhere (the writer
   * thread's) sets WAL_BACKSTOP_PAGES itself.
   */
  sqliteWalAutocheckpointPages?: number;
  /**
   * SQLite: how to wait for a write lock held by another connection (the writer thread, another
   * process). 'async' (default): retry on a timer (1 ms, then longer), so the event loop keeps
   * serving requests; 'blocking': retry after sleeping the thread 50 µs, doubling up to 1 ms, for
   * a thread that has nothing else to do (the writer thread). Its short sleeps keep it ahead of
   * the request thread's background writes, as they should be.
   */
  sqliteBusyWait?: 'async' | 'blocking';
  /** SQLite: give up on a write lock after this long (SQLITE_BUSY). Default 5000 ms. */
  sqliteBusyTimeoutMs?: number;
  /** SQLite files: WAL frames at which the checkpointer thread also restarts the WAL (tests). Default WAL_RESTART_FRAMES. */
  sqliteWalRestartFrames?: number;
  /**
   * Told when the checkpointer thread fails. This connection then checkpoints inside its own
   * commits again (SQLite's default, every 1000 pages); a writer thread's connection keeps only
   * its backstop, so the server should say so loudly.
   */
  onCheckpointerError?: (err: Error) => void;
  /** Module the checkpointer thread loads as its driver (tests: one that fails). Default better-sqlite3. */
  sqliteCheckpointerDriver?: string;
  /**
   * SQLite `temp_store = MEMORY`, for the connection that appends responses. A statement that
   * changes many rows inside a transaction (a batch's multi-row insert, its tally upsert) keeps a
   * statement journal, the pages it changed, so that it can be undone alone; past 64 KiB SQLite
   * spills it to a temporary file, one write() per page. On 3,300 units that was 11 of the
   * writer's ~27 write syscalls per response (strace) and a third of its system time. In memory
   * it lives only as long as the statement. Not for connections that run reports: temp_store
   * also keeps their sorts' temporary tables in memory.
   */
  sqliteTempStoreMemory?: boolean;
}

/** How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * WAL length (frames) at which the checkpointer thread also tries to restart the WAL.
 * - A RESTART holds the write lock while it copies the frames committed since the last PASSIVE
 *   pass and syncs the WAL and the database file. Each pass syncs the database file first,
 *   without the lock (see startCheckpointer), so the RESTART's syncs flush only its own few
 *   hundred frames: 2-10 ms, median 6, however large the database (timed in the thread).
 * - Before that sync existed, the RESTART flushed every page PASSIVE passes had copied since the
 *   last restart and held the lock 21 ms at first, 60-105 ms once the one-unit bench's database
 *   held ~700,000 responses; the store p99 then climbed round after round (14, 16, 22, 16, 31,
 *   68 ms), and restarts had to be rare (128,000 frames, one every ~4.5 s).
 * - With the sync, 6 rounds of the one-unit bench (wrk, ~11k stores/s): store p99 12.1-15.5 ms at
 *   128,000 frames, 11.3-13.1 ms at 32,000 (a restart every ~1.1 s), 13-14.7 ms at 8,000 (where
 *   two of three restart attempts found the writer busy).
 * - At 1,000 frames a national day's ~4,000 frames per 100 ms tick outran the writer's backstop
 *   and it copied inside its commits (bench:ingest 67-79 s, then 60-67 s at 8,000).
 * 32,000 frames are 125 MB of WAL, reached only under a sustained load: a server with pauses
 * between commits starts its WAL over by itself once every frame is copied.
 */
const WAL_RESTART_FRAMES = 32_000;

/**
 * `wal_autocheckpoint` of connections whose WAL a checkpointer thread copies: only a backstop for
 * when restarts keep failing (the thread tries once per tick, without waiting), 32 ticks of a
 * national day's writes past the restart point. The WAL file keeps the largest size it reached:
 * at most 250 MB.
 */
export const WAL_BACKSTOP_PAGES = 2 * WAL_RESTART_FRAMES;

/** The one place dialects differ at connection time. `sqlite:<path>`, `sqlite::memory:`, `postgres://…`. */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  if (url.startsWith('sqlite:')) return createSqlite(url.slice('sqlite:'.length), options);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return createPostgres(url, options);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`);
}

function createSqlite(path: string, options: CreateDbOptions): Db {
  if (path === '') throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/hailong.db');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  if (options.sqliteTempStoreMemory) sqlite.pragma('temp_store = MEMORY');
  // Another connection (the writer thread, verify, backup, a second process) may hold the write
  // lock briefly. SQLite's own busy handler sleeps 1, 2, 5, 10, 15, 20, 25… ms between tries: in
  // a request thread that stops every request for as long, and in the writer thread it lost the
  // lock, again and again, to the request thread's 1 ms retries (batches stalled 20–40 ms,
  // measured). So SQLite fails at once and retryingWhenBusy decides how to wait.
  const busyTimeoutMs = options.sqliteBusyTimeoutMs ?? BUSY_TIMEOUT_MS;
  sqlite.pragma('busy_timeout = 0');
  const checkpointMs = options.sqliteCheckpointMs ?? 100;
  // With the checkpointer running, the writer's own automatic checkpoint is only the backstop
  // that keeps the WAL from growing without end under a write load that never pauses; should
  // the worker fail, SQLite's default takes over again.
  const checkpointer =
    path !== ':memory:' && checkpointMs > 0
      ? startCheckpointer(
          resolve(path),
          checkpointMs,
          options.sqliteWalRestartFrames ?? WAL_RESTART_FRAMES,
          options.sqliteCheckpointerDriver ?? createRequire(import.meta.url).resolve('better-sqlite3'),
          (err) => {
            if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
            options.onCheckpointerError?.(err);
          },
        )
      : undefined;
  const autocheckpoint = options.sqliteWalAutocheckpointPages ?? (checkpointer ? WAL_BACKSTOP_PAGES : undefined);
  if (autocheckpoint !== undefined) sqlite.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  const busy: BusyWait = { timeoutMs: busyTimeoutMs, sleep: options.sqliteBusyWait === 'blocking' ? sleepThread : sleepTimer };
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }, busy, () => sqlite.inTransaction) });
  return {
    kysely,
    dialect: 'sqlite',
    pipeline: false,
    ...(checkpointer ? { checkpointer } : {}),
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

/**
 * SQLite's automatic checkpoint runs inside the commit that crosses 1000 WAL pages, on the
 * writer's thread: under load about 40 % of the writer's time went to copying pages. A PASSIVE
 * checkpoint from a second connection copies the same pages on the other core without taking
 * the write lock, so commits only append to the WAL.
 *
 * A PASSIVE checkpoint never restarts the WAL, though: only a writer does, and only when every
 * frame has been copied at the moment it begins, which under steady load never happens. The WAL
 * then grew to the writer's backstop and the writer copied the rest inside a commit (10-15 ms
 * stalls, measured, each second or so). So once the WAL holds WAL_RESTART_FRAMES, the thread
 * follows its PASSIVE pass with a RESTART one: with busy_timeout 0 it takes the write lock only
 * if the writer is between transactions, copies the few frames committed meanwhile, and lets
 * the next commit start the WAL from the beginning; otherwise it gives up until the next tick.
 *
 * A PASSIVE pass that ends while a newer commit is in the WAL (always, under load) leaves the
 * pages it copied unsynced in the database file: SQLite syncs them only in a pass that copies
 * every frame, that is in the RESTART, under the write lock (fsync of the database file 63 ms,
 * strace, with ~4 s of copied pages on a 365 MB file). So after each pass that copied pages the
 * thread syncs the file itself, without any lock; should that fail, the RESTART still syncs.
 * Plain JavaScript (eval) so that it runs without the TypeScript loader in tests, scripts and
 * production alike.
 */
function startCheckpointer(file: string, everyMs: number, restartFrames: number, driver: string, onFailure: (err: Error) => void): Checkpointer {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { openSync, fdatasyncSync, closeSync } = require('node:fs');
     const Database = require(workerData.driver);
     const db = new Database(workerData.file);
     db.pragma('busy_timeout = 0');
     const fd = openSync(workerData.file, 'r');
     const stats = { passes: 0, fileSyncs: 0, restarts: 0 };
     let copied = 0;
     const tick = () => {
       try {
         const [r] = db.pragma('wal_checkpoint(PASSIVE)');
         stats.passes++;
         if (r.checkpointed !== copied) {
           copied = r.checkpointed;
           try {
             fdatasyncSync(fd);
             stats.fileSyncs++;
           } catch { /* the RESTART syncs instead, under the lock */ }
         }
         // Under steady writes the WAL never empties by itself: restart it while it is short.
         if (r.log >= workerData.restartFrames && db.pragma('wal_checkpoint(RESTART)')[0].busy === 0) stats.restarts++;
       } catch { /* closing: next tick */ }
     };
     const timer = setInterval(tick, workerData.everyMs);
     parentPort.on('message', (m) => {
       if (m === 'stats') return parentPort.postMessage({ ...stats });
       clearInterval(timer);
       db.close();
       closeSync(fd);
       parentPort.close();
     });`,
    { eval: true, workerData: { driver, file, everyMs, restartFrames } },
  );
  worker.unref();
  let exited = false;
  const done = new Promise<void>((res) => worker.once('exit', () => res()));
  void done.then(() => (exited = true));
  worker.on('error', onFailure);
  return {
    stats: () =>
      new Promise((res, rej) => {
        if (exited) return rej(new Error('the checkpointer thread has stopped'));
        worker.once('message', (m: CheckpointerStats) => res(m));
        worker.postMessage('stats');
      }),
    stop: () => {
      // Referenced again so that the process waits for the thread to close its connection.
      if (!exited) {
        worker.ref();
        worker.postMessage('stop');
      }
      return done;
    },
  };
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). With Kysely's plain BEGIN
 * a transaction that read first and writes later fails at once with SQLITE_BUSY_SNAPSHOT when
 * another process (a CLI, a backup, a second server) wrote in between; IMMEDIATE waits for the
 * lock instead (retryingWhenBusy) and then reads the latest chain head.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #busy: BusyWait;
  readonly #inTransaction: () => boolean;
  readonly #wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], busy: BusyWait, inTransaction: () => boolean) {
    super(config);
    this.#busy = busy;
    this.#inTransaction = inTransaction;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    let wrapped = this.#wrapped.get(connection);
    if (!wrapped) this.#wrapped.set(connection, (wrapped = retryingWhenBusy(connection, this.#busy)));
    return wrapped;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR,
   * SQLITE_NOMEM, a failed COMMIT): a ROLLBACK then fails with "cannot rollback - no transaction
   * is active", and Kysely throws that in place of the real error (a full disk was logged 2,753
   * times that way). Roll back only what is still open, so the real error reaches the caller.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#inTransaction()) await super.rollbackTransaction(connection);
  }
}

interface BusyWait {
  timeoutMs: number;
  /** Waits before the attempt-th retry (0-based). */
  sleep: (attempt: number) => Promise<void> | void;
}

/** On a timer: the event loop goes on serving requests meanwhile. 1, 2, 3… ms, at most 10. */
const sleepTimer = (attempt: number) => new Promise<void>((res) => setTimeout(res, Math.min(1 + attempt, 10)));

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Sleeps the whole thread: 50 µs, doubling, at most 1 ms (only for a thread with nothing else to do). */
const sleepThread = (attempt: number) => void Atomics.wait(sleepCell, 0, 0, Math.min(0.05 * 2 ** attempt, 1));

/**
 * A statement that found the write lock taken (SQLITE_BUSY: `begin immediate`, or a write
 * outside a transaction) is tried again after busy.sleep, until busy.timeoutMs has passed. Inside
 * a transaction begun IMMEDIATE the lock is already ours, so a retried statement never repeats
 * work: SQLITE_BUSY means the statement did nothing.
 */
function retryingWhenBusy(connection: DatabaseConnection, busy: BusyWait): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const deadline = Date.now() + busy.timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await connection.executeQuery<R>(query);
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_BUSY_RECOVERY') || Date.now() >= deadline) throw err;
          await busy.sleep(attempt);
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  readonly #busy: BusyWait;
  readonly #inTransaction: () => boolean;
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], busy: BusyWait, inTransaction: () => boolean) {
    super(config);
    this.#config = config;
    this.#busy = busy;
    this.#inTransaction = inTransaction;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config, this.#busy, this.#inTransaction);
  }
}

/**
 * Kysely prepares every query afresh; the hot path repeats a handful of SQL strings, so keep
 * their prepared statements (bounded, least recently used dropped first).
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 256) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) cache.delete(sqlText);
      else {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

function createPostgres(url: string, options: CreateDbOptions): Db {
  const pipeline = options.pgPipeline === true;
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, pipeline });
  // An idle connection dropped by the server (restart, failover) is discarded by the pool and
  // replaced on the next query; without a listener pg would throw it as an uncaught error.
  pool.on('error', (err) => options.onIdleError?.(err));
  const kysely = new Kysely<Database>({ dialect: pipeline ? new PgPipelineDialect({ pool }) : new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    pipeline,
    close: () => kysely.destroy(),
  };
}
