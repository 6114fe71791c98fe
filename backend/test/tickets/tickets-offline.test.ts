import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mintTicket, type TicketClaims } from '../../src/security/ticket-token.ts';
import { expectErrorShape, seedUnit } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { expectTicketError, issue, rate, rotate, type RotatedKeyBody, type TicketPointView } from './ticket-helpers.ts';

const DOC = readFileSync(join(import.meta.dirname, '../../../docs/tickets.md'), 'utf8');

/** The one-liner exactly as docs/tickets.md shows it (so the doc cannot drift from what the server accepts). */
function opensslOneLiner(): string {
  const m = /<!-- openssl-one-liner[^>]*-->\s*```bash\n([\s\S]*?)\n```/.exec(DOC);
  if (!m) throw new Error('docs/tickets.md has no openssl one-liner block');
  return m[1]!;
}

/** Epoch minutes of the test clock plus hours. */
const minuteIn = (nowIso: string, hours: number) => Math.floor(Date.parse(nowIso) / 60_000) + hours * 60;

describe('tickets minted offline', () => {
  const bed = useTestbed();

  it('the TypeScript reference implementation: accepted, officer and field preset, recorded on first sight', async () => {
    const key = await rotate(bed);
    expect(key.previousKeyValidUntil).toBeNull();
    const officer = key.refs.officers.find((o) => o.id === bed.unit.officers[2])!;
    const field = key.refs.fields[1]!;
    expect(officer.ref).toHaveLength(6);
    const token = mintTicket(key.keyId, Buffer.from(key.secretHex, 'hex'), {
      unitRef: key.unitRef,
      expiresAtMinute: minuteIn('2026-11-25T03:00:00Z', 72),
      officerRef: officer.ref,
      fieldRef: field.ref,
      dossierCode: 'Đất đai/2026 | số 15',
    });
    const v = (await (await bed.t.get(`/api/public/points/${token}`)).json()) as TicketPointView;
    expect(v.preset).toEqual({ officerId: officer.id, fieldId: field.id });
    expect(v.officers.map((o) => o.name)).toEqual([officer.name]);
    const recorded = await bed.deps.db.kysely.selectFrom('tickets').selectAll().execute();
    expect(recorded).toMatchObject([{ source: 'offline', dossier_code: 'Đất đai/2026 | số 15', officer_id: officer.id, field_id: field.id, issued_day: '2026-11-25', issued_by: null }]);
    expect((await rate(bed, token, crypto.randomUUID())).status).toBe(201);
    await expectTicketError(await rate(bed, token, crypto.randomUUID()), 409, 'ticket_used');
    // Seen again: still one record.
    expect(await bed.deps.db.kysely.selectFrom('tickets').select('id').execute()).toHaveLength(1);
    const row = await bed.deps.db.kysely.selectFrom('responses').select(['dossier_code', 'officer_id', 'field_id']).executeTakeFirstOrThrow();
    expect(row).toEqual({ dossier_code: 'Đất đai/2026 | số 15', officer_id: officer.id, field_id: field.id });
  });

  it('the openssl one-liner of docs/tickets.md: the server accepts what it prints', async () => {
    const key = await rotate(bed);
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      LC_ALL: 'C.UTF-8',
      KEY_ID: key.keyId,
      KEY_HEX: key.secretHex,
      UNIT_REF: key.unitRef,
      EXP: String(minuteIn('2026-11-25T03:00:00Z', 72)),
      OFFICER_REF: key.refs.officers[0]!.ref,
      FIELD_REF: '',
      DOSSIER: 'H56.22-240115-0001 Đăng ký khai sinh',
    };
    const token = execFileSync('bash', ['-c', opensslOneLiner()], { env, encoding: 'utf8' }).trim();
    expect(token).toMatch(/^t1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    // Byte for byte what the reference implementation mints.
    const claims: TicketClaims = { unitRef: env.UNIT_REF, expiresAtMinute: Number(env.EXP), officerRef: env.OFFICER_REF, fieldRef: null, dossierCode: env.DOSSIER };
    expect(token).toBe(mintTicket(key.keyId, Buffer.from(key.secretHex, 'hex'), claims));
    const v = (await (await bed.t.get(`/api/public/points/${token}`)).json()) as TicketPointView;
    expect(v.preset).toEqual({ officerId: key.refs.officers[0]!.id, fieldId: null });
    expect((await rate(bed, token, crypto.randomUUID())).status).toBe(201);
  });

  it('forged, another unit\'s, or naming the wrong unit: 404 like an unknown point token', async () => {
    const other = await seedUnit(bed.deps, 'xa-khac', { staff: false });
    const mine = await rotate(bed);
    const theirs = await rotate(bed, other.unitId);
    const claims = (unitRef: string): TicketClaims => ({ unitRef, expiresAtMinute: minuteIn('2026-11-25T03:00:00Z', 24), officerRef: null, fieldRef: null, dossierCode: 'HS-404' });
    const good = mintTicket(mine.keyId, Buffer.from(mine.secretHex, 'hex'), claims(mine.unitRef));
    const bad = [
      // A MAC changed.
      good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A'),
      // A random key under this unit's key id.
      mintTicket(mine.keyId, randomBytes(32), claims(mine.unitRef)),
      // Signed with the other unit's key, under this unit's key id.
      mintTicket(mine.keyId, Buffer.from(theirs.secretHex, 'hex'), claims(mine.unitRef)),
      // This unit's key, the other unit named inside.
      mintTicket(mine.keyId, Buffer.from(mine.secretHex, 'hex'), claims(theirs.unitRef)),
      // The other unit's key and id, this unit named inside.
      mintTicket(theirs.keyId, Buffer.from(theirs.secretHex, 'hex'), claims(mine.unitRef)),
      // A key id nobody has.
      mintTicket('ZZZZ', Buffer.from(mine.secretHex, 'hex'), claims(mine.unitRef)),
      // An officer ref that names no officer of the unit.
      mintTicket(mine.keyId, Buffer.from(mine.secretHex, 'hex'), { ...claims(mine.unitRef), officerRef: 'ffffff' }),
      // Running longer than any ticket may (720 h and a day's slack).
      mintTicket(mine.keyId, Buffer.from(mine.secretHex, 'hex'), { ...claims(mine.unitRef), expiresAtMinute: minuteIn('2026-11-25T03:00:00Z', 745) }),
      't1.x.y.z',
    ];
    for (const token of bad) {
      await expectErrorShape(await bed.t.get(`/api/public/points/${encodeURIComponent(token)}`), 404, 'not_found');
      await expectErrorShape(await rate(bed, token, crypto.randomUUID()), 404, 'not_found');
    }
    expect(await bed.deps.db.kysely.selectFrom('responses').select('id').execute()).toEqual([]);
    expect(await bed.deps.db.kysely.selectFrom('tickets').select('id').execute()).toEqual([]);
    expect((await bed.t.get(`/api/public/points/${good}`)).status).toBe(200);
  });

  it('after rotation the old key works within its grace only; the new key at once', async () => {
    const before = await issue(bed, { dossierCode: 'HS-CU-1' });
    const stored = await issue(bed, { dossierCode: 'HS-CU-2' });
    const clientId = crypto.randomUUID();
    expect((await rate(bed, stored.token, clientId)).status).toBe(201);
    const first: RotatedKeyBody = await rotate(bed, bed.unit.unitId, 24);
    expect(first.previousKeyValidUntil).toBe('2026-11-26T03:00:00.000Z');
    const after = await issue(bed, { dossierCode: 'HS-MOI', ttlHours: 96 });
    expect(after.token.split('.')[1]).toBe(first.keyId);
    expect(before.token.split('.')[1]).not.toBe(first.keyId);

    bed.deps.setNow('2026-11-26T02:59:00.000Z');
    expect((await bed.t.get(`/api/public/points/${before.token}`)).status).toBe(200);
    expect((await bed.t.get(`/api/public/points/${after.token}`)).status).toBe(200);
    bed.deps.setNow('2026-11-26T03:00:00.000Z');
    await expectErrorShape(await bed.t.get(`/api/public/points/${before.token}`), 404, 'not_found');
    await expectErrorShape(await rate(bed, before.token, crypto.randomUUID()), 404, 'not_found');
    expect((await bed.t.get(`/api/public/points/${after.token}`)).status).toBe(200);
    expect((await rate(bed, after.token, crypto.randomUUID())).status).toBe(201);
    // A stored response's retry is answered even with a key past its grace.
    expect((await rate(bed, stored.token, clientId)).status).toBe(200);

    // A second rotation: the first rotated key now has its own grace, the one before stays dead.
    const second = await rotate(bed, bed.unit.unitId, 0);
    expect(second.keyId).not.toBe(first.keyId);
    await expectErrorShape(await bed.t.get(`/api/public/points/${after.token}`), 404, 'not_found');
    const fresh = await issue(bed, { dossierCode: 'HS-MOI-2' });
    expect(fresh.token.split('.')[1]).toBe(second.keyId);
    expect((await bed.t.get(`/api/public/points/${fresh.token}`)).status).toBe(200);
  });

  it('rotation is the admin\'s: 401 without the admin token, 404 for an unknown unit, 400 for a bad grace', async () => {
    const url = `/api/admin/units/${bed.unit.unitId}/ticket-keys/rotate`;
    expect((await bed.t.post(url, {})).status).toBe(401);
    expect((await bed.t.post(url, {}, await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password))).status).toBe(401);
    expect((await bed.t.post('/api/admin/units/khong-co/ticket-keys/rotate', {}, bed.t.admin)).status).toBe(404);
    await expectErrorShape(await bed.t.post(url, { graceHours: -1 }, bed.t.admin), 400, 'invalid_input');
    await expectErrorShape(await bed.t.post(url, { graceHours: 1.5 }, bed.t.admin), 400, 'invalid_input');
    expect(await bed.deps.db.kysely.selectFrom('unit_ticket_keys').select('key_id').execute()).toEqual([]);
  });
});
