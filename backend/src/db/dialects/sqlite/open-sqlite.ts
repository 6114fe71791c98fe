import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { CreateDbOptions, Db } from '../../create-db.ts';
import type { Database } from '../../schema.ts';
import { BUSY_TIMEOUT_MS, sleepThread, sleepTimer, type BusyWait } from './busy-retry.ts';
import { startCheckpointer, WAL_BACKSTOP_PAGES, WAL_RESTART_FRAMES } from './checkpointer.ts';
import { ImmediateSqliteDialect } from './immediate-dialect.ts';
import { withStatementCache } from './statement-cache.ts';

/** A SQLite database file (or :memory:) as the app uses it: WAL, IMMEDIATE transactions, busy retry, statement cache, the checkpointer thread. */
export function openSqlite(path: string, options: CreateDbOptions): Db {
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
          {
            file: resolve(path),
            everyMs: checkpointMs,
            restartFrames: options.sqliteWalRestartFrames ?? WAL_RESTART_FRAMES,
            driver: options.sqliteCheckpointerDriver ?? createRequire(import.meta.url).resolve('better-sqlite3'),
          },
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
