import { Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { newResponseRecord, seedUnit, type SeededUnit } from '../../test/helpers/fixtures.ts';
import { dialectUnderTest } from '../../test/helpers/test-database.ts';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { createDb, type Db } from '../db/create-db.ts';
import { PgPipelineDialect } from '../db/dialects/postgres/pipeline.ts';
import type { NewResponseInput } from './append.ts';
import type { Database } from '../db/schema.ts';
import { respondentHash } from '../zalo/respondent.ts';
import { appendHooks } from './hooks.ts';
import { ResponseWriter } from './writer.ts';
import { verifyDatabase } from '../services/verify.service.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ d: TestDeps; unit: SeededUnit }> {
  // The batch mechanics of the 25 % rule at small n: the minimum n of instant alerts is 1 here.
  const d = await createTestDeps({ ALERT_MIN_RESPONSES: '1' });
  cleanups.push(() => d.close());
  return { d, unit: await seedUnit(d, 'xa-writer', { staff: true }) };
}

/** A writer with the server's hooks on `db`. */
function writerOn(d: TestDeps, db: Db): ResponseWriter {
  const writer = new ResponseWriter(db);
  for (const hook of appendHooks(d.config, () => undefined)) writer.onAppended(hook);
  cleanups.push(() => writer.close());
  return writer;
}

const low = { overall: 1, access: 1, attitude: 1, responsibility: 1, guidance: 1 };
const high = { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 };
const alertsOf = (d: TestDeps) => d.db.kysely.selectFrom('alerts').select(['kind', 'response_id', 'officer_id', 'dedupe_key']).orderBy('kind').execute();

// On PostgreSQL the writer thread's connection is pipelined: its appends go out with the COMMIT.
describe.each(dialectUnderTest() === 'postgres' ? ['pipelined', 'plain'] : ['plain'])(`ResponseWriter (on ${dialectUnderTest()}, %s connection)`, (mode) => {
  async function writerDb(d: TestDeps): Promise<Db> {
    if (mode === 'plain') return d.db;
    const db = createDb(d.databaseUrl, { pgPipeline: true, poolSize: 1 });
    cleanups.push(() => db.close());
    return db;
  }

  it('stores nothing of a batch whose append fails, and then each good record on its own', async () => {
    const { d, unit } = await setUp();
    const writer = writerOn(d, await writerDb(d));
    const stored = await writer.submit(newResponseRecord(unit, 0, { answers: high }));
    expect(stored.created).toBe(true);

    // One batch (submitted in one turn): the third record reuses a stored response's id, so the
    // append fails; on a pipelined connection it fails at the COMMIT, after the alerts were queued.
    const records = [
      newResponseRecord(unit, 1, { answers: low, officerId: unit.officers[1]! }),
      newResponseRecord(unit, 2, { answers: high }),
      newResponseRecord(unit, 3, { id: stored.receipt.id }),
      newResponseRecord(unit, 4, { answers: high }),
    ];
    const settled = await Promise.allSettled(records.map((r) => writer.submit(r)));

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ message: expect.stringMatching(/unique|duplicate/i) });
    expect(settled.filter((s) => s.status === 'fulfilled').every((s) => s.value.created)).toBe(true);
    const report = await verifyDatabase(d.db);
    expect(report.problems).toEqual([]);
    expect(report.responses).toBe(4);
    // Rule 1 for the low rating, and rule 2 (officer 1: 1 of 1 dissatisfied): each once.
    expect(await alertsOf(d)).toEqual([
      { kind: 'crossing', response_id: null, officer_id: unit.officers[1], dedupe_key: expect.stringMatching(/^crossing:/) },
      { kind: 'response', response_id: records[0]!.id, officer_id: unit.officers[1], dedupe_key: `response:${records[0]!.id}` },
    ]);
  });

  it("checks the 25 % crossing in a batch spread over two days whose later record is a retry", async () => {
    const { d, unit } = await setUp();
    const writer = writerOn(d, await writerDb(d));
    const officer = unit.officers[2]!;
    const day = (i: number, at: string, over: Partial<NewResponseInput>) => ({ ...newResponseRecord(unit, i, { officerId: officer, ...over }), receivedAt: at, day: at.slice(0, 10) });
    const first = await writer.submit(day(0, '2026-11-24T10:00:00.000Z', { answers: high }));
    await writer.submit(day(1, '2026-11-24T10:01:00.000Z', { answers: high }));
    const stored = await d.db.kysely.selectFrom('responses').select('client_id').where('id', '=', first.receipt.id).executeTakeFirstOrThrow();

    // The month's sums are read ahead for the submitted records (last day the 25th); the
    // appended ones (the retry dropped) end on the 24th. 1 of 3 dissatisfied: over 25 %.
    const batches = writer.stats.batches;
    const [lowOne, retry] = await Promise.all([
      writer.submit(day(2, '2026-11-24T11:00:00.000Z', { answers: low })),
      writer.submit(day(3, '2026-11-25T01:00:00.000Z', { answers: low, clientId: stored.client_id })),
    ]);

    // One batch: it did not fail and leave the records to be written one by one.
    expect(writer.stats.batches).toBe(batches + 1);
    expect(lowOne!.created).toBe(true);
    expect(retry).toEqual({ created: false, receipt: first.receipt });
    const crossing = await d.db.kysely.selectFrom('alerts').select(['details', 'day']).where('kind', '=', 'crossing').execute();
    expect(crossing).toHaveLength(1);
    expect(crossing[0]!.day).toBe('2026-11-24');
    expect(JSON.parse(crossing[0]!.details)).toMatchObject({ month: '2026-11', n: 3, dissatisfied: 1 });
  });
});

/** What a pool's clients were asked, in order: a send when query() is called, an answer when it settles. */
type Event = { kind: 'send' | 'answer'; sql: string };

/** A pipelined writer connection whose statements are traced (as PgPipelineDialect's own tests do). */
async function tracedWriterDb(d: TestDeps): Promise<{ db: Db; events: Event[] }> {
  const pool = new pg.Pool({ connectionString: d.databaseUrl, max: 1, pipeline: true });
  const events: Event[] = [];
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
    const traced = (text: string, values?: unknown[]): Promise<pg.QueryResult> => {
      const name = text.trim().replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' ').toLowerCase();
      events.push({ kind: 'send', sql: name });
      return query(text, values).finally(() => events.push({ kind: 'answer', sql: name }));
    };
    Object.assign(client, { query: traced });
  });
  const kysely = new Kysely<Database>({ dialect: new PgPipelineDialect({ pool }) });
  const db: Db = { kysely, dialect: 'postgres', pipeline: true, close: () => kysely.destroy() };
  cleanups.push(() => db.close());
  return { db, events };
}

/** The statements sent before each wait: one entry per round trip. */
function roundTrips(events: Event[]): string[][] {
  const trips: string[][] = [];
  let previous: Event['kind'] = 'answer';
  for (const e of events) {
    if (e.kind === 'send' && previous === 'answer') trips.push([]);
    if (e.kind === 'send') trips.at(-1)!.push(e.sql);
    previous = e.kind;
  }
  return trips;
}

describe.runIf(dialectUnderTest() === 'postgres')('ResponseWriter round trips (PostgreSQL, pipelined connection)', () => {
  const LOCK = 'with locked as';
  const APPEND = 'with appended as';

  it('takes two per batch, alerts or not: reads ahead with the lock, the append and the alerts with the COMMIT', async () => {
    const { d, unit } = await setUp();
    const { db, events } = await tracedWriterDb(d);
    const writer = writerOn(d, db);
    await writer.submit(newResponseRecord(unit, 0, { answers: high }));
    expect(roundTrips(events)).toEqual([
      ['begin', LOCK],
      [APPEND, 'commit'],
    ]);

    events.length = 0;
    // Rule 1 (a low rating) and rule 2 (officer 1: 1 of 1 dissatisfied): names, recipients, the
    // period's sums and the officer's alert state are read with the lock; both alerts, their
    // messages and the new alert state go with the COMMIT.
    await writer.submit(newResponseRecord(unit, 1, { answers: low, officerId: unit.officers[1]! }));
    expect(roundTrips(events)).toEqual([
      ['begin', LOCK, `select 'unit' as`, 'select cast($1 as', 'select "unit_id", "form_key",'],
      [APPEND, 'insert into "alerts"', 'insert into outbox', 'insert into "alert_states"', 'insert into "alerts"', 'insert into outbox', 'commit'],
    ]);
    expect(await alertsOf(d)).toHaveLength(2);
  });

  it('waits for the append when a hook reads after it (a verified respondent: the duplicate check)', async () => {
    const { d, unit } = await setUp();
    const { db, events } = await tracedWriterDb(d);
    const writer = writerOn(d, db);
    const hash = respondentHash(d.config.APP_SECRET, 'zalo-user-1');
    await writer.submit(newResponseRecord(unit, 0, { answers: high, respondentHash: hash, verification: 'verified' }));
    expect(roundTrips(events)).toEqual([['begin', LOCK], [APPEND], ['select "id" from'], ['commit']]);
  });
});
