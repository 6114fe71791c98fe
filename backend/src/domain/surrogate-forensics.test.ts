import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH } from './chain.ts';
import { explainReplacedSurrogates } from './surrogate-forensics.ts';

/** What the chain hashed before issue 23: JSON.stringify writes a lone surrogate as the escape `\udXXX`. */
const oldHash = (prev: string, record: Record<string, unknown>) => {
  const sorted = Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
  return createHash('sha256').update(prev).update(JSON.stringify(sorted)).digest('hex');
};
/** What PostgreSQL gave back: one U+FFFD where each lone surrogate was. */
const stored = (record: Record<string, unknown>) => JSON.parse(JSON.stringify(record).replace(/\\ud[89a-f][0-9a-f]{2}/g, '\ufffd')) as Record<string, unknown>;
/** What SQLite gave back: the surrogate's three WTF-8 bytes, read as three U+FFFD. */
const storedBySqlite = (record: Record<string, unknown>) => JSON.parse(JSON.stringify(record).replace(/\\ud[89a-f][0-9a-f]{2}/g, '\ufffd\ufffd\ufffd')) as Record<string, unknown>;

describe('explainReplacedSurrogates', () => {
  it('finds the lone surrogate a stored U+FFFD stands for', () => {
    const sent = { comment: 'xin chào \udbff!', seq: 7 };
    const hash = oldHash(GENESIS_HASH, sent);
    expect(explainReplacedSurrogates(GENESIS_HASH, canonicalJson(stored(sent)), hash)).toEqual({ escapes: ['\\udbff'] });
  });

  it('finds it from the three U+FFFD that SQLite gives back', () => {
    const sent = { comment: '\ud800 chào', seq: 7 };
    const hash = oldHash(GENESIS_HASH, sent);
    expect(explainReplacedSurrogates(GENESIS_HASH, canonicalJson(storedBySqlite(sent)), hash)).toEqual({ escapes: ['\\ud800'] });
    const two = { comment: '\udc00', dossierCode: '\udc01' };
    expect(explainReplacedSurrogates(GENESIS_HASH, canonicalJson(storedBySqlite(two)), oldHash(GENESIS_HASH, two))).toEqual({ escapes: ['\\udc00', '\\udc01'] });
  });

  it('finds two, when the text holds two', () => {
    const sent = { comment: '\ud800', dossierCode: 'HS-\udfff' };
    const hash = oldHash(GENESIS_HASH, sent);
    expect(explainReplacedSurrogates(GENESIS_HASH, canonicalJson(stored(sent)), hash)).toEqual({ escapes: ['\\ud800', '\\udfff'] });
  });

  it('explains nothing when the row was altered, or holds no U+FFFD', () => {
    const sent = { comment: 'góp ý \ud800', seq: 1 };
    const hash = oldHash(GENESIS_HASH, sent);
    const altered = { ...stored(sent), seq: 2 };
    expect(explainReplacedSurrogates(GENESIS_HASH, canonicalJson(altered), hash)).toBeNull();
    expect(explainReplacedSurrogates(GENESIS_HASH, canonicalJson({ comment: 'plain' }), hash)).toBeNull();
    // A citizen may type U+FFFD itself: such a row verifies normally and never gets here, but if
    // it did, no surrogate would explain a different hash.
    expect(explainReplacedSurrogates(GENESIS_HASH, canonicalJson({ comment: '\ufffd' }), '0'.repeat(64))).toBeNull();
  });
});
