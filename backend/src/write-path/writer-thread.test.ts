import { afterEach, describe, expect, it } from 'vitest';
import { countResponses, findReceiptsByClientIds } from '../db/responses.repository.ts';
import { AppError } from '../app-error.ts';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { dialectUnderTest } from '../../test/helpers/test-database.ts';
import { newResponseRecord, seedUnit, type SeededUnit } from '../../test/helpers/fixtures.ts';
import { verifyDatabase } from '../services/verify.service.ts';
import { SQLITE_MESSAGE_SIZE, ThreadedResponseWriter } from './writer-thread.ts';

// server.ts writes through the writer thread on SQLite files and on PostgreSQL: these tests run
// on the dialect under test (a temporary file for SQLite: a worker cannot share an in-memory one).
let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.close();
  deps = undefined;
});

async function setup(): Promise<{ deps: TestDeps; unit: SeededUnit; writer: ThreadedResponseWriter }> {
  deps = await createTestDeps({}, { sqliteFile: dialectUnderTest() === 'sqlite', writerThread: true });
  const unit = await seedUnit(deps, 'xa-thread', { staff: true });
  expect(deps.writer).toBeInstanceOf(ThreadedResponseWriter);
  return { deps, unit, writer: deps.writer as ThreadedResponseWriter };
}

describe(`ThreadedResponseWriter (writer in a worker thread, on ${dialectUnderTest()})`, () => {
  it('stores concurrent submissions once each, chained and tallied, and retries get the first receipt', async () => {
    const { deps: d, unit, writer } = await setup();
    const records = Array.from({ length: 1200 }, (_, i) => newResponseRecord(unit, i));
    // Every record twice, concurrently: the second of each pair must get the first one's receipt.
    const outcomes = await Promise.all([...records, ...records].map((r) => writer.submit(r)));
    const first = outcomes.slice(0, records.length);
    const again = outcomes.slice(records.length);
    expect(outcomes.filter((o) => o.created)).toHaveLength(records.length);
    for (let i = 0; i < records.length; i++) expect(again[i]!.receipt.id).toBe(first[i]!.receipt.id);
    expect(await countResponses(d.db.kysely)).toBe(records.length);

    // The tallies match an independent count of what was sent, and verify finds nothing wrong.
    const expected = new Map<number, number>();
    for (const r of records) expected.set(r.answers['overall']!, (expected.get(r.answers['overall']!) ?? 0) + 1);
    const rows = await d.db.kysely
      .selectFrom('tallies')
      .select(['level', (eb) => eb.fn.sum<number>('count').as('n')])
      .where('unit_id', '=', unit.unitId)
      .where('question_key', '=', 'overall')
      .groupBy('level')
      .execute();
    expect(new Map(rows.map((r) => [r.level, Number(r.n)]))).toEqual(expected);
    const report = await verifyDatabase(d.db);
    expect(report.problems).toEqual([]);
    expect(report.responses).toBe(records.length);
    expect(writer.stats.records).toBeGreaterThanOrEqual(records.length);
    expect(writer.stats.batches).toBeLessThan(records.length); // grouped, not one commit each
    expect(writer.pending).toBe(0);
    // Commits reported back to the request thread reach the process's metrics.
    expect(await d.metrics.registry.metrics()).toMatch(new RegExp(`hailong_responses_stored_total ${records.length}\\b`));
  });

  it('sends one turn\'s submissions in messages of SQLITE_MESSAGE_SIZE on SQLite, in one on PostgreSQL', async () => {
    const { deps: d, unit, writer } = await setup();
    await writer.ready();
    const before = writer.messages;
    // Submitted in one turn of the event loop, as the requests of one poll of the sockets are.
    const outcomes = await Promise.all(Array.from({ length: 2 * SQLITE_MESSAGE_SIZE + 3 }, (_, i) => writer.submit(newResponseRecord(unit, i))));
    expect(outcomes.every((o) => o.created)).toBe(true);
    expect(writer.messages - before).toBe(dialectUnderTest() === 'sqlite' ? 3 : 1);
    expect(await countResponses(d.db.kysely)).toBe(outcomes.length);
    expect((await verifyDatabase(d.db)).problems).toEqual([]);
  });

  it('runs the in-transaction hooks in the thread: alerts are recorded with their responses', async () => {
    const { deps: d, unit, writer } = await setup();
    const low = await writer.submit(newResponseRecord(unit, 0, { answers: { overall: 1, access: 1, attitude: 1, responsibility: 1, guidance: 1 }, comment: 'Bị hạch sách' }));
    expect(low.created).toBe(true);
    const alert = await d.db.kysely.selectFrom('alerts').select(['kind', 'response_id']).where('unit_id', '=', unit.unitId).executeTakeFirst();
    expect(alert).toEqual({ kind: 'response', response_id: low.receipt.id });
    const messages = await d.db.kysely.selectFrom('outbox').select('id').execute();
    expect(messages.length).toBeGreaterThan(0);

    // The request thread is told of commits and of new alerts (it wakes the dispatcher).
    const told: string[] = [];
    const second = new ThreadedResponseWriter({
      databaseUrl: d.databaseUrl,
      config: d.config,
      onCommitted: (batch, created) => told.push(`committed ${batch}/${created}`),
      onAlert: () => told.push('alert'),
      logger: d.logger,
    });
    try {
      await second.submit(newResponseRecord(unit, 1, { answers: { overall: 1, access: 2, attitude: 2, responsibility: 2, guidance: 2 } }));
      await second.submit(newResponseRecord(unit, 2, { answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 } }));
    } finally {
      await second.close();
    }
    expect(told).toEqual(['alert', 'committed 1/1', 'committed 1/1']);
  });

  it('brings an AppError from the thread back with its code (409 for the same respondent again)', async () => {
    const { deps: d, unit, writer } = await setup();
    const hash = 'a'.repeat(64);
    await writer.submit(newResponseRecord(unit, 0, { respondentHash: hash, verification: 'verified' }));
    const second = writer.submit(newResponseRecord(unit, 1, { respondentHash: hash, verification: 'verified' }));
    await expect(second).rejects.toBeInstanceOf(AppError);
    await expect(second).rejects.toMatchObject({ code: 'duplicate_response', status: 409 });
    expect(await countResponses(d.db.kysely)).toBe(1);
  });

  it('loses nothing it acknowledged when the thread dies mid-load, and a new thread takes over', async () => {
    const { deps: d, unit, writer } = await setup();
    const records = Array.from({ length: 3000 }, (_, i) => newResponseRecord(unit, i));
    const settled = records.map((r) => writer.submit(r).then((o) => ({ ok: true as const, o }), (e: unknown) => ({ ok: false as const, e })));
    await settled[0]; // the thread is up and committing
    await writer.kill();
    const results = await Promise.all(settled);
    const acknowledged = results.flatMap((r, i) => (r.ok ? [{ clientId: records[i]!.clientId, id: r.o.receipt.id }] : []));
    const failed = results.flatMap((r, i) => (r.ok ? [] : [records[i]!]));
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    // Every acknowledged response is stored under the id it was acknowledged with.
    const stored = await findReceiptsByClientIds(d.db.kysely, acknowledged.map((a) => a.clientId));
    for (const a of acknowledged) expect(stored.get(a.clientId)?.id).toBe(a.id);
    // The unanswered ones are retried by the phones: each is stored exactly once, whether or not
    // its transaction had committed before the thread died.
    const retried = await Promise.all(failed.map((r) => writer.submit(r)));
    expect(retried.every((o) => o.receipt.id)).toBe(true);
    expect(await countResponses(d.db.kysely)).toBe(records.length);
    expect((await verifyDatabase(d.db)).problems).toEqual([]);
  });

  it('says when it is ready (server.ts listens only then), also after a new thread took over', async () => {
    const { unit, writer } = await setup();
    await expect(writer.ready()).resolves.toBeUndefined();
    await writer.kill();
    await expect(writer.ready()).resolves.toBeUndefined(); // a dead thread does not hold anyone up
    expect((await writer.submit(newResponseRecord(unit, 1))).created).toBe(true);
    await expect(writer.ready()).resolves.toBeUndefined();
  });

  it('writes everything submitted before close() resolves, then refuses more', async () => {
    const { deps: d, unit, writer } = await setup();
    const pending = Array.from({ length: 200 }, (_, i) => writer.submit(newResponseRecord(unit, i)));
    await writer.close();
    expect((await Promise.all(pending)).every((o) => o.created)).toBe(true);
    expect(await countResponses(d.db.kysely)).toBe(200);
    await expect(writer.submit(newResponseRecord(unit, 999))).rejects.toThrow(/closed/);
  });
});
