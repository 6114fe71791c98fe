import { describe, expect, it } from 'vitest';
import { macFromHeader, sameMac, webhookMac } from './signature.ts';

describe('webhook signature', () => {
  const body = new TextEncoder().encode('{"app_id":"1","timestamp":"1700000000000"}');

  it('is sha256(app_id + raw body + timestamp + secret), hex', async () => {
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(`1${new TextDecoder().decode(body)}1700000000000secret`).digest('hex');
    expect(webhookMac('1', body, '1700000000000', 'secret')).toBe(expected);
  });

  it('parses only a well-formed mac= header', () => {
    const mac = webhookMac('1', body, '1', 's');
    expect(macFromHeader(`mac=${mac}`)).toBe(mac);
    expect(macFromHeader(`mac=${mac.toUpperCase()}`)).toBe(mac);
    expect(macFromHeader(mac)).toBeNull();
    expect(macFromHeader(undefined)).toBeNull();
    expect(macFromHeader('mac=abc')).toBeNull();
  });

  it('compares in constant time and rejects a one-byte change', () => {
    const mac = webhookMac('1', body, '1', 's');
    const altered = new Uint8Array(body);
    altered[5] = altered[5]! ^ 1;
    expect(sameMac(mac, mac)).toBe(true);
    expect(sameMac(mac, webhookMac('1', altered, '1', 's'))).toBe(false);
    expect(sameMac(mac, '')).toBe(false);
  });
});
