import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface CommentFilter {
  unitId: string;
  /** Responses to this form only. */
  formKey: string;
  /** Its general question, which `level` filters on. */
  overallKey: string;
  officerId?: string | undefined;
  fieldId?: string | undefined;
  /** Level of the overall question. */
  level?: number | undefined;
  issue?: string | undefined;
  /** true: latest handling note says handled; false: never handled or reopened. */
  handled?: boolean | undefined;
  /** Chain position to page from (exclusive): newest first. */
  beforeSeq?: number | undefined;
  /** Vietnam days, inclusive. */
  fromDay?: string | undefined;
  toDay?: string | undefined;
  limit: number;
}

export interface CommentRow {
  id: string;
  seq: number;
  officerId: string | null;
  fieldId: string | null;
  answers: Record<string, number>;
  issues: string[];
  comment: string | null;
  receivedAt: string;
  day: string;
  channel: string;
}

/**
 * Responses that carry a comment or a reported issue, newest first. The JSON columns are matched
 * with LIKE: both are stored canonically by responses.repository.ts (sorted keys, no spaces,
 * one-digit levels, keys from the form's own list), so '"overall":2' and '"harassment"' are
 * exact on both dialects without JSON functions.
 */
export async function listCommentRows(db: Executor, f: CommentFilter): Promise<CommentRow[]> {
  let q = db
    .selectFrom('responses as r')
    .select(['r.id', 'r.seq', 'r.officer_id', 'r.field_id', 'r.answers', 'r.issues', 'r.comment', 'r.received_at', 'r.day', 'r.channel'])
    .where('r.unit_id', '=', f.unitId)
    .where('r.form_key', '=', f.formKey)
    .where((eb) => eb.or([eb('r.comment', 'is not', null), eb('r.issues', '!=', '[]')]));
  if (f.officerId) q = q.where('r.officer_id', '=', f.officerId);
  if (f.fieldId) q = q.where('r.field_id', '=', f.fieldId);
  // Keys are [a-z0-9_] (domain/form.ts), so neither LIKE wildcard can be in them.
  if (f.level !== undefined) q = q.where('r.answers', 'like', `%"${f.overallKey}":${f.level}%`);
  if (f.issue) q = q.where('r.issues', 'like', `%"${f.issue}"%`);
  if (f.beforeSeq !== undefined) q = q.where('r.seq', '<', f.beforeSeq);
  if (f.fromDay !== undefined) q = q.where('r.day', '>=', f.fromDay);
  if (f.toDay !== undefined) q = q.where('r.day', '<=', f.toDay);
  if (f.handled !== undefined) {
    const handled = f.handled;
    q = q.where((eb) => {
      // The latest note decides: a correlated scalar subquery, portable across both dialects.
      const latest = eb
        .selectFrom('handling_notes as h')
        .select('h.handled')
        .whereRef('h.response_id', '=', 'r.id')
        .orderBy('h.created_at', 'desc')
        .orderBy('h.id', 'desc')
        .limit(1);
      return handled ? eb(latest, '=', 1) : eb.or([eb(latest, 'is', null), eb(latest, '=', 0)]);
    });
  }
  const rows = await q.orderBy('r.seq', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    officerId: r.officer_id,
    fieldId: r.field_id,
    answers: JSON.parse(r.answers) as Record<string, number>,
    issues: JSON.parse(r.issues) as string[],
    comment: r.comment,
    receivedAt: r.received_at,
    day: r.day,
    channel: r.channel,
  }));
}

export async function findResponseUnit(db: Executor, responseId: string): Promise<string | undefined> {
  const row = await db.selectFrom('responses').select('unit_id').where('id', '=', responseId).executeTakeFirst();
  return row?.unit_id;
}
