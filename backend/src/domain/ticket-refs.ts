/**
 * Short references to a unit's officers and fields inside a receipt ticket (docs/tickets.md): the
 * first characters of the id, at least MIN_REF_LENGTH, as many as make it name one record of the
 * unit. Listings show the first 8 characters of ids (the CLI's short ids), which always do.
 */
export const MIN_REF_LENGTH = 6;

/** The shortest prefix of `id` (≥ MIN_REF_LENGTH) that no other of `ids` starts with. */
export function shortestRef(id: string, ids: readonly string[]): string {
  const others = ids.filter((x) => x !== id);
  for (let n = MIN_REF_LENGTH; n < id.length; n++) {
    const ref = id.slice(0, n);
    if (!others.some((o) => o.startsWith(ref))) return ref;
  }
  return id;
}

/** The one id that starts with `ref`; null when none or several do. */
export function resolveRef(ref: string, ids: readonly string[]): string | null {
  const found = ids.filter((id) => id.startsWith(ref));
  return found.length === 1 ? found[0]! : null;
}

/**
 * What the citizen's screen may show of a dossier code: its last characters, never the whole of
 * it (the form's GET is public and a link can travel). Codes of 4 characters or fewer show nothing.
 */
export function dossierCodeHint(code: string): string | undefined {
  const chars = [...code];
  if (chars.length <= 4) return undefined;
  const shown = chars.length >= 8 ? 4 : 2;
  return `…${chars.slice(-shown).join('')}`;
}
