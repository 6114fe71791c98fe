import { sql, type Transaction } from 'kysely';
import { chainHash } from '../domain/chain.ts';
import { hashedFacts, tallyCells, type ResponseFacts } from '../domain/response-record.ts';
import type { DialectName } from '../db/create-db.ts';
import { CompiledInsert } from '../db/compiled-insert.ts';
import type { BatchStatements } from '../db/dialects/postgres/pipeline.ts';
import { findReceiptsByClientIds, type FoundReceipt, type StoredReceipt } from '../db/responses.repository.ts';
import type { Database, ResponseRow, TallyRow } from '../db/schema.ts';

/**
 * The append (write path, step 3): a batch of responses goes onto its units' hash chains and
 * into the tallies, in the writer's transaction. The fast form of reference-writer.ts: one
 * multi-row insert and one tally upsert per batch, statements compiled once, and on PostgreSQL
 * one statement of arrays sent with the COMMIT.
 */

export interface NewResponseInput {
  id: string;
  unitId: string;
  pointId: string;
  officerId: string | null;
  fieldId: string | null;
  clientId: string;
  formKey: string;
  formVersion: number;
  /** The form's general question (not stored): the self-rating cell and the alert rules read it. */
  overallKey: string;
  /** Labels of `issues`, in order (not stored): for the alert text. */
  issueLabels?: string[];
  answers: Record<string, number>;
  issues: string[];
  comment: string | null;
  dossierCode: string | null;
  channel: string;
  receivedAt: string;
  day: string;
  /** HMAC of the verified Zalo user id (zalo/respondent.ts); never the id itself. */
  respondentHash?: string | null;
  /** Set when the response came with a Zalo token: was the user confirmed by Zalo in time? */
  verification?: 'verified' | 'unverified' | null;
  /** The respondent is the rated officer (a linked Zalo user): kept out of that officer's figures. */
  selfRating?: boolean;
}

/**
 * A clientId already stored at another unit: the response cannot be stored (clientIds are unique)
 * and the other unit's receipt must not be handed out (issue 23, item 9).
 */
export class ClientIdTakenError extends Error {
  override name = 'ClientIdTakenError';
  constructor(readonly clientId: string) {
    super('clientId already stored at another unit');
  }
}

/** The first receipt of a clientId, for a record of `unitId`: the receipt itself, without its unit; throws ClientIdTakenError for another unit's. */
export function receiptForRetry(found: FoundReceipt, unitId: string): StoredReceipt {
  if (found.unitId !== unitId) throw new ClientIdTakenError(found.unitId);
  return { id: found.id, receivedAt: found.receivedAt, day: found.day };
}

async function lockHeadsAndFindReceipts(
  trx: Transaction<Database>,
  unitIds: string[],
  clientIds: string[],
  statements: BatchStatements | undefined,
  afterLock: (() => void) | undefined,
): Promise<{ existing: Map<string, FoundReceipt>; heads: Map<string, { seq: number; hash: string }> }> {
  const query = sql<{ kind: 'head' | 'receipt'; k: string; a: string; b: string; c: string | null; d: string | null }>`
    with locked as (select unit_id, seq, hash from chain_heads where unit_id = any(${unitIds}::text[]) order by unit_id for update)
    select 'head' as kind, unit_id as k, cast(seq as varchar) as a, hash as b, null as c, null as d from locked
    union all
    select 'receipt', client_id, id, received_at, day, unit_id from responses where client_id = any(${clientIds}::text[])`.compile(trx);
  const locked = statements ? statements.ahead(query) : trx.executeQuery(query);
  afterLock?.();
  const { rows } = await locked;
  const existing = new Map<string, FoundReceipt>();
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const r of rows) {
    if (r.kind === 'head') heads.set(r.k, { seq: Number(r.a), hash: r.b });
    else existing.set(r.k, { id: r.a, receivedAt: r.b, day: r.c!, unitId: r.d! });
  }
  return { existing, heads };
}

export type AppendOutcome = { created: boolean; receipt: StoredReceipt; /** Chain position, when created. */ seq?: number };

/** A response as just appended, for in-transaction hooks. */
export type AppendedResponse = NewResponseInput & { seq: number };

/** How a batch's statements may share round trips (response-writer.ts); without them each is awaited in turn. */
export interface AppendOptions {
  /** The batch's statements (dialects/postgres/pipeline.ts): on PostgreSQL the chain-head lock goes out as a read ahead. */
  statements?: BatchStatements;
  /**
   * Called once the lock is sent (PostgreSQL) or done (SQLite), before the append: reads sent
   * ahead here run under the batch's locks, and so see the units as the batch will find them.
   */
  afterLock?: () => void;
  /**
   * Nothing in the transaction reads after the append: PostgreSQL's append then goes out with the
   * COMMIT (statements.atCommit). The outcomes are known before it runs; if it fails, the COMMIT
   * throws its error and nothing is stored.
   */
  appendAtCommit?: boolean;
}

/**
 * Appends responses to their units' hash chains and counts them in the tallies, inside the
 * caller's transaction. Chain heads are locked in unit order (PostgreSQL; SQLite has one
 * writer), so seq and prev_hash stay linear however many writers run. A clientId already
 * stored, or repeated within the batch, gets the first receipt and stores nothing.
 */
export async function appendResponses(trx: Transaction<Database>, dialect: DialectName, records: NewResponseInput[], opts: AppendOptions = {}): Promise<AppendOutcome[]> {
  const clientIds = [...new Set(records.map((r) => r.clientId))];
  const unitIds = [...new Set(records.map((r) => r.unitId))].sort();
  const { existing, heads } =
    dialect === 'postgres'
      ? await lockHeadsAndFindReceipts(trx, unitIds, clientIds, opts.statements, opts.afterLock)
      : {
          existing: await findReceiptsByClientIds(trx, clientIds),
          heads: new Map(
            (await trx.selectFrom('chain_heads').select(['unit_id', 'seq', 'hash']).where('unit_id', 'in', unitIds).execute()).map((h) => [h.unit_id, { seq: h.seq, hash: h.hash }]),
          ),
        };
  if (dialect !== 'postgres') opts.afterLock?.();

  const rows: ResponseRow[] = [];
  const tallies = new Map<string, TallyRow>();
  const outcomes: AppendOutcome[] = [];
  for (const r of records) {
    const earlier = existing.get(r.clientId);
    if (earlier) {
      outcomes.push({ created: false, receipt: receiptForRetry(earlier, r.unitId) });
      continue;
    }
    const head = heads.get(r.unitId);
    if (!head) throw new Error(`unit ${r.unitId} has no chain head`);
    const sortedAnswers = Object.fromEntries(Object.entries(r.answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const selfRating = r.selfRating ? 1 : null;
    // The whole row in one literal (hash filled in below): V8 copies `{ ...row, hash }` on a slow path.
    const row: ResponseRow = {
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
      respondent_hash: r.respondentHash ?? null,
      verification: r.verification ?? null,
      self_rating: selfRating,
      prev_hash: head.hash,
      hash: '',
    };
    const facts: ResponseFacts = {
      id: r.id,
      unitId: r.unitId,
      seq: row.seq,
      pointId: r.pointId,
      officerId: r.officerId,
      fieldId: r.fieldId,
      clientId: r.clientId,
      formKey: r.formKey,
      formVersion: r.formVersion,
      answers: sortedAnswers,
      issues: r.issues,
      comment: r.comment,
      dossierCode: r.dossierCode,
      channel: r.channel,
      receivedAt: r.receivedAt,
      day: r.day,
      respondentHash: row.respondent_hash,
      verification: row.verification,
      selfRating,
    };
    const hash = chainHash(head.hash, hashedFacts(facts));
    row.hash = hash;
    rows.push(row);
    heads.set(r.unitId, { seq: row.seq, hash });
    for (const { formKey, officerId, questionKey, level } of tallyCells({ formKey: r.formKey, officerId: r.officerId, selfRating: r.selfRating === true, answers: r.answers, overallKey: r.overallKey, channel: r.channel })) {
      const key = `${r.unitId}|${formKey}|${r.day}|${officerId}|${r.fieldId ?? ''}|${questionKey}|${level}`;
      const t = tallies.get(key);
      if (t) t.count++;
      else tallies.set(key, { unit_id: r.unitId, form_key: formKey, day: r.day, officer_id: officerId, field_id: r.fieldId ?? '', question_key: questionKey, level, count: 1 });
    }
    const receipt = { id: r.id, receivedAt: r.receivedAt, day: r.day };
    existing.set(r.clientId, { id: r.id, receivedAt: r.receivedAt, day: r.day, unitId: r.unitId });
    outcomes.push({ created: true, receipt, seq: row.seq });
  }
  if (rows.length === 0) return outcomes;

  const tallyRows = [...tallies.values()];
  const moved = unitIds.map((unitId) => ({ unitId, ...heads.get(unitId)! }));
  if (dialect === 'postgres') {
    const append = pgAppend(rows, tallyRows, moved).compile(trx);
    if (opts.appendAtCommit && opts.statements) await opts.statements.atCommit(append);
    else await trx.executeQuery(append);
    return outcomes;
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await trx.executeQuery(RESPONSE_INSERT.compile(dialect, chunk, () => trx.insertInto('responses').values(chunk)));
  }
  for (let i = 0; i < tallyRows.length; i += INSERT_CHUNK) {
    const chunk = tallyRows.slice(i, i + INSERT_CHUNK);
    await trx.executeQuery(TALLY_UPSERT.compile(dialect, chunk, () => tallyUpsert(trx, chunk)));
  }
  for (let i = 0; i < moved.length; i += HEADS_CHUNK) await chainHeadsUpdate(moved.slice(i, i + HEADS_CHUNK)).execute(trx);
  return outcomes;
}

/**
 * PostgreSQL: the batch's insert, tally upsert and chain-head moves in one statement whose text
 * never changes: each column travels as one array parameter (unnest). With a VALUES list the
 * text grew with the batch, and parsing, analysing and planning it afresh took half of the
 * writer's PostgreSQL CPU (perf, one-unit bench). One round trip, too: the transaction holds its
 * units' head locks while it waits. Statements in WITH always run to completion.
 */
function pgAppend(rows: ResponseRow[], tallyRows: TallyRow[], moved: { unitId: string; seq: number; hash: string }[]) {
  return sql`${pgAppendWrites(rows, tallyRows)}
    update chain_heads as h set seq = m.seq, hash = m.hash
    from ${pgMovedHeads(moved)}
    where h.unit_id = m.unit_id`;
}

function pgAppendWrites(rows: ResponseRow[], tallyRows: TallyRow[]) {
  const responseCols = sql.join(RESPONSE_COLUMNS.map((c) => sql.ref(c)));
  const responseArrays = sql.join(RESPONSE_COLUMNS.map((c) => sql`${rows.map((r) => r[c])}::${sql.raw(PG_ARRAY_TYPE[c])}[]`));
  const tallyArrays = sql.join(TALLY_COLUMNS.map((c) => sql`${tallyRows.map((t) => t[c])}::${sql.raw(c === 'level' || c === 'count' ? 'integer' : 'text')}[]`));
  return sql`with appended as (insert into responses (${responseCols}) select * from unnest(${responseArrays})),
    counted as (insert into tallies (${sql.join(TALLY_COLUMNS.map((c) => sql.ref(c)))}) select * from unnest(${tallyArrays})
      on conflict (unit_id, form_key, day, officer_id, field_id, question_key, level) do update set count = tallies.count + excluded.count)`;
}

function pgMovedHeads(moved: { unitId: string; seq: number; hash: string }[]) {
  return sql`unnest(${moved.map((m) => m.unitId)}::text[], ${moved.map((m) => m.seq)}::integer[], ${moved.map((m) => m.hash)}::text[]) as m (unit_id, seq, hash)`;
}

function tallyUpsert(trx: Transaction<Database>, rows: TallyRow[]) {
  return trx
    .insertInto('tallies')
    .values(rows)
    .onConflict((oc) => oc.columns(['unit_id', 'form_key', 'day', 'officer_id', 'field_id', 'question_key', 'level']).doUpdateSet({ count: sql<number>`tallies.count + excluded.count` }));
}

// Units per chain-head UPDATE: three parameters each, well under both dialects' limits.
const HEADS_CHUNK = 500;

/**
 * SQLite: moves the chain heads of a batch's units in one statement, where a batch spread over
 * many units (a national day has 3,300) made one UPDATE per unit. (PostgreSQL's are in pgAppend.)
 */
function chainHeadsUpdate(moved: { unitId: string; seq: number; hash: string }[]) {
  const seqCases = sql.join(moved.map((m) => sql`when ${m.unitId} then ${m.seq}`), sql` `);
  const hashCases = sql.join(moved.map((m) => sql`when ${m.unitId} then ${m.hash}`), sql` `);
  return sql`update chain_heads set seq = case unit_id ${seqCases} end, hash = case unit_id ${hashCases} end where unit_id in (${sql.join(moved.map((m) => m.unitId))})`;
}

// Rows per multi-row INSERT: well under both dialects' bound-parameter limits.
const INSERT_CHUNK = 200;

// In the order appendResponses builds its rows (CompiledInsert checks it against Kysely's).
const RESPONSE_COLUMNS = [
  'id',
  'unit_id',
  'seq',
  'point_id',
  'officer_id',
  'field_id',
  'client_id',
  'form_key',
  'form_version',
  'answers',
  'issues',
  'comment',
  'dossier_code',
  'channel',
  'received_at',
  'day',
  'respondent_hash',
  'verification',
  'self_rating',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof ResponseRow)[];
const RESPONSE_INSERT = new CompiledInsert<ResponseRow>([...RESPONSE_COLUMNS]);
const TALLY_COLUMNS = ['unit_id', 'form_key', 'day', 'officer_id', 'field_id', 'question_key', 'level', 'count'] as const satisfies readonly (keyof TallyRow)[];
const TALLY_UPSERT = new CompiledInsert<TallyRow>([...TALLY_COLUMNS]);

// unnest's element types; text converts to the varchar(n) columns on insert, checking lengths.
const PG_ARRAY_TYPE: Record<(typeof RESPONSE_COLUMNS)[number], 'text' | 'integer'> = {
  id: 'text',
  unit_id: 'text',
  seq: 'integer',
  point_id: 'text',
  officer_id: 'text',
  field_id: 'text',
  client_id: 'text',
  form_key: 'text',
  form_version: 'integer',
  answers: 'text',
  issues: 'text',
  comment: 'text',
  dossier_code: 'text',
  channel: 'text',
  received_at: 'text',
  day: 'text',
  respondent_hash: 'text',
  verification: 'text',
  self_rating: 'integer',
  prev_hash: 'text',
  hash: 'text',
};
