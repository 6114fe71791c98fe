import { createHash } from 'node:crypto';

/** The chain starts from 64 zeros, so the first response's prev hash is well defined. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth: one byte string per value, whatever the insert
 * order. Text that is not well-formed Unicode is refused: no database can store it as hashed.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export class IllFormedTextError extends Error {
  override name = 'IllFormedTextError';
}

function sortKeys(value: unknown): unknown {
  if (typeof value === 'string' && !value.isWellFormed()) throw new IllFormedTextError('text to hash is not well-formed Unicode (a lone surrogate)');
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (!key.isWellFormed()) throw new IllFormedTextError('key to hash is not well-formed Unicode (a lone surrogate)');
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** hash = SHA-256(prev hash + canonical JSON of the response) (ARCHITECTURE.md). */
export function chainHash(prevHash: string, record: unknown): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(record)).digest('hex');
}
