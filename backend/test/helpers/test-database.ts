import pg from 'pg';

/**
 * The database a test runs on. With TEST_DATABASE_URL=postgres://… (set by .ci/run for the
 * PostgreSQL pass) each call creates a fresh database on that server and drops it afterwards;
 * otherwise an in-memory SQLite database.
 */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env['TEST_DATABASE_URL'];
  if (!base || base.startsWith('sqlite:')) return { url: base ?? 'sqlite::memory:', drop: async () => {} };
  const name = `hl_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export const dialectUnderTest = (): 'sqlite' | 'postgres' =>
  (process.env['TEST_DATABASE_URL'] ?? '').startsWith('postgres') ? 'postgres' : 'sqlite';
