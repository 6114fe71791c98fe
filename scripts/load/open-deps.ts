import { loadConfig, type Config } from '../../backend/src/config.ts';
import { createDb } from '../../backend/src/db/create-db.ts';
import { migrateToLatest } from '../../backend/src/db/migrate.ts';
import { createLogger } from '../../backend/src/logger.ts';
import type { Deps } from '../../backend/src/deps.ts';
import { createDeps } from '../../backend/src/services/context.ts';

/** Deps over DATABASE_URL (or the given URL), migrated, for load tools. */
export async function openDeps(databaseUrl?: string, env: Record<string, string | undefined> = process.env): Promise<Deps & { close(): Promise<void> }> {
  const config: Config = loadConfig({ ...env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const db = createDb(config.DATABASE_URL, { poolSize: 4 });
  await migrateToLatest(db);
  return { ...createDeps({ db, config, logger: createLogger('warn') }), close: () => db.close() };
}
