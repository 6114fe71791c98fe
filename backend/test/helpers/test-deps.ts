import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv, resolveConfig, type Config } from '../../src/config.ts';
import { createDb, type Db } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createLogger } from '../../src/logger.ts';
import type { Deps } from '../../src/deps.ts';
import { createDeps } from '../../src/services/context.ts';
import { createTestDatabaseUrl } from './test-database.ts';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestDeps extends Deps {
  /** Moves the test clock; every service reads time through deps.now(). */
  setNow(iso: string): void;
  /** The database this runs on (a fresh PostgreSQL database, or SQLite). */
  databaseUrl: string;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return resolveConfig(
    parseEnv({
      NODE_ENV: 'test',
      APP_SECRET: 'test-secret-test-secret-test-secret-0000',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_ENABLED: 'false',
      SEED_DEMO: 'false',
      PUBLIC_URL: 'http://127.0.0.1:8787',
      ...env,
    }),
  );
}

/**
 * A migrated, empty database on the dialect under test (TEST_DATABASE_URL: a fresh PostgreSQL
 * database per call; otherwise SQLite in memory) with a controllable clock.
 */
export async function createTestDeps(
  env: Record<string, string> = {},
  /** sqliteFile: a temporary SQLite file whatever the dialect under test; writerThread: responses written by the writer thread (on SQLite, needs sqliteFile). */
  opts: { sqliteFile?: boolean; writerThread?: boolean } = {},
): Promise<TestDeps> {
  const config = testConfig(env);
  const dir = opts.sqliteFile ? mkdtempSync(join(tmpdir(), 'hailong-test-')) : undefined;
  const url = dir ? { url: `sqlite:${join(dir, 'hailong.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) } : await createTestDatabaseUrl();
  const db: Db = createDb(url.url, { poolSize: 5 });
  await migrateToLatest(db);
  let now = new Date('2026-11-25T03:00:00.000Z');
  const deps = createDeps({
    db,
    config,
    logger: createLogger('silent'),
    now: () => new Date(now.getTime()),
    ...(opts.writerThread ? { writerThread: { databaseUrl: url.url } } : {}),
  });
  return {
    ...deps,
    databaseUrl: url.url,
    setNow(iso: string) {
      now = new Date(iso);
    },
    async close() {
      await deps.writer.close();
      await db.close();
      await url.drop();
    },
  };
}
