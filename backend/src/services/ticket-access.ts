import { AppError } from '../app-error.ts';
import { listFields, listOfficers, type Field, type Officer } from '../db/officers.repository.ts';
import { findTicketUse, recordTicket, ticketExists } from '../db/tickets.repository.ts';
import { vietnamDay } from '../domain/day.ts';
import { resolveRef } from '../domain/ticket-refs.ts';
import type { Deps } from '../deps.ts';
import { ticketKeyIdOf, verifyTicket, type VerifiedTicket } from '../security/ticket-token.ts';
import { keyValidAt, ticketKeyById } from './ticket-keys.service.ts';
import { receiptPointContext } from './ticket-point.ts';
import type { PointContext } from './point-cache.ts';

/** The longest a ticket may run (ttlHours ≤ 720), and the slack given to a desk's clock. */
export const MAX_TTL_HOURS = 720;
const CLOCK_SLACK_HOURS = 24;

/** A ticket whose signature, key, unit and refs check out. */
export interface ReadTicket {
  /** Its MAC: the tickets table's id. */
  id: string;
  keyId: string;
  unitId: string;
  dossierCode: string;
  officer: Officer | null;
  field: Field | null;
  expiresAt: Date;
}

export const ticketNotFound = () => new AppError('not_found', 'Mã QR không hợp lệ hoặc đã ngừng sử dụng.');

/**
 * The ticket a token carries, or null (a forged token, a key unknown or past its grace, refs that
 * name nothing in the key's unit, an expiry further off than any ticket may run). `retry` reads a
 * token as a retry's lookup does: any key the server ever had, any expiry.
 */
export async function readTicket(deps: Deps, token: string, opts: { retry?: boolean } = {}): Promise<ReadTicket | null> {
  const keyId = ticketKeyIdOf(token);
  if (keyId === null) return null;
  const key = await ticketKeyById(deps, keyId);
  const nowMs = deps.now().getTime();
  if (!key || (!opts.retry && !keyValidAt(key, nowMs))) return null;
  const v: VerifiedTicket | null = verifyTicket(token, key.secret);
  // The key says whose ticket it is; the unit ref inside must agree.
  if (!v || !key.unitId.startsWith(v.unitRef)) return null;
  const expiresAt = new Date(v.expiresAtMinute * 60_000);
  if (!opts.retry && expiresAt.getTime() > nowMs + (MAX_TTL_HOURS + CLOCK_SLACK_HOURS) * 3_600_000) return null;
  const db = deps.db.kysely;
  const [officers, fields] = await Promise.all([v.officerRef ? listOfficers(db, key.unitId) : [], v.fieldRef ? listFields(db, key.unitId) : []]);
  const officerId = v.officerRef ? resolveRef(v.officerRef, officers.map((o) => o.id)) : null;
  const fieldId = v.fieldRef ? resolveRef(v.fieldRef, fields.map((f) => f.id)) : null;
  if ((v.officerRef && !officerId) || (v.fieldRef && !fieldId)) return null;
  return {
    id: v.mac,
    keyId,
    unitId: key.unitId,
    dossierCode: v.dossierCode,
    officer: officers.find((o) => o.id === officerId) ?? null,
    field: fields.find((f) => f.id === fieldId) ?? null,
    expiresAt,
  };
}

/** A ticket seen for the first time (one a desk minted offline) is recorded: coverage counts it as issued. */
async function recordSeen(deps: Deps, t: ReadTicket): Promise<void> {
  const db = deps.db.kysely;
  if (await ticketExists(db, t.id)) return;
  const now = deps.now();
  await recordTicket(db, {
    id: t.id,
    unitId: t.unitId,
    keyId: t.keyId,
    dossierCode: t.dossierCode,
    officerId: t.officer?.id ?? null,
    fieldId: t.field?.id ?? null,
    source: 'offline',
    issuedBy: null,
    issuedAt: now.toISOString(),
    issuedDay: vietnamDay(now),
    expiresAt: t.expiresAt.toISOString(),
  });
}

export interface OpenedTicket {
  ticket: ReadTicket;
  /** The unit's hidden receipt point, with its active officers and fields. */
  ctx: PointContext;
}

/**
 * A ticket that opens the form (GET …/points/:token, POST …/responses): 404 when it is not a
 * ticket of ours, 410 past its expiry, 409 once its dossier was rated. The 409 here is the quick
 * answer; the one that holds under concurrency is the response's own transaction (ticket_uses).
 */
export async function openTicket(deps: Deps, token: string): Promise<OpenedTicket> {
  const ticket = await readTicket(deps, token);
  if (!ticket) throw ticketNotFound();
  await recordSeen(deps, ticket);
  if (deps.now().getTime() >= ticket.expiresAt.getTime()) throw new AppError('ticket_expired');
  if (await findTicketUse(deps.db.kysely, ticket.unitId, ticket.dossierCode)) throw new AppError('ticket_used');
  return { ticket, ctx: await receiptPointContext(deps, ticket.unitId) };
}
