import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH, IllFormedTextError } from './chain.ts';
import { decodeUtf8, findIllFormedText, normalizeTexts } from './text.ts';

describe('well-formed text', () => {
  it('finds a lone surrogate anywhere in a parsed JSON value, keys included', () => {
    expect(findIllFormedText({ a: 'ok', b: ['x', { c: 'ok' }] })).toBeNull();
    expect(findIllFormedText(JSON.parse('{"comment":"\\ud800"}'))).toEqual(['comment']);
    expect(findIllFormedText(JSON.parse('{"a":[1,"\\udfff x"]}'))).toEqual(['a', 1]);
    expect(findIllFormedText(JSON.parse('{"\\ud83d":1}'))).toEqual(['\ud83d']);
    // A surrogate pair is one well-formed character (an emoji).
    expect(findIllFormedText(JSON.parse('{"c":"\\ud83d\\ude00"}'))).toBeNull();
  });

  it('normalises every string value to NFC and keeps the rest', () => {
    const nfd = 'Nguye\u0302\u0303n'; // "Nguyễn" decomposed
    expect(normalizeTexts({ name: nfd, n: 5, list: [nfd, null, true] })).toEqual({ name: 'Nguyễn', n: 5, list: ['Nguyễn', null, true] });
  });

  it('decodes valid UTF-8 and refuses anything else instead of writing U+FFFD', () => {
    expect(decodeUtf8(Buffer.from('Hài lòng', 'utf8'))).toBe('Hài lòng');
    expect(decodeUtf8(Uint8Array.from([0x7b, 0xff, 0x7d]))).toBeNull();
    // An encoded surrogate (CESU-8 style) is not UTF-8 either.
    expect(decodeUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeNull();
  });

  it('agrees with the platform on any generated string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(findIllFormedText(s) === null).toBe(s.isWellFormed());
      }),
    );
  });
});

describe('the hash chain refuses text no database can store as it is', () => {
  it('throws on a lone surrogate in a value or a key, so nothing unverifiable is ever hashed', () => {
    expect(() => chainHash(GENESIS_HASH, { comment: '\ud800' })).toThrow(IllFormedTextError);
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(IllFormedTextError);
    expect(chainHash(GENESIS_HASH, { comment: '😀 Hài lòng' })).toMatch(/^[0-9a-f]{64}$/);
  });
});
