import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/create-db.ts';
import { isUniqueViolation } from '../../src/db/db-errors.ts';
import { migrateToLatest, migratorFor } from '../../src/db/migrate.ts';
import { createTestDatabaseUrl } from '../helpers/test-database.ts';

// Runs on the dialect under test (TEST_DATABASE_URL).
let db: Db;
let drop: () => Promise<void>;
beforeEach(async () => {
  const target = await createTestDatabaseUrl();
  drop = target.drop;
  db = createDb(target.url);
});
afterEach(async () => {
  await db.close();
  await drop();
});

const TABLES = ['unit_ticket_keys', 'tickets', 'ticket_uses', 'listed_dossiers'];
const tablesThere = async () => (await db.kysely.introspection.getTables()).map((t) => t.name).filter((n) => TABLES.includes(n)).sort();

describe('migration 013 (receipt tickets)', () => {
  it('goes up, down to 012 and up again', async () => {
    await migrateToLatest(db);
    expect(await tablesThere()).toEqual([...TABLES].sort());
    const { error } = await migratorFor(db).migrateTo('012_channels_paper');
    if (error) throw error;
    expect(await tablesThere()).toEqual([]);
    await migrateToLatest(db);
    expect(await tablesThere()).toEqual([...TABLES].sort());
  });

  it('one current key per unit; retired ones as many as rotations made; one rating per (unit, dossier)', async () => {
    await migrateToLatest(db);
    await db.kysely.insertInto('units').values({ id: 'u1', code: 'u1', name: 'U1', kind: 'commune', parent_id: null, created_at: '2026-01-01T00:00:00Z' }).execute();
    const key = (id: string, retired: string | null) => ({ key_id: id, unit_id: 'u1', secret: 'x', created_at: '2026-01-01T00:00:00Z', retired_at: retired, grace_until: retired });
    await db.kysely.insertInto('unit_ticket_keys').values([key('k1', '2026-01-02T00:00:00Z'), key('k2', '2026-01-03T00:00:00Z'), key('k3', null)]).execute();
    const second = await db.kysely.insertInto('unit_ticket_keys').values(key('k4', null)).execute().catch((e: unknown) => e);
    expect(isUniqueViolation(second)).toBe(true);
    const use = { unit_id: 'u1', dossier_code: 'HS-1', ticket_id: 't', response_id: 'r', client_id: 'c', officer_id: null, field_id: null, overall: 5, used_at: 'x', day: '2026-01-01' };
    await db.kysely.insertInto('ticket_uses').values(use).execute();
    const again = await db.kysely.insertInto('ticket_uses').values({ ...use, response_id: 'r2' }).execute().catch((e: unknown) => e);
    expect(isUniqueViolation(again)).toBe(true);
    // Dossier codes compare exactly: case and accents make another dossier.
    await db.kysely.insertInto('ticket_uses').values({ ...use, dossier_code: 'hs-1' }).execute();
  });
});
