import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain.ts';
import { wilsonInterval } from './wilson.ts';

describe('hash chain', () => {
  it('serialises objects the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
  });
  it('links each hash to the previous one', () => {
    const h1 = chainHash(GENESIS_HASH, { a: 1 });
    const h2 = chainHash(h1, { a: 1 });
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(h2).not.toBe(h1);
    expect(chainHash(GENESIS_HASH, { a: 2 })).not.toBe(h1);
  });
});

describe('Wilson interval', () => {
  it('brackets the share and matches a known value', () => {
    const w = wilsonInterval(2, 7)!;
    expect(w.low).toBeCloseTo(0.0822, 3);
    expect(w.high).toBeCloseTo(0.6411, 3);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
