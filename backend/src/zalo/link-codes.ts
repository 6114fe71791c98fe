import { createHash, randomInt } from 'node:crypto';
import { insertLinkCode } from '../db/zalo-links.repository.ts';
import type { ZaloSubjectKind } from '../db/schema.ts';
import type { Deps } from '../deps.ts';

// No 0/O, 1/I/L: the code is read off a screen and typed into Zalo on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** "HL-XXXXXX": 31^6 ≈ 8.9·10^8 codes, valid for minutes, single use. */
export function newLinkCode(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `HL-${s}`;
}

/** The canonical code in a chat text ("hl xxxxxx", "HL-XXXXXX"…), or null. */
export function parseLinkCode(text: string): string | null {
  const m = /^\s*HL[\s-]?([A-Z0-9]{6})\s*$/i.exec(text.normalize('NFC'));
  return m ? `HL-${m[1]!.toUpperCase()}` : null;
}

/** Only the hash is stored: a database reader cannot link an account with a live code. */
export function linkCodeHash(code: string): string {
  return createHash('sha256').update(`zalo-link:${code}`).digest('hex');
}

export async function issueLinkCode(
  deps: Deps,
  subject: { kind: ZaloSubjectKind; id: string; unitId: string; phone: string | null },
): Promise<{ code: string; expiresAt: string }> {
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.ZALO_LINK_CODE_TTL_MINUTES * 60_000).toISOString();
  const code = newLinkCode();
  await insertLinkCode(deps.db.kysely, {
    codeHash: linkCodeHash(code),
    subjectKind: subject.kind,
    subjectId: subject.id,
    unitId: subject.unitId,
    phone: subject.phone,
    expiresAt,
    now: now.toISOString(),
  });
  return { code, expiresAt };
}
