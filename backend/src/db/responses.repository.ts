import { sql, type Kysely, type Transaction } from 'kysely';
import { chainHash } from '../domain/chain.ts';
import type { DialectName } from './create-db.ts';
import type { Database, ResponseRow } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface NewResponseInput {
  id: string;
  unitId: string;
  pointId: string;
  officerId: string | null;
  fieldId: string | null;
  clientId: string;
  formKey: string;
  formVersion: number;
  answers: Record<string, number>;
  issues: string[];
  comment: string | null;
  dossierCode: string | null;
  channel: string;
  receivedAt: string;
  day: string;
}

export interface StoredReceipt {
  id: string;
  receivedAt: string;
  day: string;
}

/** What the hash covers: every stored fact of the response except the chain fields themselves. */
export function hashRecord(r: Omit<ResponseRow, 'prev_hash' | 'hash'>): Record<string, unknown> {
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
    answers: JSON.parse(r.answers) as unknown,
    issues: JSON.parse(r.issues) as unknown,
    comment: r.comment,
    dossierCode: r.dossier_code,
    channel: r.channel,
    receivedAt: r.received_at,
    day: r.day,
  };
}

export async function findReceiptByClientId(db: Executor, clientId: string): Promise<StoredReceipt | undefined> {
  const row = await db
    .selectFrom('responses')
    .select(['id', 'received_at', 'day'])
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row && { id: row.id, receivedAt: row.received_at, day: row.day };
}

/**
 * Appends one response to its unit's hash chain and counts it in the day's tallies.
 * Must run inside the caller's transaction: the chain head is locked (PostgreSQL) or the
 * single SQLite writer holds it, so seq and prev_hash stay linear under concurrency.
 */
export async function appendResponse(trx: Transaction<Database>, dialect: DialectName, r: NewResponseInput): Promise<StoredReceipt> {
  let headQuery = trx.selectFrom('chain_heads').select(['seq', 'hash']).where('unit_id', '=', r.unitId);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();

  const sortedAnswers = Object.fromEntries(Object.entries(r.answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const row: Omit<ResponseRow, 'prev_hash' | 'hash'> = {
    id: r.id,
    unit_id: r.unitId,
    seq: head.seq + 1,
    point_id: r.pointId,
    officer_id: r.officerId,
    field_id: r.fieldId,
    client_id: r.clientId,
    form_key: r.formKey,
    form_version: r.formVersion,
    answers: JSON.stringify(sortedAnswers),
    issues: JSON.stringify(r.issues),
    comment: r.comment,
    dossier_code: r.dossierCode,
    channel: r.channel,
    received_at: r.receivedAt,
    day: r.day,
  };
  const hash = chainHash(head.hash, hashRecord(row));
  await trx.insertInto('responses').values({ ...row, prev_hash: head.hash, hash }).execute();
  await trx.updateTable('chain_heads').set({ seq: row.seq, hash }).where('unit_id', '=', r.unitId).execute();

  const tallyRows = Object.entries(r.answers).map(([questionKey, level]) => ({
    unit_id: r.unitId,
    day: r.day,
    officer_id: r.officerId ?? '',
    field_id: r.fieldId ?? '',
    question_key: questionKey,
    level,
    count: 1,
  }));
  await trx
    .insertInto('tallies')
    .values(tallyRows)
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'day', 'officer_id', 'field_id', 'question_key', 'level'])
        .doUpdateSet({ count: sql<number>`tallies.count + excluded.count` }),
    )
    .execute();
  return { id: r.id, receivedAt: r.receivedAt, day: r.day };
}

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
