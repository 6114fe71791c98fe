import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Receipt tickets (docs/tickets.md): a compact, HMAC-signed token that the server or a desk's own
 * software mints for one dossier, without a round trip. Pure: node:crypto only, so that it can be
 * copied into desk software as the reference implementation.
 *
 *   t1.<keyId>.<payload>.<mac>
 *   payload = base64url(UTF-8 "<unitRef>|<expiresAtMinute>|<officerRef>|<fieldRef>|<dossierCode>")
 *   mac     = base64url(first 16 bytes of HMAC-SHA256(unit key, "t1.<keyId>.<payload>"))
 *
 * Refs are the first 6 or more characters of an id (empty: none); expiresAtMinute is the Unix
 * epoch in whole minutes, in decimal; the dossier code comes last and may hold any character.
 * Signed, not encrypted: whoever holds the token can read the dossier code in it.
 */

export const TICKET_PREFIX = 't1.';
/** Bytes of the HMAC kept: 128 bits, 22 base64url characters. */
export const TICKET_MAC_BYTES = 16;
export const DOSSIER_CODE_MAX = 64;

const B64URL = /^[A-Za-z0-9_-]+$/;
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const REF = /^[0-9a-f-]{6,36}$/;
const MINUTE = /^[0-9]{1,12}$/;
const MAC_CHARS = Math.ceil((TICKET_MAC_BYTES * 8) / 6);

export interface TicketClaims {
  /** The first characters (≥ 6) of the unit's id. */
  unitRef: string;
  /** The ticket opens the form until this minute of the Unix epoch (exclusive). */
  expiresAtMinute: number;
  officerRef: string | null;
  fieldRef: string | null;
  /** 1–64 characters, NFC, no leading or trailing space. */
  dossierCode: string;
}

export interface VerifiedTicket extends TicketClaims {
  keyId: string;
  /** The token's MAC: one issued ticket, one id. */
  mac: string;
}

/** A dossier code as tickets carry it (NFC, trimmed), or null when it cannot be one. */
export function normalizeDossierCode(code: string): string | null {
  const c = code.normalize('NFC').trim();
  if (c.length < 1 || c.length > DOSSIER_CODE_MAX || c.includes('\u0000') || !c.isWellFormed()) return null;
  return c;
}

function macOf(secret: Uint8Array, keyId: string, payload: string): string {
  return createHmac('sha256', secret).update(`${TICKET_PREFIX}${keyId}.${payload}`).digest().subarray(0, TICKET_MAC_BYTES).toString('base64url');
}

/** Whether a token is a ticket (its version prefix): the point-token path never pays for more. */
export function isTicketToken(token: string): boolean {
  return token.startsWith(TICKET_PREFIX);
}

/** The key a ticket names, to look its secret up; null when the token is not shaped like a ticket. */
export function ticketKeyIdOf(token: string): string | null {
  if (!isTicketToken(token)) return null;
  const parts = token.split('.');
  return parts.length === 4 && KEY_ID.test(parts[1]!) ? parts[1]! : null;
}

/** Mints a ticket with the unit's key. Throws on claims that no verifier would accept. */
export function mintTicket(keyId: string, secret: Uint8Array, claims: TicketClaims): string {
  const dossierCode = normalizeDossierCode(claims.dossierCode);
  if (!KEY_ID.test(keyId)) throw new Error('ticket key id must be 1–16 base64url characters');
  if (dossierCode === null || dossierCode !== claims.dossierCode) throw new Error('dossier code must be 1–64 characters, NFC, trimmed');
  if (!REF.test(claims.unitRef)) throw new Error('unit ref must be 6–36 characters of the unit id');
  for (const ref of [claims.officerRef, claims.fieldRef]) if (ref !== null && !REF.test(ref)) throw new Error('officer and field refs must be 6–36 characters of an id');
  if (!Number.isSafeInteger(claims.expiresAtMinute) || claims.expiresAtMinute < 0 || !MINUTE.test(String(claims.expiresAtMinute))) throw new Error('expiry must be a whole minute of the epoch');
  const text = [claims.unitRef, String(claims.expiresAtMinute), claims.officerRef ?? '', claims.fieldRef ?? '', dossierCode].join('|');
  const payload = Buffer.from(text, 'utf8').toString('base64url');
  return `${TICKET_PREFIX}${keyId}.${payload}.${macOf(secret, keyId, payload)}`;
}

/**
 * The claims of a ticket whose MAC checks out under `secret` (the key its keyId names), else
 * null. Whether the key is still valid, the unit right and the ticket unexpired is the caller's
 * to judge: this only says who signed what.
 */
export function verifyTicket(token: string, secret: Uint8Array): VerifiedTicket | null {
  const keyId = ticketKeyIdOf(token);
  if (keyId === null) return null;
  const [, , payload, mac] = token.split('.') as [string, string, string, string];
  if (!B64URL.test(payload) || mac.length !== MAC_CHARS || !B64URL.test(mac)) return null;
  const expected = Buffer.from(macOf(secret, keyId, payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = decodeClaims(payload);
  return claims && { ...claims, keyId, mac };
}

function decodeClaims(payload: string): TicketClaims | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(payload, 'base64url'));
  } catch {
    return null;
  }
  const parts = text.split('|');
  if (parts.length < 5) return null;
  const [unitRef, minute, officerRef, fieldRef] = parts as [string, string, string, string];
  // The dossier code comes last and may itself hold '|'.
  const dossierCode = parts.slice(4).join('|');
  if (!REF.test(unitRef) || !MINUTE.test(minute)) return null;
  if ((officerRef !== '' && !REF.test(officerRef)) || (fieldRef !== '' && !REF.test(fieldRef))) return null;
  if (normalizeDossierCode(dossierCode) !== dossierCode) return null;
  return { unitRef, expiresAtMinute: Number(minute), officerRef: officerRef || null, fieldRef: fieldRef || null, dossierCode };
}
