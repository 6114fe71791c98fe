import { describe, expect, it } from 'vitest';
import { processEvents } from '../../src/jobs/zalo-events.ts';
import { expectErrorShape } from '../helpers/fixtures.ts';
import type { TestDeps } from '../helpers/test-deps.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { postWebhook, signedEvent, textEvent } from '../helpers/zalo-fixtures.ts';

const count = async (deps: TestDeps) => Number((await deps.db.kysely.selectFrom('zalo_events').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /webhooks/zalo', () => {
  const bed = useTestbed({ zalo: true, unit: false });

  it('accepts a correctly signed event and queues it once', async () => {
    const ev = textEvent(bed.fake, bed.deps, 'u1', 'xin chào');
    const res = await postWebhook(bed.t, signedEvent(bed.fake, ev));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, queued: true });
    expect(await count(bed.deps)).toBe(1);
  });

  it('rejects a wrong, a missing or a malformed signature with 401 and stores nothing', async () => {
    const ev = textEvent(bed.fake, bed.deps, 'u1', 'hi');
    const wrong = signedEvent(bed.fake, ev, { secret: 'not-the-secret' });
    await expectErrorShape(await postWebhook(bed.t, wrong), 401, 'unauthorized');
    const good = signedEvent(bed.fake, ev);
    const { ['x-zevent-signature']: _sig, ...noSig } = good.headers;
    await expectErrorShape(await postWebhook(bed.t, { body: good.body, headers: noSig }), 401);
    await expectErrorShape(await postWebhook(bed.t, { body: good.body, headers: { ...noSig, 'x-zevent-signature': 'abc' } }), 401);
    expect(await count(bed.deps)).toBe(0);
  });

  it('rejects a body altered by one byte', async () => {
    const signed = signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'u1', 'HL-ABCDEF'));
    const altered = signed.body.replace('HL-ABCDEF', 'HL-ABCDEG');
    expect(altered.length).toBe(signed.body.length);
    await expectErrorShape(await postWebhook(bed.t, { ...signed, body: altered }), 401);
    // Same JSON, different bytes (re-serialised with spaces): the MAC is over the raw bytes.
    const spaced = JSON.stringify(JSON.parse(signed.body), null, 1);
    await expectErrorShape(await postWebhook(bed.t, { ...signed, body: spaced }), 401);
    expect(await count(bed.deps)).toBe(0);
  });

  it('rejects a replayed old event (stale timestamp) and a far-future one', async () => {
    const old = textEvent(bed.fake, bed.deps, 'u1', 'hi', { timestamp: String(bed.deps.now().getTime() - 301_000) });
    await expectErrorShape(await postWebhook(bed.t, signedEvent(bed.fake, old)), 401);
    const future = textEvent(bed.fake, bed.deps, 'u1', 'hi', { timestamp: String(bed.deps.now().getTime() + 3_600_000) });
    await expectErrorShape(await postWebhook(bed.t, signedEvent(bed.fake, future)), 401);
    // Replaying a once-accepted event later: its timestamp has aged past the window.
    const ev = signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'u1', 'hi'));
    expect((await postWebhook(bed.t, ev)).status).toBe(200);
    bed.deps.setNow(new Date(bed.deps.now().getTime() + 10 * 60_000).toISOString());
    await expectErrorShape(await postWebhook(bed.t, ev), 401);
    expect(await count(bed.deps)).toBe(1);
  });

  it('processes the same event twice only once (msg_id, or event + sender + timestamp)', async () => {
    const ev = signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'u1', 'hi'));
    expect(await (await postWebhook(bed.t, ev)).json()).toEqual({ ok: true, queued: true });
    expect(await (await postWebhook(bed.t, ev)).json()).toEqual({ ok: true, queued: false });
    const follow = { app_id: bed.fake.appId, event_name: 'follow', timestamp: String(bed.deps.now().getTime()), follower: { id: 'u2' }, oa_id: 'oa-1' };
    expect(await (await postWebhook(bed.t, signedEvent(bed.fake, follow))).json()).toEqual({ ok: true, queued: true });
    expect(await (await postWebhook(bed.t, signedEvent(bed.fake, follow))).json()).toEqual({ ok: true, queued: false });
    expect(await processEvents(bed.deps)).toBe(2);
    expect(await processEvents(bed.deps)).toBe(0);
    const f = await bed.deps.db.kysely.selectFrom('zalo_followers').selectAll().execute();
    expect(f.map((r) => [r.zalo_user_id, r.following])).toEqual([['u2', 1]]);
  });

  it('ignores events the OA itself caused, and never answers them', async () => {
    for (const name of ['oa_send_text', 'user_received_message', 'user_seen_message']) {
      const ev = { app_id: bed.fake.appId, event_name: name, timestamp: String(bed.deps.now().getTime()), sender: { id: 'oa-1' }, recipient: { id: 'u1' }, message: { msg_id: `x-${name}`, text: 'HL-ABCDEF' } };
      expect(await (await postWebhook(bed.t, signedEvent(bed.fake, ev))).json()).toEqual({ ok: true, queued: false });
    }
    expect(await count(bed.deps)).toBe(0);
    expect(await bed.deps.db.kysely.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('answers 200 fast: the work is queued, not done inline', async () => {
    const started = performance.now();
    const res = await postWebhook(bed.t, signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'u1', 'HL-ABCDEF')));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await bed.deps.db.kysely.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });
});

describe('POST /webhooks/zalo without ZALO_OA_SECRET_KEY', () => {
  const bed = useTestbed({ unit: false });
  it('answers 503', async () => {
    const res = await bed.t.app.request('/webhooks/zalo', { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${'0'.repeat(64)}` }, body: '{}' });
    await expectErrorShape(res, 503, 'unavailable');
  });
});
