/**
 * Text as we store and hash it: well-formed Unicode in NFC. A lone surrogate ("\ud800" in JSON)
 * is a valid JavaScript string but not Unicode: a database stores U+FFFD in its place, so a hash
 * computed on the string could never be recomputed from the stored row.
 */

/** Where in a parsed JSON value the first string (or object key) that is not well-formed Unicode sits; null when all are. */
export function findIllFormedText(value: unknown): (string | number)[] | null {
  const path: (string | number)[] = [];
  return walk(value, path) ? path : null;
}

/** True when an ill-formed string was found; `path` then leads to it (built only on the way back, so the common case allocates nothing). */
function walk(value: unknown, path: (string | number)[]): boolean {
  if (typeof value === 'string') return !value.isWellFormed();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (walk(value[i], path)) {
        path.unshift(i);
        return true;
      }
    }
    return false;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (!key.isWellFormed() || walk((value as Record<string, unknown>)[key], path)) {
        path.unshift(key);
        return true;
      }
    }
  }
  return false;
}

// ASCII text is NFC already: most of a body (keys, tokens, ids) needs no normalising.
const NON_ASCII = /[^\x00-\x7f]/;
const nfc = (s: string): string => (NON_ASCII.test(s) ? s.normalize('NFC') : s);

/**
 * Every string value (not the keys) of a freshly parsed JSON value in Unicode NFC, changed in
 * place (nothing else holds it; copying every body cost the request path): returns the value.
 */
export function normalizeTexts<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalizeTexts(value[i] as unknown);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (v !== null && typeof v === 'object') normalizeTexts(v);
      else if (typeof v === 'string') o[key] = nfc(v);
    }
  }
  return value;
}

/** The bytes as UTF-8 text, or null when they are not valid UTF-8 (never silently replaced by U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export const REPLACEMENT_CHARACTER = '\ufffd';
