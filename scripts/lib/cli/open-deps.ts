import { loadConfig, type Config } from '../../../backend/src/config.ts';
import { createDb } from '../../../backend/src/db/create-db.ts';
import { migrateToLatest } from '../../../backend/src/db/migrate.ts';
import { createLogger } from '../../../backend/src/logger.ts';
import type { Deps } from '../../../backend/src/deps.ts';
import { createDeps } from '../../../backend/src/services/context.ts';

export interface CliDeps extends Deps {
  close(): Promise<void>;
}

/**
 * The database named by DATABASE_URL (SQLite by default), migrated, with the same Deps the server
 * builds. Logs go to stderr so stdout stays for the command's own output.
 */
export async function openDeps(config: Config = loadConfig()): Promise<CliDeps> {
  const db = createDb(config.DATABASE_URL, { sqliteSynchronous: config.SQLITE_SYNCHRONOUS, poolSize: 2 });
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const deps = createDeps({ db, config, logger: createLogger(level, (line) => process.stderr.write(line)) });
  return { ...deps, close: () => db.close() };
}

/** Opens the database, runs `fn`, always closes. */
export async function withDeps<T>(fn: (deps: CliDeps) => Promise<T>, config?: Config): Promise<T> {
  const deps = await openDeps(config);
  try {
    return await fn(deps);
  } finally {
    await deps.close();
  }
}
