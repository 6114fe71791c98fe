import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTicketToken, mintTicket, normalizeDossierCode, ticketKeyIdOf, verifyTicket, type TicketClaims } from './ticket-token.ts';

const hex = fc.constantFrom(...'0123456789abcdef'.split(''));
const ref = fc.array(hex, { minLength: 6, maxLength: 12 }).map((a) => a.join(''));
const keyId = fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
// Any text a dossier code may be once trimmed and in NFC, '|' and Vietnamese included.
const dossierCode = fc
  .string({ unit: fc.constantFrom(...'ABCXYZ0123456789.-/|_ đĐắẤơƯ'.split('')), minLength: 1, maxLength: 64 })
  .map((s) => normalizeDossierCode(s))
  .filter((s): s is string => s !== null);
const claims: fc.Arbitrary<TicketClaims> = fc.record({
  unitRef: ref,
  expiresAtMinute: fc.integer({ min: 0, max: 99_999_999 }),
  officerRef: fc.option(ref, { nil: null }),
  fieldRef: fc.option(ref, { nil: null }),
  dossierCode,
});
const secret = fc.uint8Array({ minLength: 32, maxLength: 32 });
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.|=+/ ';

describe('ticket tokens', () => {
  it('mint → verify gives back the claims, under the key that signed them', () => {
    fc.assert(
      fc.property(keyId, secret, claims, (k, s, c) => {
        const token = mintTicket(k, s, c);
        expect(isTicketToken(token)).toBe(true);
        expect(ticketKeyIdOf(token)).toBe(k);
        const v = verifyTicket(token, s);
        expect(v).not.toBeNull();
        expect({ unitRef: v!.unitRef, expiresAtMinute: v!.expiresAtMinute, officerRef: v!.officerRef, fieldRef: v!.fieldRef, dossierCode: v!.dossierCode }).toEqual(c);
        expect(v!.keyId).toBe(k);
      }),
    );
  });

  it('any one character changed makes the token fail', () => {
    fc.assert(
      fc.property(keyId, secret, claims, fc.nat(), fc.constantFrom(...ALPHABET.split('')), (k, s, c, at, ch) => {
        const token = mintTicket(k, s, c);
        const i = at % token.length;
        fc.pre(token[i] !== ch);
        const flipped = token.slice(0, i) + ch + token.slice(i + 1);
        expect(verifyTicket(flipped, s)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('fails under another key', () => {
    fc.assert(
      fc.property(keyId, secret, secret, claims, (k, s1, s2, c) => {
        fc.pre(Buffer.compare(Buffer.from(s1), Buffer.from(s2)) !== 0);
        expect(verifyTicket(mintTicket(k, s1, c), s2)).toBeNull();
      }),
    );
  });

  it('is short enough for a sparse QR: a national-format dossier code with officer and field', () => {
    const token = mintTicket('Ab3x', randomBytes(32), { unitRef: '1a2b3c', expiresAtMinute: 29_700_000, officerRef: '9f8e7d', fieldRef: '0c1d2e', dossierCode: '000.00.12.H56-240115-0001' });
    expect(token.length).toBeLessThanOrEqual(110);
    expect(token).toMatch(/^t1\.Ab3x\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
  });

  it('refuses to mint what no verifier would accept', () => {
    const s = randomBytes(32);
    const ok: TicketClaims = { unitRef: '1a2b3c', expiresAtMinute: 1, officerRef: null, fieldRef: null, dossierCode: 'HS-1' };
    expect(() => mintTicket('k', s, { ...ok, dossierCode: ' HS-1' })).toThrow();
    expect(() => mintTicket('k', s, { ...ok, dossierCode: 'x'.repeat(65) })).toThrow();
    expect(() => mintTicket('k', s, { ...ok, unitRef: '1a2b' })).toThrow();
    expect(() => mintTicket('k.x', s, ok)).toThrow();
    expect(() => mintTicket('k', s, { ...ok, expiresAtMinute: 1.5 })).toThrow();
  });

  it('reads point tokens and junk as not tickets', () => {
    expect(ticketKeyIdOf('abcdefghijkl.0123456789abcdef')).toBeNull();
    expect(verifyTicket('t1.k.x', randomBytes(32))).toBeNull();
    expect(verifyTicket('t1..payload.mac', randomBytes(32))).toBeNull();
  });
});
