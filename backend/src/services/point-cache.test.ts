import { describe, expect, it } from 'vitest';
import { newTokenKey, signPointToken, verifyPointToken } from '../security/point-token.ts';
import { PointCache } from './point-cache.ts';

describe('PointCache.keyOf', () => {
  const secret = 'cache-secret-cache-secret-0000000000000';

  it('checks a valid token once, then answers from memory', () => {
    const cache = new PointCache();
    const key = newTokenKey();
    const token = signPointToken(secret, key);
    let calls = 0;
    const verify = (t: string) => (calls++, verifyPointToken(secret, t));
    for (let i = 0; i < 5; i++) expect(cache.keyOf(token, verify)).toBe(key);
    expect(calls).toBe(1);
  });

  it('checks a forged token every time and never accepts it', () => {
    const cache = new PointCache();
    const forged = `${newTokenKey()}.AAAAAAAAAAAAAAAA`;
    let calls = 0;
    const verify = (t: string) => (calls++, verifyPointToken(secret, t));
    for (let i = 0; i < 3; i++) expect(cache.keyOf(forged, verify)).toBeNull();
    expect(calls).toBe(3);
    // A token signed with another secret is not a key here either.
    expect(cache.keyOf(signPointToken('other-secret-other-secret-000000000000', newTokenKey()), verify)).toBeNull();
  });
});
