import type { Kysely, Transaction } from 'kysely';
import type { ResponseFacts } from '../domain/response-record.ts';
import type { Database, ResponseRow } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface StoredReceipt {
  id: string;
  receivedAt: string;
  day: string;
}

/** A receipt as found by clientId, with the unit it was stored at (never sent to the client). */
export interface FoundReceipt extends StoredReceipt {
  unitId: string;
}

/** A stored row as the hash chain sees it (domain/response-record.ts). */
export function factsOfRow(r: Omit<ResponseRow, 'prev_hash' | 'hash'>): ResponseFacts {
  return {
    id: r.id,
    unitId: r.unit_id,
    seq: r.seq,
    pointId: r.point_id,
    officerId: r.officer_id,
    fieldId: r.field_id,
    clientId: r.client_id,
    formKey: r.form_key,
    formVersion: r.form_version,
    answers: JSON.parse(r.answers) as Record<string, number>,
    issues: JSON.parse(r.issues) as string[],
    comment: r.comment,
    dossierCode: r.dossier_code,
    channel: r.channel,
    receivedAt: r.received_at,
    day: r.day,
    respondentHash: r.respondent_hash,
    verification: r.verification,
    selfRating: r.self_rating,
  };
}

/** Receipts of already stored responses among these clientIds. */
export async function findReceiptsByClientIds(db: Executor, clientIds: string[]): Promise<Map<string, FoundReceipt>> {
  const out = new Map<string, FoundReceipt>();
  if (clientIds.length === 0) return out;
  const rows = await db
    .selectFrom('responses')
    .select(['id', 'client_id', 'unit_id', 'received_at', 'day'])
    .where('client_id', 'in', clientIds)
    .execute();
  for (const r of rows) out.set(r.client_id, { id: r.id, unitId: r.unit_id, receivedAt: r.received_at, day: r.day });
  return out;
}

/**
 * PostgreSQL: locks the batch's chain heads (in unit order, so writers on other replicas never
 * deadlock) and reads the receipts of clientIds already stored, in one round trip: the two
 * SELECTs were two of the few waits left in a batch's transaction. With `statements` the lock
 * goes out as a read ahead and `afterLock` runs before its answer is awaited: what it sends ahead
 * shares the lock's round trip and runs after it, under the locks.
 */

export async function countResponses(db: Executor, unitId?: string): Promise<number> {
  let q = db.selectFrom('responses').select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (unitId) q = q.where('unit_id', '=', unitId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Responses of one unit in chain order, in pages, for verification and exports. */
export async function* streamUnitResponses(db: Executor, unitId: string, pageSize = 2000): AsyncGenerator<ResponseRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('responses')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) yield row;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}
