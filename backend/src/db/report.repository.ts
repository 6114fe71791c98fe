import { CHANNEL_QUESTION_KEYS, normalizeChannel, type Channel } from '../domain/channels.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The unit's chain head as it stood at the end of a period: the last response received by then
 * (the chain is in arrival order). Read backwards along the (unit, seq) key, so it costs the rows
 * received after the period, not the whole chain.
 */
export async function chainHeadAt(db: Executor, unitId: string, untilInstant: string): Promise<{ seq: number; hash: string } | null> {
  const row = await db.selectFrom('responses').select(['seq', 'hash']).where('unit_id', '=', unitId).where('received_at', '<', untilInstant).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** How many of a period's responses (of one form) came through each channel. */
/** Responses per channel of a unit's form over days: the tallies' 'channel:<channel>' cells (migration 012; older `qr` counted as `zalo`). */
export async function channelCounts(db: Executor, unitId: string, formKey: string, from: string, to: string): Promise<Map<Channel, number>> {
  const rows = await db
    .selectFrom('tallies')
    .select(['question_key', sql<string | number>`sum(count)`.as('n')])
    .where('unit_id', '=', unitId)
    .where('form_key', '=', formKey)
    .where('question_key', 'in', CHANNEL_QUESTION_KEYS)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('question_key')
    .execute();
  const out = new Map<Channel, number>();
  for (const r of rows) {
    const n = Number(r.n);
    if (n > 0) out.set(normalizeChannel(r.question_key.slice('channel:'.length)), n);
  }
  return out;
}

export interface ReportedComment {
  id: string;
  seq: number;
  receivedAt: string;
  officerId: string | null;
  fieldId: string | null;
  answers: Record<string, number>;
  issues: string[];
  comment: string | null;
}

/** A period's comments and misconduct reports (of one form), oldest first. */
export async function periodComments(db: Executor, unitId: string, formKey: string, from: string, to: string): Promise<ReportedComment[]> {
  const rows = await db
    .selectFrom('responses')
    .select(['id', 'seq', 'received_at', 'officer_id', 'field_id', 'answers', 'issues', 'comment'])
    .where('unit_id', '=', unitId)
    .where('form_key', '=', formKey)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where((eb) => eb.or([eb('comment', 'is not', null), eb('issues', '!=', '[]')]))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    receivedAt: r.received_at,
    officerId: r.officer_id,
    fieldId: r.field_id,
    answers: JSON.parse(r.answers) as Record<string, number>,
    issues: JSON.parse(r.issues) as string[],
    comment: r.comment,
  }));
}
