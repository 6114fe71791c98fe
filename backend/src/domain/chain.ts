import { createHash } from 'node:crypto';

/** The chain starts from 64 zeros, so the first response's prev hash is well defined. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: one byte string per value, whatever the insert order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** hash = SHA-256(prev hash + canonical JSON of the response) (ARCHITECTURE.md). */
export function chainHash(prevHash: string, record: unknown): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(record)).digest('hex');
}
