import { AppError } from '../app-error.ts';
import { insertTicketUse } from '../db/tickets.repository.ts';
import type { NewResponseInput } from './append.ts';
import type { AfterAppend } from './writer.ts';

/** What a receipt ticket's response carries beside the answers (never stored in its row): the ticket and its dossier. */
export interface TicketLink {
  ticketId: string;
  dossierCode: string;
}

/** A response record made from a receipt ticket (submit.ts makes them). */
export type TicketResponseInput = NewResponseInput & { ticket: TicketLink };

/** The ticket a record carries, if any (records cross to the writer thread as plain objects). */
export function ticketLinkOf(r: NewResponseInput): TicketLink | undefined {
  return 'ticket' in r ? (r as TicketResponseInput).ticket : undefined;
}

/**
 * Writer hook: a dossier rates once. For each ticket response appended, its dossier's row in
 * ticket_uses (key: unit + dossier code), in the batch's transaction, after the unit's chain head
 * is locked. A dossier rated already (by another clientId: a retry with the same clientId is
 * answered by the append and never gets here) fails the batch with ticket_used (409); the writer
 * then retries its records one by one, so only that one fails. It holds across replicas and
 * writer threads alike, as the key is the database's.
 */
export function ticketUsesHook(): AfterAppend {
  const hook: AfterAppend = async (trx, _dialect, appended) => {
    for (const r of appended) {
      const link = ticketLinkOf(r);
      if (!link) continue;
      const first = await insertTicketUse(trx, {
        unitId: r.unitId,
        dossierCode: link.dossierCode,
        ticketId: link.ticketId,
        responseId: r.id,
        clientId: r.clientId,
        officerId: r.officerId,
        fieldId: r.fieldId,
        overall: r.answers[r.overallKey] ?? null,
        usedAt: r.receivedAt,
        day: r.day,
      });
      if (!first) throw new AppError('ticket_used');
    }
  };
  // It must see its insert's outcome: only batches with a ticket response give up sending the append with the COMMIT.
  hook.readsAfterAppend = (records) => records.some((r) => 'ticket' in r);
  return hook;
}
