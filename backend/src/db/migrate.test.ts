import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl } from '../../test/helpers/test-database.ts';
import { createDb, type Db } from './create-db.ts';
import { migrateToLatest, migratorFor } from './migrate.ts';
import { claimDue, claimDueQuery, type OutboxRow } from './outbox.repository.ts';
import { sumByOfficer, sumByQuestion } from './tallies.repository.ts';
import type { OutboxStatus, TallyRow, TallyTable } from './schema.ts';

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

async function migrateTo(name: string): Promise<void> {
  const { error } = await migratorFor(db).migrateTo(name);
  if (error) throw error;
}

/** A tally row as migrations before 009 knew it (no form). */
type OldCell = Omit<TallyRow, 'form_key'>;
const oldDb = () => db.kysely as unknown as Kysely<{ tallies: Omit<TallyTable, 'form_key'> }>;

const cells: OldCell[] = [
  { unit_id: 'u1', day: '2026-11-02', officer_id: 'o1', field_id: 'f1', question_key: 'overall', level: 1, count: 3 },
  { unit_id: 'u1', day: '2026-11-02', officer_id: 'o1', field_id: 'f1', question_key: 'overall', level: 5, count: 4 },
  { unit_id: 'u1', day: '2026-11-03', officer_id: 'o2', field_id: '', question_key: 'access', level: 4, count: 2 },
  { unit_id: 'u2', day: '2026-11-02', officer_id: 'o3', field_id: 'f1', question_key: 'overall', level: 2, count: 7 },
];
/** The same rows once 009 has run: every one of them the counter form's. */
const withForm = (rows: OldCell[]): TallyRow[] => rows.map((r) => ({ ...r, form_key: 'counter' }));

const sorted = <R extends object>(rows: R[]) =>
  [...rows].map((r) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))) as R).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function allCells(): Promise<object[]> {
  const rows = await db.kysely.selectFrom('tallies').selectAll().execute();
  return sorted(rows.map((r) => ({ ...r, count: Number(r.count) })));
}

/** How the tallies table is laid out, as the database itself describes it. */
async function talliesLayout(): Promise<{ clustered: boolean; key: string; indexes: string[] }> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'tallies'`.execute(db.kysely);
    const ddl = rows[0]!.sql.toLowerCase();
    const idx = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'tallies' and sql is not null`.execute(db.kysely);
    return { clustered: ddl.includes('without rowid'), key: /primary key \(([^)]*)\)/.exec(ddl)![1]!.replace(/["\s]/g, ''), indexes: idx.rows.map((r) => r.name) };
  }
  const { rows } = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'tallies'`.execute(db.kysely);
  const pk = rows.find((r) => r.indexname === 'tallies_pk')!.indexdef.toLowerCase();
  return {
    clustered: pk.includes('include (count)'),
    key: /\(([^)]*)\)/.exec(pk)![1]!.replace(/\s/g, ''),
    indexes: rows.filter((r) => r.indexname !== 'tallies_pk').map((r) => r.indexname),
  };
}

/** The query plan as text. An empty PostgreSQL table is scanned whatever its indexes: that is forbidden here to see which index serves. */
async function explain(text: string, parameters: readonly unknown[]): Promise<string> {
  if (db.dialect === 'sqlite') {
    const plan = await db.kysely.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
    return plan.rows.map((r) => r.detail).join('\n');
  }
  const plan = await db.kysely.connection().execute(async (c) => {
    await sql`set enable_seqscan = off`.execute(c);
    return c.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${text}`, [...parameters]));
  });
  return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('migration 006: tallies clustered by (unit, question, day)', () => {
  it('keeps every cell, leaves one B-tree that covers the tallies route, and the upsert still merges', async () => {
    await migrateTo('005_tallies_covering_index');
    await oldDb().insertInto('tallies').values(cells).execute();
    expect(await talliesLayout()).toEqual({ clustered: false, key: 'unit_id,day,officer_id,field_id,question_key,level', indexes: ['tallies_unit_question_day_cover'] });

    await migrateTo('006_tallies_clustered');
    expect(await allCells()).toEqual(sorted(cells));
    expect(await talliesLayout()).toEqual({ clustered: true, key: 'unit_id,question_key,day,officer_id,field_id,level', indexes: [] });

    // The same ON CONFLICT target as appendResponses: the column set, not its order, names the key.
    await oldDb()
      .insertInto('tallies')
      .values({ ...cells[0]!, count: 2 })
      .onConflict((oc) => oc.columns(['unit_id', 'day', 'officer_id', 'field_id', 'question_key', 'level']).doUpdateSet({ count: sql<number>`tallies.count + excluded.count` }))
      .execute();
    await migrateToLatest(db);
    const range = { unitId: 'u1', formKey: 'counter', from: '2026-11-01', to: '2026-11-30' };
    expect(await sumByOfficer(db.kysely, range, 'overall')).toEqual([{ officerId: 'o1', level: 1, n: 5 }, { officerId: 'o1', level: 5, n: 4 }]);
    expect(await sumByQuestion(db.kysely, range, ['access', 'overall'])).toHaveLength(3);
  });

  it('serves the tallies route from the key alone, as ranges (SQLite) or an index-only scan (PostgreSQL)', async () => {
    await migrateTo('006_tallies_clustered');
    const { sql: text, parameters } = oldDb()
      .selectFrom('tallies')
      .where('unit_id', '=', 'u1')
      .where('question_key', 'in', ['overall', 'access'])
      .where('day', '>=', '2026-01-01')
      .where('day', '<=', '2026-12-31')
      .select(['officer_id', 'level', (eb) => eb.fn.sum<number>('count').as('n')])
      .groupBy(['officer_id', 'level'])
      .compile();
    expect(await explain(text, parameters)).toMatch(
      db.dialect === 'sqlite' ? /SEARCH tallies USING PRIMARY KEY \(unit_id=\? AND question_key=\? AND day>\? AND day<\?\)/ : /Index Only Scan using tallies_pk/,
    );
  });

  it('goes back down to the 005 layout with every cell, and up again', async () => {
    await migrateToLatest(db);
    await db.kysely.insertInto('tallies').values(withForm(cells)).execute();
    await migrateTo('005_tallies_covering_index');
    expect(await allCells()).toEqual(sorted(cells));
    expect(await talliesLayout()).toEqual({ clustered: false, key: 'unit_id,day,officer_id,field_id,question_key,level', indexes: ['tallies_unit_question_day_cover'] });
    await migrateToLatest(db);
    expect(await allCells()).toEqual(sorted(withForm(cells)));
  });
});

describe('migration 009: forms as data, tallies keyed by form', () => {
  it('keeps every tally row as the counter form’s (up, down, up), keys tallies (unit, form, question, day, …), and points serve the counter form', async () => {
    await migrateTo('008_outbox_unfinished');
    await oldDb().insertInto('tallies').values(cells).execute();
    await db.kysely
      .insertInto('units')
      .values({ id: 'u1', code: 'xa-1', name: 'UBND xã 1', kind: 'commune', parent_id: null, created_at: '2026-01-01T00:00:00Z' })
      .execute();
    await sql`insert into points (id, unit_id, officer_id, label, token_key, active, created_at) values ('p1', 'u1', null, 'Quầy', 'k1', 1, '2026-01-01T00:00:00Z')`.execute(db.kysely);

    await migrateToLatest(db);
    expect(await allCells()).toEqual(sorted(withForm(cells)));
    expect(await talliesLayout()).toEqual({ clustered: true, key: 'unit_id,form_key,question_key,day,officer_id,field_id,level', indexes: [] });
    expect((await db.kysely.selectFrom('points').select('form_key').executeTakeFirstOrThrow()).form_key).toBe('counter');
    // migrateToLatest adds the built-in forms.
    expect((await db.kysely.selectFrom('forms').select(['key', 'version']).orderBy('key').execute()).map((f) => `${f.key}/${f.version}`)).toEqual(['counter/1', 'sipas/1']);
    const { sql: text, parameters } = db.kysely
      .selectFrom('tallies')
      .where('unit_id', '=', 'u1')
      .where('form_key', '=', 'counter')
      .where('question_key', 'in', ['overall', 'access'])
      .where('day', '>=', '2026-01-01')
      .where('day', '<=', '2026-12-31')
      .select(['officer_id', 'level', (eb) => eb.fn.sum<number>('count').as('n')])
      .groupBy(['officer_id', 'level'])
      .compile();
    expect(await explain(text, parameters)).toMatch(
      db.dialect === 'sqlite' ? /SEARCH tallies USING PRIMARY KEY \(unit_id=\? AND form_key=\? AND question_key=\? AND day>\? AND day<\?\)/ : /Index Only Scan using tallies_pk/,
    );

    await migrateTo('008_outbox_unfinished');
    expect(await allCells()).toEqual(sorted(cells));
    expect(await talliesLayout()).toEqual({ clustered: true, key: 'unit_id,question_key,day,officer_id,field_id,level', indexes: [] });
    await migrateToLatest(db);
    expect(await allCells()).toEqual(sorted(withForm(cells)));
  });

  it('refuses to go down while another form has counts (the old schema would merge them)', async () => {
    await migrateToLatest(db);
    await db.kysely.insertInto('tallies').values([...withForm(cells), { ...withForm(cells)[0]!, form_key: 'sipas' }]).execute();
    const { error } = await migratorFor(db).migrateTo('008_outbox_unfinished');
    expect(String(error)).toContain('tallies of forms other than "counter" exist');
    expect(await allCells()).toHaveLength(cells.length + 1);
  });
});

describe('migration 007: responses keep only the indexes their queries use', () => {
  it('the duplicate-respondent lookup uses the partial index; the (unit, day) index is gone', async () => {
    await migrateToLatest(db);
    // The query of zalo/respondent.ts's duplicate check.
    const { sql: text, parameters } = db.kysely
      .selectFrom('responses')
      .select('id')
      .where('respondent_hash', '=', 'h')
      .where('point_id', '=', 'p')
      .where('received_at', '>', '2026-11-26T00:00:00.000Z')
      .where('id', '!=', 'r')
      .limit(1)
      .compile();
    expect(await explain(text, parameters)).toMatch(
      db.dialect === 'sqlite' ? /SEARCH responses USING INDEX responses_respondent_given_idx \(respondent_hash=\? AND point_id=\?\)/ : /Index Scan using responses_respondent_given_idx/,
    );
    // Indexes that back no constraint: only the partial one is left.
    const { rows } =
      db.dialect === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'responses' and sql is not null`.execute(db.kysely)
        : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'responses' and indexname not in (select conname from pg_constraint)`.execute(db.kysely);
    expect(rows.map((r) => r.name)).toEqual(['responses_respondent_given_idx']);
  });

  it("a unit's comments are read through the (unit_id, seq) key, not by scanning responses", async () => {
    await migrateToLatest(db);
    const { sql: text, parameters } = db.kysely
      .selectFrom('responses as r')
      .select(['r.id', 'r.seq'])
      .where('r.unit_id', '=', 'u1')
      .where('r.comment', 'is not', null)
      .where('r.seq', '<', 100)
      .orderBy('r.seq', 'desc')
      .limit(50)
      .compile();
    const plan = await explain(text, parameters);
    if (db.dialect === 'sqlite') {
      expect(plan).toMatch(/SEARCH r USING INDEX sqlite_autoindex_responses_\d \(unit_id=\? AND seq<\?\)/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else expect(plan).toMatch(/Index Scan Backward using responses_unit_seq_uq/);
  });
});

describe('migration 008: the dispatcher claims per recipient waiting, not per message waiting', () => {
  const now = new Date('2026-11-26T08:00:00.000Z');
  const message = (id: string, recipient: string, status: OutboxStatus, extra: Partial<OutboxRow> = {}): OutboxRow => ({
    id,
    alert_id: null,
    unit_id: 'u1',
    recipient_key: `zalo:${recipient}`,
    recipient_staff_id: null,
    recipient_zalo_id: recipient,
    text: `message ${id}`,
    status,
    channel: null,
    attempts: 0,
    next_attempt_at: '2026-11-26T07:00:00.000Z',
    lease_owner: null,
    lease_until: null,
    reason_code: null,
    reason: null,
    zalo_msg_id: null,
    delivered_at: null,
    created_at: '2026-11-26T07:00:00.000Z',
    updated_at: '2026-11-26T07:00:00.000Z',
    ...extra,
  });

  it("claims each recipient's oldest unfinished message, and only if due, through the partial index", async () => {
    await migrateToLatest(db);
    const rows = [
      // The outbox is mostly history: what was sent over the months.
      ...Array.from({ length: 5000 }, (_, i) => message(`0-${String(i).padStart(4, '0')}`, `h${i % 50}`, 'delivered')),
      // A backlog of 500 for one chairman (Zalo was down): only the oldest may go.
      ...Array.from({ length: 500 }, (_, i) => message(`a-${String(i).padStart(4, '0')}`, 'a', 'pending')),
      // A dispatcher died holding b-0: its lease ran out, so b-0 goes again before b-1.
      message('b-0', 'b', 'sending', { lease_owner: 'dead', lease_until: '2026-11-26T07:30:00.000Z', attempts: 1 }),
      message('b-1', 'b', 'pending'),
      // Finished messages hold nothing back.
      message('c-0', 'c', 'waiting'),
      message('c-1', 'c', 'delivered'),
      message('c-2', 'c', 'pending'),
      // Being sent right now (lease alive): d-1 waits for it.
      message('d-0', 'd', 'sending', { lease_owner: 'alive', lease_until: '2026-11-26T09:00:00.000Z', attempts: 1 }),
      message('d-1', 'd', 'pending'),
      // The oldest waits for its retry: so does the next.
      message('e-0', 'e', 'pending', { next_attempt_at: '2026-11-26T08:05:00.000Z', attempts: 2 }),
      message('e-1', 'e', 'pending'),
    ];
    for (let i = 0; i < rows.length; i += 500) await db.kysely.insertInto('outbox').values(rows.slice(i, i + 500)).execute();

    const claimed = await claimDue(db, 'me', now, 60_000, 20);
    expect(claimed.map((r) => [r.id, r.status, r.lease_owner, Number(r.attempts)])).toEqual([
      ['a-0000', 'sending', 'me', 1],
      ['b-0', 'sending', 'me', 2],
      ['c-2', 'sending', 'me', 1],
    ]);
    // Claimed heads now hold their recipients back, until settled.
    expect(await claimDue(db, 'other', now, 60_000, 20)).toEqual([]);
    await db.kysely.updateTable('outbox').set({ status: 'delivered', lease_owner: null, lease_until: null }).where('lease_owner', '=', 'me').execute();
    expect((await claimDue(db, 'me', now, 60_000, 20)).map((r) => r.id)).toEqual(['a-0001', 'b-1']);

    // With statistics, as a live database has them (autovacuum).
    if (db.dialect === 'postgres') await sql`analyze outbox`.execute(db.kysely);
    const { sql: text, parameters } = claimDueQuery(db.dialect, 'me', now, 60_000, 20).compile(db.kysely);
    const plan = await explain(text, parameters);
    expect(plan).toContain('outbox_unfinished_idx');
    // Nothing walks all unfinished messages (the status index) or the whole outbox; the outbox
    // is read by its key only for the heads found.
    expect(plan).not.toMatch(/outbox_status_idx|outbox_recipient_idx|Seq Scan on outbox/);
    if (db.dialect === 'sqlite') {
      for (const line of plan.split('\n').filter((l) => /^(SCAN|SEARCH) (outbox|o)\b/.test(l))) expect(line).toMatch(/outbox_unfinished_idx|sqlite_autoindex_outbox_1 \(id=\?\)/);
    } else expect(plan).toMatch(/Index Scan using outbox_pkey on outbox o .*\n\s*Index Cond: \(\(id\)::text = /);
  });
});
