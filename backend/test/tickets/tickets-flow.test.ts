import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/app-error.ts';
import type { TicketResponseInput } from '../../src/write-path/ticket-uses.ts';
import { expectErrorShape, newResponseRecord, seedUnit } from '../helpers/fixtures.ts';
import { useTestbed, type Testbed } from '../helpers/testbed.ts';
import { clerkOf, expectTicketError, issue, rate, type TicketPointView } from './ticket-helpers.ts';

/** The whole life of a ticket, through HTTP: the same on both writers (in this thread, and the writer thread). */
function lifeOfATicket(bed: Testbed) {
  it('issued → opened with officer and field preset → rated once → 409 → expired 410, a retry 200 throughout', async () => {
    const officerId = bed.unit.officers[1]!;
    const fieldId = bed.unit.fields[2]!;
    const t = await issue(bed, { dossierCode: '  000.00.12.H56-240115-0001 ', officerId, fieldId, ttlHours: 48 });
    expect(t.dossierCode).toBe('000.00.12.H56-240115-0001');
    expect(t.officer).toEqual({ id: officerId, name: 'Trần Thị Bình' });
    expect(t.field?.id).toBe(fieldId);
    expect(t.expiresAt).toBe('2026-11-27T03:00:00.000Z');
    expect(t.deepLink).toBe(`https://zalo.me/s/demo/?q=${t.token}`);
    expect(t.webLink).toBe(`http://127.0.0.1:8787/app/?q=${t.token}`);
    expect(t.token.length).toBeLessThan(120);

    const view = await bed.t.get(`/api/public/points/${t.token}`);
    expect(view.status).toBe(200);
    const v = (await view.json()) as TicketPointView;
    expect(v.unit.id).toBe(bed.unit.unitId);
    expect(v.officer?.id).toBe(officerId);
    expect(v.officers.map((o) => o.id)).toEqual([officerId]);
    expect(v.fields.map((f) => f.id)).toEqual([fieldId]);
    expect(v.preset).toEqual({ officerId, fieldId });
    expect(v.ticket).toEqual({ expiresAt: t.expiresAt, dossierCodeHint: '…0001' });
    expect(JSON.stringify(v)).not.toContain('H56-240115');
    expect(v.form.key).toBe('counter');

    // Another officer or field than the ticket's: refused, nothing stored.
    await expectErrorShape(await rate(bed, t.token, crypto.randomUUID(), { officerId: bed.unit.officers[0] }), 400, 'invalid_input');
    await expectErrorShape(await rate(bed, t.token, crypto.randomUUID(), { fieldId: bed.unit.fields[0] }), 400, 'invalid_input');
    await expectErrorShape(await rate(bed, t.token, crypto.randomUUID(), { dossierCode: 'HS-KHAC' }), 400, 'invalid_input');

    const first = crypto.randomUUID();
    const created = await rate(bed, t.token, first, { officerId, channel: 'zalo' });
    expect(created.status).toBe(201);
    const receipt = (await created.json()) as { id: string; receivedAt: string; day: string };
    const again = await rate(bed, t.token, first);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(receipt);

    const row = await bed.deps.db.kysely.selectFrom('responses').selectAll().where('id', '=', receipt.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ dossier_code: '000.00.12.H56-240115-0001', officer_id: officerId, field_id: fieldId, channel: 'zalo', unit_id: bed.unit.unitId });

    const message = await expectTicketError(await rate(bed, t.token, crypto.randomUUID()), 409, 'ticket_used');
    expect(message).toContain('đã được đánh giá');
    await expectTicketError(await bed.t.get(`/api/public/points/${t.token}`), 409, 'ticket_used');

    // Past its expiry: 410 with the counter QR as the way left; the first clientId still gets its receipt.
    bed.deps.setNow('2026-11-27T03:00:00.000Z');
    expect(await expectTicketError(await bed.t.get(`/api/public/points/${t.token}`), 410, 'ticket_expired')).toContain('mã QR đặt tại Bộ phận một cửa');
    await expectTicketError(await rate(bed, t.token, crypto.randomUUID()), 410, 'ticket_expired');
    const late = await rate(bed, t.token, first);
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual(receipt);

    // It counted like any response, once.
    const tallies = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/tallies?from=2026-11-25&to=2026-11-25`, await clerkOf(bed))).json()) as { total: { responses: number } };
    expect(tallies.total.responses).toBe(1);
  });

  it('an expired ticket never rated: 410 on GET and POST', async () => {
    const t = await issue(bed, { dossierCode: 'HS-2026-77', ttlHours: 1 });
    bed.deps.setNow('2026-11-25T03:59:59.999Z');
    expect((await bed.t.get(`/api/public/points/${t.token}`)).status).toBe(200);
    bed.deps.setNow('2026-11-25T04:00:00.000Z');
    await expectTicketError(await bed.t.get(`/api/public/points/${t.token}`), 410, 'ticket_expired');
    await expectTicketError(await rate(bed, t.token, crypto.randomUUID()), 410, 'ticket_expired');
  });

  it('two concurrent responses with different clientIds: exactly one is stored', async () => {
    for (let round = 0; round < 3; round++) {
      const t = await issue(bed, { dossierCode: `HS-DONG-THOI-${round}` });
      const results = await Promise.all(Array.from({ length: 4 }, () => rate(bed, t.token, crypto.randomUUID())));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409]);
      const stored = await bed.deps.db.kysely.selectFrom('responses').select('id').where('dossier_code', '=', `HS-DONG-THOI-${round}`).execute();
      expect(stored).toHaveLength(1);
      const uses = await bed.deps.db.kysely.selectFrom('ticket_uses').select('response_id').where('dossier_code', '=', `HS-DONG-THOI-${round}`).execute();
      expect(uses.map((u) => u.response_id)).toEqual(stored.map((s) => s.id));
    }
  });

  it('the response\'s own transaction holds it, not the quick check: records straight to the writer, in one batch', async () => {
    const ticketed = (i: number): TicketResponseInput => Object.assign(newResponseRecord(bed.unit, i, { dossierCode: 'HS-GHI' }), { ticket: { ticketId: `t${i}`, dossierCode: 'HS-GHI' } });
    const results = await Promise.allSettled([bed.deps.writer.submit(ticketed(0)), bed.deps.writer.submit(newResponseRecord(bed.unit, 1)), bed.deps.writer.submit(ticketed(2))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const refused = (results[2] as PromiseRejectedResult).reason as AppError;
    expect([refused.code, refused.status]).toEqual(['ticket_used', 409]);
    await expect(bed.deps.writer.submit(ticketed(3))).rejects.toMatchObject({ code: 'ticket_used' });
    expect(await bed.deps.db.kysely.selectFrom('responses').select('id').execute()).toHaveLength(2);
    expect(await bed.deps.db.kysely.selectFrom('ticket_uses').select('ticket_id').execute()).toEqual([{ ticket_id: 't0' }]);
  });

  it('a dossier rates once whichever of its tickets is used (a ticket issued again)', async () => {
    const a = await issue(bed, { dossierCode: 'HS-CAP-LAI' });
    bed.deps.setNow('2026-11-25T05:00:00.000Z');
    const b = await issue(bed, { dossierCode: 'HS-CAP-LAI', officerId: bed.unit.officers[2] });
    expect(b.token).not.toBe(a.token);
    expect((await rate(bed, b.token, crypto.randomUUID())).status).toBe(201);
    await expectTicketError(await rate(bed, a.token, crypto.randomUUID()), 409, 'ticket_used');
  });
}

describe('receipt tickets, writer in this thread', () => {
  const bed = useTestbed();
  lifeOfATicket(bed);

  it('a ticket without officer or field: the citizen chooses, among the unit\'s active ones', async () => {
    const t = await issue(bed, { dossierCode: 'HS-TU-CHON' });
    const v = (await (await bed.t.get(`/api/public/points/${t.token}`)).json()) as TicketPointView;
    expect(v.officer).toBeNull();
    expect(v.officers).toHaveLength(3);
    expect(v.fields.length).toBeGreaterThan(1);
    expect(v.preset).toEqual({ officerId: null, fieldId: null });
    expect(v.ticket?.dossierCodeHint).toBe('…CHON');
    const other = await seedUnit(bed.deps, 'xa-khac', { staff: false });
    await expectErrorShape(await rate(bed, t.token, crypto.randomUUID(), { officerId: other.officers[0] }), 400, 'invalid_input');
    const res = await rate(bed, t.token, crypto.randomUUID(), { officerId: bed.unit.officers[2], fieldId: bed.unit.fields[0] });
    expect(res.status).toBe(201);
  });

  it('issuing: 400 in Vietnamese for an officer or field not of the unit, a bad code or ttl; 401/403 outside the unit', async () => {
    const h = await clerkOf(bed);
    const other = await seedUnit(bed.deps, 'xa-khac');
    const post = (body: unknown, headers = h, unitId = bed.unit.unitId) => bed.t.post(`/api/units/${unitId}/tickets`, body, headers);
    for (const body of [
      { dossierCode: 'HS-1', officerId: other.officers[0] },
      { dossierCode: 'HS-1', fieldId: other.fields[0] },
      { dossierCode: '   ' },
      { dossierCode: 'x'.repeat(65) },
      { dossierCode: 'HS-1', ttlHours: 0 },
      { dossierCode: 'HS-1', ttlHours: 721 },
      { dossierCode: 'HS-1', extra: true },
    ]) {
      const err = await expectErrorShape(await post(body), 400, 'invalid_input');
      expect(err.error.message + JSON.stringify(err.error.details)).toMatch(/[ạảãáàâêôơưđ]/);
    }
    expect(await bed.deps.db.kysely.selectFrom('tickets').select('id').execute()).toEqual([]);
    expect((await bed.t.post(`/api/units/${bed.unit.unitId}/tickets`, { dossierCode: 'HS-1' })).status).toBe(401);
    expect((await post({ dossierCode: 'HS-1' }, await bed.t.login(other.clerk.username, other.clerk.password))).status).toBe(403);
    // The chairman issues too; the admin token as well.
    expect((await post({ dossierCode: 'HS-1' }, await bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password))).status).toBe(201);
    expect((await post({ dossierCode: 'HS-2' }, bed.t.admin)).status).toBe(201);
  });

  it('a supervisor above the unit issues for it', async () => {
    const district = await seedUnit(bed.deps, 'huyen-a', { staff: false });
    const commune = await seedUnit(bed.deps, 'xa-con', { parentCode: 'huyen-a', staff: false });
    await bed.t.post(`/api/admin/units/${district.unitId}/staff`, { username: 'sup-huyen', password: 'sup-password-1', role: 'supervisor' }, bed.t.admin);
    const h = await bed.t.login('sup-huyen', 'sup-password-1');
    expect((await bed.t.post(`/api/units/${commune.unitId}/tickets`, { dossierCode: 'HS-9' }, h)).status).toBe(201);
  });

  it('the receipt point stays hidden: not among the unit\'s QR points', async () => {
    await issue(bed, { dossierCode: 'HS-AN' });
    const points = (await (await bed.t.get(`/api/admin/units/${bed.unit.unitId}/points`, bed.t.admin)).json()) as { points: { label: string }[] };
    expect(points.points.map((p) => p.label).sort()).toEqual(['Bàn 1', 'Quầy một cửa']);
  });
});

describe('receipt tickets, writer thread', () => {
  const bed = useTestbed({ writerThread: true });
  lifeOfATicket(bed);
});
