import type { Kysely, Transaction } from 'kysely';
import type { Database, TicketSource } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A ticket as recorded (issued here, or minted offline and seen). */
export interface TicketRecord {
  id: string;
  unitId: string;
  keyId: string;
  dossierCode: string;
  officerId: string | null;
  fieldId: string | null;
  source: TicketSource;
  issuedBy: string | null;
  issuedAt: string;
  issuedDay: string;
  expiresAt: string;
}

/** Records a ticket once: seeing it again (a second GET, a retry) changes nothing. */
export async function recordTicket(db: Executor, t: TicketRecord): Promise<void> {
  await db
    .insertInto('tickets')
    .values({
      id: t.id,
      unit_id: t.unitId,
      key_id: t.keyId,
      dossier_code: t.dossierCode,
      officer_id: t.officerId,
      field_id: t.fieldId,
      source: t.source,
      issued_by: t.issuedBy,
      issued_at: t.issuedAt,
      issued_day: t.issuedDay,
      expires_at: t.expiresAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function ticketExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('tickets').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The rating a dossier already had, if any. */
export async function findTicketUse(db: Executor, unitId: string, dossierCode: string): Promise<{ clientId: string; responseId: string } | undefined> {
  const row = await db.selectFrom('ticket_uses').select(['client_id', 'response_id']).where('unit_id', '=', unitId).where('dossier_code', '=', dossierCode).executeTakeFirst();
  return row && { clientId: row.client_id, responseId: row.response_id };
}

export interface TicketUse {
  unitId: string;
  dossierCode: string;
  ticketId: string;
  responseId: string;
  clientId: string;
  officerId: string | null;
  fieldId: string | null;
  overall: number | null;
  usedAt: string;
  day: string;
}

/**
 * The dossier's one rating, inside the response's transaction: false when the dossier was rated
 * already (its key, unit + dossier code, is taken), and the caller rolls the response back.
 */
export async function insertTicketUse(db: Executor, u: TicketUse): Promise<boolean> {
  const result = await db
    .insertInto('ticket_uses')
    .values({
      unit_id: u.unitId,
      dossier_code: u.dossierCode,
      ticket_id: u.ticketId,
      response_id: u.responseId,
      client_id: u.clientId,
      officer_id: u.officerId,
      field_id: u.fieldId,
      overall: u.overall,
      used_at: u.usedAt,
      day: u.day,
    })
    .onConflict((oc) => oc.columns(['unit_id', 'dossier_code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
