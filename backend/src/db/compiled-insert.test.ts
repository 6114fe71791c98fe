import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl } from '../../test/helpers/test-database.ts';
import { CompiledInsert } from './compiled-insert.ts';
import { createDb, type Db } from './create-db.ts';

interface Row {
  id: string;
  n: number;
  note: string | null;
}

// Runs on the dialect under test (TEST_DATABASE_URL), on a table of its own.
let db: Db;
let drop: () => Promise<void>;
beforeEach(async () => {
  const target = await createTestDatabaseUrl();
  drop = target.drop;
  db = createDb(target.url);
  await sql`create table ci_test (id varchar(36) primary key, n integer not null, note text)`.execute(db.kysely);
});
afterEach(async () => {
  await db.close();
  await drop();
});

// The table is not in the app's Database type: build through a view of the same Kysely typed for it.
const insert = (rows: Row[]) => (db.kysely as unknown as Kysely<{ ci_test: Row }>).insertInto('ci_test').values(rows);

describe('CompiledInsert', () => {
  it('stores exactly what Kysely would, compiling once per row count', async () => {
    const ci = new CompiledInsert<Row>(['id', 'n', 'note']);
    let builds = 0;
    const build = (rows: Row[]) => () => (builds++, insert(rows));
    const batches: Row[][] = [
      [{ id: 'a', n: 1, note: null }, { id: 'b', n: 2, note: "O'Brien; drop table ci_test; --" }],
      [{ id: 'c', n: 3, note: 'Nguyễn' }, { id: 'd', n: 4, note: null }],
      [{ id: 'e', n: 5, note: 'x' }],
    ];
    for (const rows of batches) await db.kysely.executeQuery(ci.compile(db.dialect, rows, build(rows)));
    expect(builds).toBe(2); // sizes 2 and 1; the second batch of 2 reused the first's SQL
    const stored = await sql<Row>`select id, n, note from ci_test order by id`.execute(db.kysely);
    expect(stored.rows).toEqual(batches.flat());
  });

  it('refuses columns that do not match what Kysely builds, and undefined values', () => {
    const rows: Row[] = [{ id: 'a', n: 1, note: null }];
    expect(() => new CompiledInsert<Row>(['n', 'id', 'note']).compile(db.dialect, rows, () => insert(rows))).toThrow(/do not match/);
    expect(() => new CompiledInsert<Row>(['id', 'n']).compile(db.dialect, rows, () => insert(rows))).toThrow(/do not match/);
    const partial = [{ id: 'a', n: 1 } as Row];
    expect(() => new CompiledInsert<Row>(['id', 'n', 'note']).compile(db.dialect, partial, () => insert(partial))).toThrow(/note is undefined/);
    expect(() => new CompiledInsert<Row>(['id']).compile(db.dialect, [], () => insert([]))).toThrow(/at least one row/);
  });
});
