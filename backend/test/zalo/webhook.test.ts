import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processEvents } from '../../src/jobs/zalo-events.ts';
import { expectErrorShape, testApp } from '../helpers/fixtures.ts';
import { startFakeZalo, type FakeZalo } from '../helpers/fake-zalo.ts';
import { createTestDeps, type TestDeps } from '../helpers/test-deps.ts';
import { postWebhook, signedEvent, textEvent } from '../helpers/zalo-fixtures.ts';

const count = async (deps: TestDeps) => Number((await deps.db.kysely.selectFrom('zalo_events').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /webhooks/zalo', () => {
  let fake: FakeZalo;
  let deps: TestDeps;
  let t: ReturnType<typeof testApp>;
  beforeAll(async () => {
    fake = await startFakeZalo();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    deps = await createTestDeps(fake.env());
    t = testApp(deps);
  });
  afterEach(() => deps.close());

  it('accepts a correctly signed event and queues it once', async () => {
    const ev = textEvent(fake, deps, 'u1', 'xin chào');
    const res = await postWebhook(t, signedEvent(fake, ev));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, queued: true });
    expect(await count(deps)).toBe(1);
  });

  it('rejects a wrong, a missing or a malformed signature with 401 and stores nothing', async () => {
    const ev = textEvent(fake, deps, 'u1', 'hi');
    const wrong = signedEvent(fake, ev, { secret: 'not-the-secret' });
    await expectErrorShape(await postWebhook(t, wrong), 401, 'unauthorized');
    const good = signedEvent(fake, ev);
    const { ['x-zevent-signature']: _sig, ...noSig } = good.headers;
    await expectErrorShape(await postWebhook(t, { body: good.body, headers: noSig }), 401);
    await expectErrorShape(await postWebhook(t, { body: good.body, headers: { ...noSig, 'x-zevent-signature': 'abc' } }), 401);
    expect(await count(deps)).toBe(0);
  });

  it('rejects a body altered by one byte', async () => {
    const signed = signedEvent(fake, textEvent(fake, deps, 'u1', 'HL-ABCDEF'));
    const altered = signed.body.replace('HL-ABCDEF', 'HL-ABCDEG');
    expect(altered.length).toBe(signed.body.length);
    await expectErrorShape(await postWebhook(t, { ...signed, body: altered }), 401);
    // Same JSON, different bytes (re-serialised with spaces): the MAC is over the raw bytes.
    const spaced = JSON.stringify(JSON.parse(signed.body), null, 1);
    await expectErrorShape(await postWebhook(t, { ...signed, body: spaced }), 401);
    expect(await count(deps)).toBe(0);
  });

  it('rejects a replayed old event (stale timestamp) and a far-future one', async () => {
    const old = textEvent(fake, deps, 'u1', 'hi', { timestamp: String(deps.now().getTime() - 301_000) });
    await expectErrorShape(await postWebhook(t, signedEvent(fake, old)), 401);
    const future = textEvent(fake, deps, 'u1', 'hi', { timestamp: String(deps.now().getTime() + 3_600_000) });
    await expectErrorShape(await postWebhook(t, signedEvent(fake, future)), 401);
    // Replaying a once-accepted event later: its timestamp has aged past the window.
    const ev = signedEvent(fake, textEvent(fake, deps, 'u1', 'hi'));
    expect((await postWebhook(t, ev)).status).toBe(200);
    deps.setNow(new Date(deps.now().getTime() + 10 * 60_000).toISOString());
    await expectErrorShape(await postWebhook(t, ev), 401);
    expect(await count(deps)).toBe(1);
  });

  it('processes the same event twice only once (msg_id, or event + sender + timestamp)', async () => {
    const ev = signedEvent(fake, textEvent(fake, deps, 'u1', 'hi'));
    expect(await (await postWebhook(t, ev)).json()).toEqual({ ok: true, queued: true });
    expect(await (await postWebhook(t, ev)).json()).toEqual({ ok: true, queued: false });
    const follow = { app_id: fake.appId, event_name: 'follow', timestamp: String(deps.now().getTime()), follower: { id: 'u2' }, oa_id: 'oa-1' };
    expect(await (await postWebhook(t, signedEvent(fake, follow))).json()).toEqual({ ok: true, queued: true });
    expect(await (await postWebhook(t, signedEvent(fake, follow))).json()).toEqual({ ok: true, queued: false });
    expect(await processEvents(deps)).toBe(2);
    expect(await processEvents(deps)).toBe(0);
    const f = await deps.db.kysely.selectFrom('zalo_followers').selectAll().execute();
    expect(f.map((r) => [r.zalo_user_id, r.following])).toEqual([['u2', 1]]);
  });

  it('ignores events the OA itself caused, and never answers them', async () => {
    for (const name of ['oa_send_text', 'user_received_message', 'user_seen_message']) {
      const ev = { app_id: fake.appId, event_name: name, timestamp: String(deps.now().getTime()), sender: { id: 'oa-1' }, recipient: { id: 'u1' }, message: { msg_id: `x-${name}`, text: 'HL-ABCDEF' } };
      expect(await (await postWebhook(t, signedEvent(fake, ev))).json()).toEqual({ ok: true, queued: false });
    }
    expect(await count(deps)).toBe(0);
    expect(await deps.db.kysely.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('answers 200 fast: the work is queued, not done inline', async () => {
    const started = performance.now();
    const res = await postWebhook(t, signedEvent(fake, textEvent(fake, deps, 'u1', 'HL-ABCDEF')));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await deps.db.kysely.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });
});

describe('POST /webhooks/zalo without ZALO_OA_SECRET_KEY', () => {
  it('answers 503', async () => {
    const deps = await createTestDeps();
    try {
      const res = await testApp(deps).app.request('/webhooks/zalo', { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${'0'.repeat(64)}` }, body: '{}' });
      await expectErrorShape(res, 503, 'unavailable');
    } finally {
      await deps.close();
    }
  });
});
