import { afterEach, describe, expect, it } from 'vitest';
import { seedUnit } from '../../test/helpers/fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { dialectUnderTest } from '../../test/helpers/test-database.ts';
import { createDb, type Db } from '../db/create-db.ts';
import { batchStatements } from '../db/dialects/postgres/pipeline.ts';
import { createAlert, queueAlert } from './enqueue.ts';

// On the dialect under test: an alert and its outbox messages exist together or not at all.
let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.close();
  deps = undefined;
});

async function setUp() {
  deps = await createTestDeps();
  const unit = await seedUnit(deps);
  const staff = await deps.db.kysely.selectFrom('staff').select(['id', 'role']).where('unit_id', '=', unit.unitId).orderBy('id').execute();
  return { deps, unit, staff };
}

function alertFor(unitId: string, dedupeKey: string, over: { notify?: boolean; recipients?: string[] } = {}) {
  return {
    unitId,
    kind: 'response' as const,
    dedupeKey,
    officerId: null,
    responseId: null,
    day: '2026-11-25',
    createdAt: '2026-11-25T03:00:00.000Z',
    details: { level: 1, comment: "'); drop table alerts; --" },
    text: (link: string) => `Đánh giá "Rất không hài lòng" — ${link}`,
    ...over,
  };
}

const messagesOf = (d: TestDeps, alertId: string) =>
  d.db.kysely.selectFrom('outbox').select(['alert_id', 'unit_id', 'recipient_key', 'recipient_staff_id', 'status', 'text']).where('alert_id', '=', alertId).orderBy('recipient_key').execute();

describe(`createAlert (on ${dialectUnderTest()})`, () => {
  it('records the alert and one pending message per recipient, in the caller’s transaction', async () => {
    const { deps: d, unit, staff } = await setUp();
    const chairman = staff.find((s) => s.role === 'chairman')!.id;
    const id = await d.db.kysely.transaction().execute((trx) => createAlert(trx, d.config, alertFor(unit.unitId, 'response:a')));
    expect(id).not.toBeNull();
    const alert = await d.db.kysely.selectFrom('alerts').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ unit_id: unit.unitId, kind: 'response', dedupe_key: 'response:a', day: '2026-11-25', ack_at: null });
    expect(JSON.parse(alert.details)).toEqual({ level: 1, comment: "'); drop table alerts; --" });
    expect(alert.text.startsWith('Đánh giá "Rất không hài lòng" — http://127.0.0.1:8787/')).toBe(true);
    expect(alert.text).toContain(id!);
    // Chairmen only by default (ALERT_NOTIFY_CLERK off in tests unless set).
    const expected = d.config.ALERT_NOTIFY_CLERK ? staff.map((s) => s.id).sort() : [chairman];
    const messages = await messagesOf(d, id!);
    expect(messages.map((m) => m.recipient_staff_id).sort()).toEqual(expected);
    for (const m of messages) expect(m).toMatchObject({ unit_id: unit.unitId, status: 'pending', text: alert.text, recipient_key: `staff:${m.recipient_staff_id}` });
  });

  it('a repeated dedupe key creates neither an alert nor messages', async () => {
    const { deps: d, unit } = await setUp();
    const first = await d.db.kysely.transaction().execute((trx) => createAlert(trx, d.config, alertFor(unit.unitId, 'response:b')));
    const again = await d.db.kysely.transaction().execute((trx) => createAlert(trx, d.config, alertFor(unit.unitId, 'response:b')));
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(await d.db.kysely.selectFrom('alerts').select('id').where('dedupe_key', '=', 'response:b').execute()).toHaveLength(1);
    const all = await d.db.kysely.selectFrom('outbox').select('alert_id').execute();
    expect(all.every((m) => m.alert_id === first)).toBe(true);
    expect(all.length).toBeGreaterThan(0);
  });

  it('given recipients are used as they are; none, or notify: false, records the alert without messages', async () => {
    const { deps: d, unit, staff } = await setUp();
    const someone = staff[0]!.id;
    const given = await d.db.kysely.transaction().execute((trx) => createAlert(trx, d.config, alertFor(unit.unitId, 'response:c', { recipients: [someone] })));
    expect((await messagesOf(d, given!)).map((m) => m.recipient_staff_id)).toEqual([someone]);
    const nobody = await d.db.kysely.transaction().execute((trx) => createAlert(trx, d.config, alertFor(unit.unitId, 'response:d', { recipients: [] })));
    expect(nobody).not.toBeNull();
    expect(await messagesOf(d, nobody!)).toEqual([]);
    const quiet = await d.db.kysely.transaction().execute((trx) => createAlert(trx, d.config, alertFor(unit.unitId, 'response:e', { notify: false })));
    expect(quiet).not.toBeNull();
    expect(await messagesOf(d, quiet!)).toEqual([]);
  });

  it('rolls back with the caller’s transaction', async () => {
    const { deps: d, unit } = await setUp();
    await expect(
      d.db.kysely.transaction().execute(async (trx) => {
        await createAlert(trx, d.config, alertFor(unit.unitId, 'response:f'));
        throw new Error('batch failed');
      }),
    ).rejects.toThrow('batch failed');
    expect(await d.db.kysely.selectFrom('alerts').select('id').execute()).toEqual([]);
    expect(await d.db.kysely.selectFrom('outbox').select('id').execute()).toEqual([]);
  });
});

// queueAlert sends its writes with the COMMIT: on a pipelined PostgreSQL connection (the writer
// thread's) after the batch's other statements, elsewhere at once. Same rows either way.
describe.each(dialectUnderTest() === 'postgres' ? ['pipelined', 'plain'] : ['plain'])(`queueAlert (on ${dialectUnderTest()}, %s connection)`, (mode) => {
  const opened: Db[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });
  async function writerDb(d: TestDeps): Promise<Db> {
    if (mode === 'plain') return d.db;
    const db = createDb(d.databaseUrl, { pgPipeline: true, poolSize: 1 });
    opened.push(db);
    return db;
  }
  const queue = (db: Db, d: TestDeps, alerts: ReturnType<typeof alertFor>[], recipients: string[]) =>
    db.kysely.transaction().execute(async (trx) => {
      const statements = batchStatements(trx, db.pipeline);
      // A writer transaction starts with a read (the chain-head lock).
      await trx.selectFrom('chain_heads').select('unit_id').execute();
      for (const a of alerts) await queueAlert(trx, statements, d.config, { ...a, recipients });
    });
  const alertsWith = (d: TestDeps, key: string) => d.db.kysely.selectFrom('alerts').selectAll().where('dedupe_key', '=', key).execute();

  it('records each alert and one pending message per recipient when the transaction commits', async () => {
    const { deps: d, unit, staff } = await setUp();
    const db = await writerDb(d);
    expect(db.pipeline).toBe(mode === 'pipelined');
    const everyone = staff.map((s) => s.id).sort();
    await queue(db, d, [alertFor(unit.unitId, 'response:q1'), alertFor(unit.unitId, 'response:q2')], everyone);
    for (const key of ['response:q1', 'response:q2']) {
      const [alert] = await alertsWith(d, key);
      expect(alert).toMatchObject({ unit_id: unit.unitId, kind: 'response', day: '2026-11-25' });
      expect(JSON.parse(alert!.details)).toEqual({ level: 1, comment: "'); drop table alerts; --" });
      expect(alert!.text).toContain(alert!.id);
      const messages = await messagesOf(d, alert!.id);
      expect(messages.map((m) => m.recipient_staff_id).sort()).toEqual(everyone);
      for (const m of messages) expect(m).toMatchObject({ unit_id: unit.unitId, status: 'pending', text: alert!.text, recipient_key: `staff:${m.recipient_staff_id}` });
    }
  });

  it('a repeated dedupe key, in a later transaction or the same one, creates neither an alert nor messages', async () => {
    const { deps: d, unit, staff } = await setUp();
    const db = await writerDb(d);
    const someone = [staff[0]!.id];
    await queue(db, d, [alertFor(unit.unitId, 'response:r'), alertFor(unit.unitId, 'response:r')], someone);
    await queue(db, d, [alertFor(unit.unitId, 'response:r')], someone);
    const alerts = await alertsWith(d, 'response:r');
    expect(alerts).toHaveLength(1);
    const all = await d.db.kysely.selectFrom('outbox').select(['alert_id', 'recipient_staff_id']).execute();
    expect(all).toEqual([{ alert_id: alerts[0]!.id, recipient_staff_id: someone[0] }]);
  });

  it('no recipients, or notify: false, records the alert without messages', async () => {
    const { deps: d, unit, staff } = await setUp();
    const db = await writerDb(d);
    await queue(db, d, [alertFor(unit.unitId, 'response:s')], []);
    await queue(db, d, [alertFor(unit.unitId, 'response:t', { notify: false })], [staff[0]!.id]);
    expect(await alertsWith(d, 'response:s')).toHaveLength(1);
    expect(await alertsWith(d, 'response:t')).toHaveLength(1);
    expect(await d.db.kysely.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('rolls back with the caller’s transaction', async () => {
    const { deps: d, unit, staff } = await setUp();
    const db = await writerDb(d);
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await trx.selectFrom('chain_heads').select('unit_id').execute();
        await queueAlert(trx, batchStatements(trx, db.pipeline), d.config, { ...alertFor(unit.unitId, 'response:u'), recipients: [staff[0]!.id] });
        throw new Error('batch failed');
      }),
    ).rejects.toThrow('batch failed');
    expect(await d.db.kysely.selectFrom('alerts').select('id').execute()).toEqual([]);
    expect(await d.db.kysely.selectFrom('outbox').select('id').execute()).toEqual([]);
  });
});
