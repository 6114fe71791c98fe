import type { Transaction } from 'kysely';
import { AppError } from '../app-error.ts';
import type { DialectName } from '../db/create-db.ts';
import type { Database } from '../db/schema.ts';
import type { AppendedResponse } from './append.ts';
import { ticketLinkOf } from './ticket-uses.ts';
import type { AfterAppend } from './writer.ts';

/**
 * In-transaction check (writer hook): the same verified user at the same point within the
 * window → the batch rolls back and the writer retries its records one by one, so only the
 * duplicate fails (409). Running inside the insert's transaction, after the unit's chain head
 * is locked, makes the check hold across replicas too. A receipt ticket's response is not checked:
 * its dossier rates once (ticket-uses.ts), and a citizen with two dossiers rates both, though all
 * tickets of a unit share its receipt point.
 */
export function rejectDuplicateRespondents(windowMinutes: number): AfterAppend {
  const hook: AfterAppend = async (trx: Transaction<Database>, _dialect: DialectName, appended: AppendedResponse[]): Promise<void> => {
    if (windowMinutes <= 0) return;
    for (const r of appended) {
      if (!r.respondentHash || ticketLinkOf(r)) continue;
      const since = new Date(Date.parse(r.receivedAt) - windowMinutes * 60_000).toISOString();
      const others = await trx
        .selectFrom('responses')
        .select('id')
        .where('respondent_hash', '=', r.respondentHash)
        .where('point_id', '=', r.pointId)
        .where('received_at', '>', since)
        .where('id', '!=', r.id)
        .limit(1)
        .execute();
      if (others.length > 0) throw new AppError('duplicate_response');
    }
  };
  // Its query must see the batch's own rows (the same user twice in one batch).
  hook.readsAfterAppend = (records) => windowMinutes > 0 && records.some((r) => r.respondentHash && !ticketLinkOf(r));
  return hook;
}
