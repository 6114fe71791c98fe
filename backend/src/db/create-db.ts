import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** SQLite `synchronous` pragma: NORMAL survives a process crash; FULL also survives power loss. */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Told when an idle PostgreSQL connection fails (it is replaced on the next query). */
  onIdleError?: (err: Error) => void;
}

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
  // Another process (verify, backup, a second CLI) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    kysely,
    dialect: 'sqlite',
    close: () => kysely.destroy(),
  };
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). With Kysely's plain BEGIN
 * a transaction that read first and writes later fails at once with SQLITE_BUSY_SNAPSHOT when
 * another process (a CLI, a backup, a second server) wrote in between; IMMEDIATE waits for the
 * lock instead (busy_timeout) and then reads the latest chain head.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
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
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server (restart, failover) is discarded by the pool and
  // replaced on the next query; without a listener pg would throw it as an uncaught error.
  pool.on('error', (err) => options.onIdleError?.(err));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    close: () => kysely.destroy(),
  };
}
