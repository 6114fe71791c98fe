import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_RE = /^[A-Za-z0-9_-]{12}$/;
const SIG_LEN = 16;

/** A fresh random key for a point (9 bytes → 12 base64url characters). */
export function newTokenKey(): string {
  return randomBytes(9).toString('base64url');
}

function signature(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`point:${key}`).digest('base64url').slice(0, SIG_LEN);
}

/** `<key>.<sig>`: short enough for a sparse, scratch-tolerant QR code; forged tokens never reach the database. */
export function signPointToken(secret: string, key: string): string {
  return `${key}.${signature(secret, key)}`;
}

/** The key inside a token whose signature checks out, else null. */
export function verifyPointToken(secret: string, token: string): string | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const key = token.slice(0, dot);
  const sig = token.slice(dot + 1);
  if (!KEY_RE.test(key) || sig.length !== SIG_LEN) return null;
  const expected = Buffer.from(signature(secret, key));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? key : null;
}
