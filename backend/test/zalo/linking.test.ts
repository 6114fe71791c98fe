import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/jobs/dispatcher.ts';
import { processEvents } from '../../src/jobs/zalo-events.ts';
import { expectErrorShape, responseBody, seedUnit, testApp } from '../helpers/fixtures.ts';
import { createTestDeps } from '../helpers/test-deps.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { linkStaff, postWebhook, signedEvent, textEvent } from '../helpers/zalo-fixtures.ts';

type AlertList = { alerts: { id: string; kind: string; status: string; text: string; acknowledged: unknown; deliveries: { username: string; status: string; reasonCode: string | null; reason: string | null }[] }[] };

describe('linking staff to Zalo and delivering alerts', () => {
  const bed = useTestbed({ zalo: true, env: { ALERT_NOTIFY_CLERK: 'false' } });

  const lowRating = (extra: Record<string, unknown> = {}) =>
    bed.t.post('/api/public/responses', responseBody(bed.unit.counterToken, { officerId: bed.unit.officers[1], answers: { overall: 1, access: 2, attitude: 1, responsibility: 2, guidance: 2 }, comment: 'Chờ quá lâu', ...extra }));

  it('code → text event → linked → the alert arrives at that Zalo user', async () => {
    const chair = await bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password);
    const res = await bed.t.post('/api/auth/zalo-link', {}, chair);
    expect(res.status).toBe(201);
    const { code, expiresAt } = (await res.json()) as { code: string; expiresAt: string };
    expect(code).toMatch(/^HL-[A-Z0-9]{6}$/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(bed.deps.now().getTime());

    expect((await postWebhook(bed.t, signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'zalo-chair', ` ${code.toLowerCase()} `)))).status).toBe(200);
    expect(await processEvents(bed.deps)).toBe(1);
    expect(await (await bed.t.get('/api/auth/zalo-link', chair)).json()).toMatchObject({ linked: true });

    expect((await lowRating()).status).toBe(201);
    await new Dispatcher(bed.deps).drain();
    const texts = bed.fake.messagesTo('zalo-chair');
    // The confirmation and the low rating (rule 1), in that order. The officer's 1/1 is over 25 %
    // (flagged) but too few for an instant alert (ALERT_MIN_RESPONSES, tested in rules.test.ts).
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Đã liên kết Zalo');
    expect(texts[1]).toContain('Rất không hài lòng');
    expect(texts[1]).toContain('Trần Thị Bình');
    expect(texts[1]).toContain('Chờ quá lâu');

    const list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, chair)).json()) as AlertList;
    expect(list.alerts.map((a) => [a.kind, a.status])).toEqual([['response', 'delivered']]);
    // The link opens the app's page (/app/) and, behind the hash, the alerts screen of the unit
    // with this alert highlighted: `/app/staff/alerts` would not load the app (relative assets).
    const alertId = list.alerts.find((a) => a.kind === 'response')!.id;
    expect(texts[1]!.split('\n').at(-1)).toBe(`Xem: http://127.0.0.1:8787/app/#/staff/alerts?unit=${bed.unit.unitId}&alert=${alertId}`);
  });

  it('an unknown or expired code links nothing and gets a short reply; codes are single-use', async () => {
    const chair = await bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password);
    const { code } = (await (await bed.t.post('/api/auth/zalo-link', {}, chair)).json()) as { code: string };
    bed.deps.setNow(new Date(bed.deps.now().getTime() + 16 * 60_000).toISOString());
    await postWebhook(bed.t, signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'zalo-x', code)));
    await processEvents(bed.deps);
    expect(await (await bed.t.get('/api/auth/zalo-link', chair)).json()).toMatchObject({ linked: false });
    await new Dispatcher(bed.deps).drain();
    expect(bed.fake.messagesTo('zalo-x')[0]).toContain('Mã liên kết không đúng');

    const fresh = (await (await bed.t.post('/api/auth/zalo-link', {}, chair)).json()) as { code: string };
    await postWebhook(bed.t, signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'zalo-a', fresh.code)));
    await postWebhook(bed.t, signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'zalo-b', fresh.code)));
    await processEvents(bed.deps);
    const link = await bed.deps.db.kysely.selectFrom('zalo_links').selectAll().execute();
    expect(link.map((l) => l.zalo_user_id)).toEqual(['zalo-a']);
  });

  it('alerts for an unlinked recipient stay visible with the reason, then go out once they link; unlink and re-link work', async () => {
    const chair = await bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password);
    expect((await lowRating()).status).toBe(201);
    await new Dispatcher(bed.deps).drain();
    let list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, chair)).json()) as AlertList;
    expect(list.alerts[0]!.status).toBe('waiting');
    expect(list.alerts[0]!.deliveries[0]).toMatchObject({ status: 'waiting', reasonCode: 'not_linked' });
    expect(list.alerts[0]!.deliveries[0]!.reason).toContain('chưa liên kết');

    await linkStaff(bed.t, bed.deps, bed.fake, chair, 'zalo-chair');
    await new Dispatcher(bed.deps).drain();
    expect(bed.fake.messagesTo('zalo-chair').filter((m) => m.includes('Rất không hài lòng'))).toHaveLength(1);
    list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, chair)).json()) as AlertList;
    expect(list.alerts[0]!.status).toBe('delivered');

    expect((await bed.t.json('DELETE', '/api/auth/zalo-link', undefined, chair)).status).toBe(204);
    expect(await (await bed.t.get('/api/auth/zalo-link', chair)).json()).toMatchObject({ linked: false });
    await linkStaff(bed.t, bed.deps, bed.fake, chair, 'zalo-chair-new');
    expect((await lowRating({ issues: ['extra_cost'] })).status).toBe(201);
    await new Dispatcher(bed.deps).drain();
    expect(bed.fake.messagesTo('zalo-chair-new').filter((m) => m.includes('Phải trả chi phí ngoài quy định'))).toHaveLength(1);
  });

  it('staff acknowledge an alert with a note; other units see nothing', async () => {
    const chair = await bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password);
    await lowRating();
    const list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, chair)).json()) as AlertList;
    const id = list.alerts[0]!.id;
    const ack = await bed.t.post(`/api/units/${bed.unit.unitId}/alerts/${id}/ack`, { note: 'Đã làm việc với cán bộ' }, chair);
    expect(ack.status).toBe(200);
    const after = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, chair)).json()) as AlertList;
    expect(after.alerts[0]!.acknowledged).toMatchObject({ note: 'Đã làm việc với cán bộ' });
    await expectErrorShape(await bed.t.post(`/api/units/${bed.unit.unitId}/alerts/nope/ack`, {}, chair), 404);

    const other = await seedUnit(bed.deps, 'xa-b');
    const otherChair = await bed.t.login(other.chairman.username, other.chairman.password);
    await expectErrorShape(await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, otherChair), 403);
    await expectErrorShape(await bed.t.post(`/api/units/${bed.unit.unitId}/alerts/${id}/ack`, {}, otherChair), 403);
    await expectErrorShape(await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`), 401);
  });

  it('-230 (outside the 7-day window): waits with the reason without a template; ZNS to the phone with one; writing to the OA reopens it', async () => {
    const chair = await bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password);
    await linkStaff(bed.t, bed.deps, bed.fake, chair, 'zalo-chair', { phone: '0912345678' });
    bed.fake.answerForUser('zalo-chair', -230);
    await lowRating();
    await new Dispatcher(bed.deps).drain();
    let list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, chair)).json()) as AlertList;
    expect(list.alerts[0]!.deliveries[0]).toMatchObject({ status: 'waiting', reasonCode: 'outside_window' });

    // The chairman writes to the OA: the window is open again, the waiting alert goes out.
    bed.fake.answerForUser('zalo-chair', 0);
    await postWebhook(bed.t, signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'zalo-chair', 'xin chào')));
    await processEvents(bed.deps);
    await new Dispatcher(bed.deps).drain();
    list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts`, chair)).json()) as AlertList;
    expect(list.alerts[0]!.status).toBe('delivered');

    // With a template configured, the same situation goes out as ZNS to the linked phone.
    const withTemplate = await createTestDeps(bed.fake.env({ ZALO_TEMPLATE_ID: '12345', ALERT_NOTIFY_CLERK: 'false' }));
    try {
      const t2 = testApp(withTemplate);
      const u2 = await seedUnit(withTemplate);
      const c2 = await t2.login(u2.chairman.username, u2.chairman.password);
      await linkStaff(t2, withTemplate, bed.fake, c2, 'zalo-chair-2', { phone: '0912345678' });
      bed.fake.answerForUser('zalo-chair-2', -230);
      await t2.post('/api/public/responses', responseBody(u2.counterToken, { answers: { overall: 1, access: 1, attitude: 1, responsibility: 1, guidance: 1 } }));
      await new Dispatcher(withTemplate).drain();
      expect(bed.fake.templates).toHaveLength(1);
      expect(bed.fake.templates[0]).toMatchObject({ phone: '84912345678', templateId: '12345' });
      const l2 = (await (await t2.get(`/api/units/${u2.unitId}/alerts`, c2)).json()) as AlertList;
      expect(l2.alerts[0]!.status).toBe('delivered');
    } finally {
      await withTemplate.close();
    }
  });

  it('an officer can be linked too (for the self-rating rule), by the unit staff', async () => {
    const clerk = await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
    const res = await bed.t.post(`/api/units/${bed.unit.unitId}/officers/${bed.unit.officers[0]}/zalo-link`, {}, clerk);
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    await postWebhook(bed.t, signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'zalo-officer', code)));
    await processEvents(bed.deps);
    const links = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/zalo-links`, clerk)).json()) as { officers: { officerId: string; linkedAt: string | null }[] };
    expect(links.officers.find((o) => o.officerId === bed.unit.officers[0])!.linkedAt).not.toBeNull();
  });
});
