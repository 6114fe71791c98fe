import type { Kysely } from 'kysely';
import type { Checkpointer } from './dialects/sqlite/checkpointer.ts';
import { openPostgres } from './dialects/postgres/open-postgres.ts';
import { openSqlite } from './dialects/sqlite/open-sqlite.ts';
import type { Database } from './schema.ts';

export type { Checkpointer, CheckpointerStats } from './dialects/sqlite/checkpointer.ts';
export { WAL_BACKSTOP_PAGES } from './dialects/sqlite/checkpointer.ts';

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

export interface CreateDbOptions {
  /** SQLite `synchronous` pragma: NORMAL survives a process crash; FULL also survives power loss. */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * PostgreSQL in pg's pipeline mode (dialects/postgres/pipeline.ts): each transaction's BEGIN goes out with its
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

/**
 * The one place dialects meet: `sqlite:<path>`, `sqlite::memory:` or `postgres://…`. Each
 * dialect's connection set-up lives in its own room (dialects/sqlite/, dialects/postgres/).
 */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`);
}
