import { afterAll, describe, expect, it } from 'vitest';
import { mintTicket } from '../../backend/src/security/ticket-token.ts';
import { runScript, tempEnv } from './helpers.ts';

const t = tempEnv();
afterAll(() => t.cleanup());
const admin = (...args: string[]) => runScript('admin.ts', args, t.env);

// Each step spawns the CLI (a tsx start-up of 2–4 s on a busy 2-core machine).
describe('npm run admin -- tickets rotate-key', { timeout: 240_000 }, () => {
  it('prints a new key with the refs desk software needs; the old one keeps its grace; bad usage exits non-zero', async () => {
    expect((await admin('unit', 'create', 'xa-bien-nhan', 'UBND xã Biên Nhận')).code).toBe(0);
    const first = await admin('tickets', 'rotate-key', '--unit', 'xa-bien-nhan', '--json');
    expect(first.code).toBe(0);
    const k1 = JSON.parse(first.stdout) as { keyId: string; secretHex: string; unitRef: string; previousKeyValidUntil: string | null; refs: { fields: { ref: string; name: string }[] } };
    expect(k1.previousKeyValidUntil).toBeNull();
    expect(k1.secretHex).toMatch(/^[0-9a-f]{64}$/);
    expect(k1.refs.fields.map((f) => f.name)).toContain('Chứng thực');
    // What it prints is enough to mint.
    expect(mintTicket(k1.keyId, Buffer.from(k1.secretHex, 'hex'), { unitRef: k1.unitRef, expiresAtMinute: 1, officerRef: null, fieldRef: k1.refs.fields[0]!.ref, dossierCode: 'HS-1' })).toMatch(/^t1\./);

    const second = await admin('tickets', 'rotate-key', '--unit', 'xa-bien-nhan', '--grace-hours', '2');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/KEY_ID=\S{4}/);
    expect(second.stdout).toContain('the previous key verifies until');
    expect(second.stdout).not.toContain(k1.secretHex);

    const [unknown, badGrace] = await Promise.all([admin('tickets', 'rotate-key', '--unit', 'khong-co'), admin('tickets', 'rotate-key', '--unit', 'xa-bien-nhan', '--grace-hours', '-3')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown unit code');
    expect(badGrace.code).toBe(2);
  });
});
