import { createHash, type Hash } from 'node:crypto';
import { REPLACEMENT_CHARACTER } from './text.ts';

const SURROGATES = 0xdfff - 0xd800 + 1;
const escapeOf = (i: number) => `\\u${(0xd800 + i).toString(16)}`;

/** Where one lone surrogate may have stood: `width` U+FFFD from `at`. */
interface Slot {
  at: number;
  width: number;
}

/**
 * The slots a stored row's U+FFFD could stand for. PostgreSQL's driver writes a lone surrogate as
 * U+FFFD (one character back); better-sqlite3 writes its three WTF-8 bytes (ED A0 80), which read
 * back as three U+FFFD. Single slots: every U+FFFD, and every run of three. Pairs only where the
 * text holds two U+FFFD (one pair of width 1) or six in two runs of three (one pair of width 3):
 * a pair costs 4 million hashes.
 */
function slotsOf(canonical: string): { singles: Slot[]; pair: [Slot, Slot] | null } {
  const at: number[] = [];
  for (let i = canonical.indexOf(REPLACEMENT_CHARACTER); i !== -1; i = canonical.indexOf(REPLACEMENT_CHARACTER, i + 1)) at.push(i);
  const triple = (i: number) => canonical.slice(i, i + 3) === REPLACEMENT_CHARACTER.repeat(3);
  const singles: Slot[] = [...at.map((i) => ({ at: i, width: 1 })), ...at.filter(triple).map((i) => ({ at: i, width: 3 }))];
  let pair: [Slot, Slot] | null = null;
  if (at.length === 2) pair = [{ at: at[0]!, width: 1 }, { at: at[1]!, width: 1 }];
  if (at.length === 6 && triple(at[0]!) && triple(at[3]!)) pair = [{ at: at[0]!, width: 3 }, { at: at[3]!, width: 3 }];
  return { singles, pair };
}

/**
 * Before issue 23 a response could carry a lone surrogate ("\ud800"): its hash covered the JSON
 * escape `\ud800`, but the database stored other bytes in its place, so the row could never
 * verify. Given the canonical JSON of such a stored row, this looks for the lone surrogates that,
 * put back where the stored U+FFFD stand, give the stored hash (only rows that failed already get
 * here). Found → the row is as it was sent, only not well-formed: not altered. null → not explained.
 */
export function explainReplacedSurrogates(prevHash: string, canonical: string, expectedHash: string): { escapes: string[] } | null {
  const { singles, pair } = slotsOf(canonical);
  if (singles.length === 0) return null;
  const start = createHash('sha256').update(prevHash);
  const then = (h: Hash, text: string) => h.copy().update(text);
  for (const s of singles) {
    const before = then(start, canonical.slice(0, s.at));
    const rest = canonical.slice(s.at + s.width);
    for (let i = 0; i < SURROGATES; i++) if (then(before, escapeOf(i) + rest).digest('hex') === expectedHash) return { escapes: [escapeOf(i)] };
  }
  if (pair) {
    const [p, q] = pair;
    const before = then(start, canonical.slice(0, p.at));
    const middle = canonical.slice(p.at + p.width, q.at);
    const rest = canonical.slice(q.at + q.width);
    for (let i = 0; i < SURROGATES; i++) {
      const first = then(before, escapeOf(i) + middle);
      for (let j = 0; j < SURROGATES; j++) if (then(first, escapeOf(j) + rest).digest('hex') === expectedHash) return { escapes: [escapeOf(i), escapeOf(j)] };
    }
  }
  return null;
}
