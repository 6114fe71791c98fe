import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The monthly roll-ups of the tallies (migration 015): tally_months holds, per unit, form,
 * question, month and officer, the counts of levels 1–5 — the tallies without day and field —
 * for the responses up to the unit's mark (rollup_marks.seq, a position in its hash chain).
 * Rows are only ever rebuilt from the tallies, never added to, so a rebuild is idempotent.
 * A mark equal to the chain head means the roll-up is current because the tallies change only
 * with a response appended to the unit's chain (write-path/append.ts, reference-writer.ts): a
 * new way of writing tallies must move the chain head too, or drop the unit's mark.
 */

/** Pseudo-questions of the tallies a comparison never reads: not rolled up. */
const ROLLED = sql`question_key not like 'channel:%' and question_key <> 'self_rating'`;

/** Units whose roll-up is behind their chain head or missing, at most `limit`. */
export async function laggingUnits(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('chain_heads as h')
    .leftJoin('rollup_marks as m', 'm.unit_id', 'h.unit_id')
    .select('h.unit_id')
    .where((eb) => eb.or([eb('m.unit_id', 'is', null), eb('m.seq', '<>', eb.ref('h.seq'))]))
    .orderBy('h.unit_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.unit_id);
}

const lastDay = (month: string) => `${month}-31`; // days are strings: every day of the month sorts ≤ 'YYYY-MM-31'

/** Rebuilds the unit's rows of the given months (all months when null) from its tallies. */
async function rebuild(trx: Transaction<Database>, unitId: string, months: string[] | null): Promise<void> {
  let del = trx.deleteFrom('tally_months').where('unit_id', '=', unitId);
  if (months) del = del.where('month', 'in', months);
  await del.execute();
  const inMonths = months ? sql`and (${sql.join(months.map((m) => sql`(day >= ${`${m}-01`} and day <= ${lastDay(m)})`), sql` or `)})` : sql``;
  const month = sql`substr(day, 1, 7)`;
  const level = (l: number) => sql`sum(case when level = ${sql.lit(l)} then count else 0 end)`;
  await sql`insert into tally_months (unit_id, form_key, question_key, month, officer_id, l1, l2, l3, l4, l5)
    select unit_id, form_key, question_key, ${month}, officer_id, ${level(1)}, ${level(2)}, ${level(3)}, ${level(4)}, ${level(5)}
    from tallies where unit_id = ${unitId} and ${ROLLED} ${inMonths}
    group by unit_id, form_key, question_key, ${month}, officer_id`.execute(trx);
}

/**
 * Brings one unit's roll-up up to its chain head, in the caller's transaction, which must see
 * the chain head and the tallies as of one moment (SQLite: the write lock; PostgreSQL:
 * REPEATABLE READ). Only the months its new responses fell in are rebuilt (a paper batch or an
 * enumerator's day may count in an earlier month): the responses past the mark name them.
 * Returns the months rebuilt (null: all of them; [] nothing to do).
 */
export async function refreshUnitRollup(trx: Transaction<Database>, unitId: string, now: string): Promise<string[] | null> {
  const head = await trx.selectFrom('chain_heads').select('seq').where('unit_id', '=', unitId).executeTakeFirst();
  if (!head) return [];
  const mark = await trx.selectFrom('rollup_marks').select('seq').where('unit_id', '=', unitId).executeTakeFirst();
  const headSeq = Number(head.seq);
  if (mark && Number(mark.seq) === headSeq) return [];
  let months: string[] | null = null;
  if (mark && Number(mark.seq) < headSeq) {
    const rows = await trx
      .selectFrom('responses')
      .select(sql<string>`substr(day, 1, 7)`.as('month'))
      .distinct()
      .where('unit_id', '=', unitId)
      .where('seq', '>', Number(mark.seq))
      .where('seq', '<=', headSeq)
      .execute();
    months = rows.map((r) => r.month).sort();
  }
  if (months === null || months.length > 0) await rebuild(trx, unitId, months);
  await trx
    .insertInto('rollup_marks')
    .values({ unit_id: unitId, seq: headSeq, updated_at: now })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ seq: headSeq, updated_at: now }))
    .execute();
  return months;
}
