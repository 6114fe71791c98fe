import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Zalo OA webhook MAC: `X-ZEvent-Signature: mac=<hex>` where hex is
 * sha256(app_id + raw body + timestamp + OA secret key). The hash runs over the raw request
 * bytes, so a body re-serialised by a proxy (or altered by one byte) does not verify.
 */
export function webhookMac(appId: string, rawBody: Uint8Array, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest('hex');
}

/** The header's hex, or null when missing or malformed. */
export function macFromHeader(header: string | undefined): string | null {
  const m = /^\s*mac=([0-9a-fA-F]{64})\s*$/.exec(header ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

/** Constant-time comparison of two hex MACs of the same length. */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
