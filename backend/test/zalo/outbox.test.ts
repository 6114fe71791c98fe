import { SelectQueryNode, UpdateQueryNode, type KyselyPlugin } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/jobs/dispatcher.ts';
import { responseBody } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { linkStaff } from '../helpers/zalo-fixtures.ts';

const CS = '/v3.0/oa/message/cs';

describe('outbox dispatcher', () => {
  const bed = useTestbed({ zalo: true, env: { ALERT_RETRY_BASE_SECONDS: '30', ALERT_MAX_ATTEMPTS: '8' } });
  beforeEach(async () => {
    const { t, deps, fake, unit } = bed;
    await linkStaff(t, deps, fake, await t.login(unit.chairman.username, unit.chairman.password), 'z-chair');
    await linkStaff(t, deps, fake, await t.login(unit.clerk.username, unit.clerk.password), 'z-clerk');
    await new Dispatcher(deps).drain(); // the two link confirmations
    fake.messages.length = 0;
  });

  /** n low ratings at the counter (no officer: rule 1 only), comments "#1"… in order; 2 recipients each. */
  async function lowRatings(n: number): Promise<void> {
    for (let i = 1; i <= n; i++) {
      const res = await bed.t.post('/api/public/responses', responseBody(bed.unit.counterToken, { answers: { overall: 1, access: 1, attitude: 1, responsibility: 1, guidance: 1 }, comment: `#${i}` }));
      expect(res.status).toBe(201);
    }
  }
  const order = (user: string) => bed.fake.messagesTo(user).map((m) => /"#(\d+)"/.exec(m)?.[1]);
  const expected = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
  const statuses = async () => (await bed.deps.db.kysely.selectFrom('outbox').select('status').where('alert_id', 'is not', null).execute()).map((r) => r.status);
  const advance = (ms: number) => bed.deps.setNow(new Date(bed.deps.now().getTime() + ms).toISOString());

  it('outage: 500s and timeouts for a while, then every alert once, in order per recipient', async () => {
    await lowRatings(3);
    bed.fake.fail(CS, 'http500', 'http500', 'timeout', 'http500', 'timeout', 'http500');
    const d = new Dispatcher(bed.deps, { random: () => 0.5 });
    for (let round = 0; round < 30 && (await statuses()).some((s) => s !== 'delivered'); round++) {
      await d.drain();
      advance(10 * 60_000);
    }
    expect(await statuses()).toEqual(Array(6).fill('delivered'));
    expect(order('z-chair')).toEqual(expected(3));
    expect(order('z-clerk')).toEqual(expected(3));
    const attempts = await bed.deps.db.kysely.selectFrom('outbox').select('attempts').where('alert_id', 'is not', null).execute();
    expect(attempts.reduce((s, r) => s + r.attempts, 0)).toBe(6 + 6);
  });

  it('retries later with backoff, not at once; after the last attempt the message is failed and shown', async () => {
    await bed.reopen({ ALERT_MAX_ATTEMPTS: '2', ALERT_RETRY_BASE_SECONDS: '60', ALERT_NOTIFY_CLERK: 'false' });
    const chair = await bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password);
    await linkStaff(bed.t, bed.deps, bed.fake, chair, 'z-chair');
    await new Dispatcher(bed.deps).drain();
    await lowRatings(1);
    bed.fake.fail(CS, 'http500', 'http500', 'http500', 'http500');
    const d = new Dispatcher(bed.deps, { random: () => 0 });
    await d.drain();
    const row = await bed.deps.db.kysely.selectFrom('outbox').selectAll().where('recipient_staff_id', 'is not', null).where('alert_id', 'is not', null).executeTakeFirstOrThrow();
    expect(row, JSON.stringify(row)).toMatchObject({ status: 'pending', attempts: 1, reason_code: 'http' });
    expect(Date.parse(row.next_attempt_at) - bed.deps.now().getTime()).toBe(30_000); // 60 s · 2^0, half jittered away
    await d.drain();
    expect((await statuses())[0]).toBe('pending'); // not due yet
    advance(31_000);
    await d.drain();
    const list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, chair)).json()) as { alerts: { status: string; deliveries: { reason: string }[] }[] };
    expect(list.alerts[0]!.status).toBe('failed');
    expect(list.alerts[0]!.deliveries.find((x) => x.reason)!.reason).toContain('Đã thử 2 lần');
  });

  it('a dispatcher killed mid-batch loses nothing: its claims are taken over after the lease', async () => {
    await lowRatings(3);
    bed.fake.fail(CS, 'pass', 'timeout');
    const a = new Dispatcher(bed.deps, { leaseMs: 60_000 });
    const hits = bed.fake.hits.get(CS) ?? 0;
    const running = a.runOnce();
    for (let i = 0; i < 200 && (bed.fake.hits.get(CS) ?? 0) < hits + 2; i++) await new Promise((r) => setTimeout(r, 5));
    a.kill(); // mid-send of the second message: nothing settles it
    await running;
    expect((await statuses()).filter((s) => s === 'sending')).toHaveLength(1);
    const b = new Dispatcher(bed.deps);
    await b.drain();
    expect((await statuses()).filter((s) => s !== 'delivered')).toHaveLength(3); // the claimed one holds its recipient back
    advance(61_000);
    await b.drain();
    expect(await statuses()).toEqual(Array(6).fill('delivered'));
    expect(order('z-chair')).toEqual(expected(3));
    expect(order('z-clerk')).toEqual(expected(3));
  });

  it('two dispatchers on one database send nothing twice', async () => {
    await lowRatings(8);
    const a = new Dispatcher(bed.deps, { batchSize: 3 });
    const b = new Dispatcher(bed.deps, { batchSize: 3 });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect(await statuses()).toEqual(Array(16).fill('delivered'));
    expect(bed.fake.messages).toHaveLength(16);
    expect(order('z-chair')).toEqual(expected(8));
    expect(order('z-clerk')).toEqual(expected(8));
  });

  it('refreshes an expired OA token once and retries the send', async () => {
    await lowRatings(1);
    bed.fake.expireAccessToken();
    const before = bed.fake.refreshCalls;
    await new Dispatcher(bed.deps).drain();
    expect(bed.fake.refreshCalls - before).toBe(1);
    expect(await statuses()).toEqual(['delivered', 'delivered']);
  });

  it('messages that send nothing (recipients not linked) wait together, and other work runs between batches', async () => {
    await bed.reopen(); // nobody linked: every alert waits, no HTTP call yields for us
    await lowRatings(3); // 6 messages, 2 recipients: 3 batches of 2 (one per recipient each)
    // One link lookup and one settle per batch, not one each per message.
    const statements = { linkLookups: 0, settles: 0 };
    const counting: KyselyPlugin = {
      transformQuery({ node }) {
        if (SelectQueryNode.is(node) && JSON.stringify(node.from).includes('"zalo_links"')) statements.linkLookups++;
        if (UpdateQueryNode.is(node) && JSON.stringify(node.table).includes('"outbox"')) statements.settles++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const counted = { ...bed.deps, db: { ...bed.deps.db, kysely: bed.deps.db.kysely.withPlugin(counting) } };
    // SQLite answers synchronously: without yielding, a whole drain ran as one task and the
    // server parsed no request meanwhile (30-45 ms under the bench's alert rate).
    let turns = 0;
    let done = false;
    const turn = () => {
      if (done) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    const handled = await new Dispatcher(counted).drain();
    done = true;
    expect(handled).toBe(6);
    expect(await statuses()).toEqual(Array(6).fill('waiting'));
    expect(statements).toEqual({ linkLookups: 3, settles: 3 });
    expect(turns).toBeGreaterThanOrEqual(3);
    const reasons = await bed.deps.db.kysely.selectFrom('outbox').select(['reason_code', 'lease_owner', 'lease_until']).where('alert_id', 'is not', null).execute();
    expect(reasons).toEqual(Array(6).fill({ reason_code: 'not_linked', lease_owner: null, lease_until: null }));
  });

  it('a batch with linked and unlinked recipients sends to the linked one and leaves the other waiting', async () => {
    await bed.deps.db.kysely.deleteFrom('zalo_links').where('zalo_user_id', '=', 'z-clerk').execute();
    await lowRatings(2);
    expect(await new Dispatcher(bed.deps).drain()).toBe(4);
    expect(order('z-chair')).toEqual(expected(2));
    expect(order('z-clerk')).toEqual([]);
    const rows = await bed.deps.db.kysely.selectFrom('outbox').select(['recipient_zalo_id', 'status', 'reason_code']).where('alert_id', 'is not', null).orderBy('id').execute();
    expect(rows.filter((r) => r.status === 'delivered')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'waiting' && r.reason_code === 'not_linked')).toHaveLength(2);
  });
});
