import { afterEach, describe, expect, it } from 'vitest';
import { seedUnit } from '../../test/helpers/fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { dialectUnderTest } from '../../test/helpers/test-database.ts';
import { createAlert } from './enqueue.ts';

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
