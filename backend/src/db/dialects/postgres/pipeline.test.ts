import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl, dialectUnderTest } from '../../../../test/helpers/test-database.ts';
import { createDb } from '../../create-db.ts';
import { batchStatements, PgPipelineDialect } from './pipeline.ts';

// PostgreSQL only: the dialect wraps pg's driver. Runs in CI's PostgreSQL pass (TEST_DATABASE_URL).
type T = {
  t: { id: number; v: string };
};

/** What the pool's clients were asked, in order: `send` when query() is called, `answer` when it settles. */
type Event = { kind: 'send' | 'answer'; sql: string };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `failBegin.now`: a BEGIN is answered with an error without reaching the server, as if it had failed there. */
async function pipelinedDb(failBegin: { now: boolean } = { now: false }): Promise<{ db: Kysely<T>; events: Event[] }> {
  const { url, drop } = await createTestDatabaseUrl();
  cleanups.push(drop);
  const pool = new pg.Pool({ connectionString: url, max: 2, pipeline: true });
  const events: Event[] = [];
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
    const traced = (text: string, values?: unknown[]): Promise<pg.QueryResult> => {
      const name = text.split(' ')[0]!.toLowerCase();
      events.push({ kind: 'send', sql: name });
      const answer = failBegin.now && name === 'begin' ? Promise.reject(new Error('begin failed')) : query(text, values);
      return answer.finally(() => events.push({ kind: 'answer', sql: name }));
    };
    Object.assign(client, { query: traced });
  });
  const db = new Kysely<T>({ dialect: new PgPipelineDialect({ pool }) });
  cleanups.push(() => db.destroy());
  await sql`create table t (id integer primary key, v text not null)`.execute(db);
  events.length = 0;
  return { db, events };
}

const rows = (db: Kysely<T>) => db.selectFrom('t').select(['id', 'v']).orderBy('id').execute();
const openTransactions = async (db: Kysely<T>) =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`.execute(db)).rows[0]!.n;

describe.runIf(dialectUnderTest() === 'postgres')('PgPipelineDialect (PostgreSQL, pg pipeline mode)', () => {
  it("sends BEGIN together with the transaction's first statement, then waits for both", async () => {
    const { db, events } = await pipelinedDb();
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('t').select('id').forUpdate().execute();
      await trx.insertInto('t').values({ id: 1, v: 'a' }).execute();
    });
    expect(events).toEqual([
      { kind: 'send', sql: 'begin' },
      { kind: 'send', sql: 'select' },
      { kind: 'answer', sql: 'begin' },
      { kind: 'answer', sql: 'select' },
      { kind: 'send', sql: 'insert' },
      { kind: 'answer', sql: 'insert' },
      { kind: 'send', sql: 'commit' },
      { kind: 'answer', sql: 'commit' },
    ]);
    expect(await rows(db)).toEqual([{ id: 1, v: 'a' }]);
  });

  it('keeps transactions atomic: a failed statement rolls back the earlier ones, and the connection serves the next transaction', async () => {
    const { db } = await pipelinedDb();
    await db.insertInto('t').values({ id: 1, v: 'kept' }).execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 2, v: 'rolled back' }).execute();
        await trx.insertInto('t').values({ id: 1, v: 'duplicate key' }).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    // The first statement itself failing: BEGIN went out with it, the rollback still ends the transaction.
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 1, v: 'duplicate key' }).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 3, v: 'after' }).execute();
    });
    expect(await rows(db)).toEqual([
      { id: 1, v: 'kept' },
      { id: 3, v: 'after' },
    ]);
    expect(await openTransactions(db)).toBe(0);
  });

  it('a transaction that runs no statement sends nothing, and one that throws before any statement sends nothing either', async () => {
    const { db, events } = await pipelinedDb();
    await db.transaction().execute(async () => undefined);
    await expect(
      db.transaction().execute(async () => {
        throw new Error('before any statement');
      }),
    ).rejects.toThrow('before any statement');
    expect(events).toEqual([]);
  });

  it('savepoints and isolation levels still work', async () => {
    const { db } = await pipelinedDb();
    const trx = await db.startTransaction().execute();
    await trx.insertInto('t').values({ id: 1, v: 'kept' }).execute();
    const sp = await trx.savepoint('sp').execute();
    await sp.insertInto('t').values({ id: 2, v: 'undone' }).execute();
    const back = await sp.rollbackToSavepoint('sp').execute();
    await back.commit().execute();
    expect(await rows(db)).toEqual([{ id: 1, v: 'kept' }]);

    const level = await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (t) => (await sql<{ l: string }>`select current_setting('transaction_isolation') as l`.execute(t)).rows[0]!.l);
    expect(level).toBe('serializable');
  });
  it('a read sent ahead shares the round trip of the next statement, and its answer is there when awaited', async () => {
    const { db, events } = await pipelinedDb();
    await db.insertInto('t').values({ id: 1, v: 'a' }).execute();
    events.length = 0;
    const read = await db.transaction().execute(async (trx) => {
      const ahead = batchStatements(trx, true).ahead(trx.selectFrom('t').select(['id', 'v']).compile());
      await trx.insertInto('t').values({ id: 2, v: 'b' }).execute();
      return (await ahead).rows;
    });
    // Sent before the insert, so it did not see it.
    expect(read).toEqual([{ id: 1, v: 'a' }]);
    expect(events).toEqual([
      { kind: 'send', sql: 'begin' },
      { kind: 'send', sql: 'select' },
      { kind: 'send', sql: 'insert' },
      { kind: 'answer', sql: 'begin' },
      { kind: 'answer', sql: 'select' },
      { kind: 'answer', sql: 'insert' },
      { kind: 'send', sql: 'commit' },
      { kind: 'answer', sql: 'commit' },
    ]);
  });

  it('sends nothing more once a BEGIN that went out with a read ahead is known to have failed', async () => {
    const failBegin = { now: false };
    const { db, events } = await pipelinedDb(failBegin);
    failBegin.now = true;
    await expect(
      db.transaction().execute(async (trx) => {
        const statements = batchStatements(trx, true);
        // The writer's order: the lock as a read ahead, awaited, then a write.
        await statements.ahead(trx.selectFrom('t').select('id').forUpdate().compile());
        await trx.insertInto('t').values({ id: 1, v: 'never sent' }).execute();
      }),
    ).rejects.toThrow('begin failed');
    failBegin.now = false;
    expect(events.filter((e) => e.kind === 'send').map((e) => e.sql)).not.toContain('insert');
    expect(await rows(db)).toEqual([]);
  });

  it('writes held for the COMMIT go out back to back with it and are committed with the rest', async () => {
    const { db, events } = await pipelinedDb();
    await db.transaction().execute(async (trx) => {
      const statements = batchStatements(trx, true);
      await trx.selectFrom('t').select('id').forUpdate().execute();
      await statements.atCommit(trx.insertInto('t').values({ id: 1, v: 'held' }).compile());
      await statements.atCommit(trx.insertInto('t').values({ id: 2, v: 'held too' }).compile());
    });
    expect(events).toEqual([
      { kind: 'send', sql: 'begin' },
      { kind: 'send', sql: 'select' },
      { kind: 'answer', sql: 'begin' },
      { kind: 'answer', sql: 'select' },
      { kind: 'send', sql: 'insert' },
      { kind: 'send', sql: 'insert' },
      { kind: 'send', sql: 'commit' },
      { kind: 'answer', sql: 'insert' },
      { kind: 'answer', sql: 'insert' },
      { kind: 'answer', sql: 'commit' },
    ]);
    expect(await rows(db)).toEqual([
      { id: 1, v: 'held' },
      { id: 2, v: 'held too' },
    ]);
  });

  it('a held write that fails rolls the whole transaction back, and the COMMIT reports its error', async () => {
    const { db } = await pipelinedDb();
    await db.insertInto('t').values({ id: 1, v: 'kept' }).execute();
    await expect(
      db.transaction().execute(async (trx) => {
        const statements = batchStatements(trx, true);
        await trx.insertInto('t').values({ id: 2, v: 'rolled back' }).execute();
        await statements.atCommit(trx.insertInto('t').values({ id: 3, v: 'rolled back too' }).compile());
        await statements.atCommit(trx.insertInto('t').values({ id: 1, v: 'duplicate key' }).compile());
        await statements.atCommit(trx.insertInto('t').values({ id: 4, v: 'after the failure' }).compile());
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await rows(db)).toEqual([{ id: 1, v: 'kept' }]);
    expect(await openTransactions(db)).toBe(0);
    // The connection serves the next transaction.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 5, v: 'next' }).execute();
    });
    expect((await rows(db)).map((r) => r.id)).toEqual([1, 5]);
  });

  it('held writes of a transaction that fails before its COMMIT are never sent', async () => {
    const { db, events } = await pipelinedDb();
    await expect(
      db.transaction().execute(async (trx) => {
        const statements = batchStatements(trx, true);
        await trx.selectFrom('t').select('id').execute();
        await statements.atCommit(trx.insertInto('t').values({ id: 1, v: 'never sent' }).compile());
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    expect(events.map((e) => `${e.kind} ${e.sql}`)).not.toContain('send insert');
    expect(await rows(db)).toEqual([]);
    expect(await openTransactions(db)).toBe(0);
  });
});

// The same interface without pipelining (SQLite, a plain PostgreSQL pool): run at once, same results.
describe(`batchStatements without a pipeline (on ${dialectUnderTest()})`, () => {
  it('reads ahead and writes "at commit" run in order inside the transaction and roll back with it', async () => {
    const { url, drop } = await createTestDatabaseUrl();
    cleanups.push(drop);
    const db = createDb(url, { poolSize: 2 });
    cleanups.push(() => db.close());
    expect(db.pipeline).toBe(false);
    const k = db.kysely.withTables<T>();
    await sql`create table t (id integer primary key, v text not null)`.execute(k);
    const read = await k.transaction().execute(async (trx) => {
      const statements = batchStatements(trx, db.pipeline);
      const ahead = statements.ahead(trx.selectFrom('t').select(['id', 'v']).compile());
      await statements.atCommit(trx.insertInto('t').values({ id: 1, v: 'a' }).compile());
      return (await ahead).rows;
    });
    expect(read).toEqual([]);
    expect(await k.selectFrom('t').select(['id', 'v']).orderBy('id').execute()).toEqual([{ id: 1, v: 'a' }]);
    await expect(
      k.transaction().execute(async (trx) => {
        await batchStatements(trx, db.pipeline).atCommit(trx.insertInto('t').values({ id: 2, v: 'b' }).compile());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await k.selectFrom('t').select(['id', 'v']).orderBy('id').execute()).toEqual([{ id: 1, v: 'a' }]);
  });
});
