import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Level counts per (day, question) from the tallies table: never from raw responses. */
export async function sumByDayAndQuestion(
  db: Executor,
  r: { unitId: string; formKey: string; from: string; to: string },
  questionKeys: readonly string[],
): Promise<{ day: string; questionKey: string; level: number; n: number }[]> {
  const rows = await db
    .selectFrom('tallies')
    .where('unit_id', '=', r.unitId)
    .where('form_key', '=', r.formKey)
    // Named keys make every question one range of the (unit, question, day) key.
    .where('question_key', 'in', [...questionKeys])
    .where('day', '>=', r.from)
    .where('day', '<=', r.to)
    .select(['day', 'question_key', 'level', (eb) => eb.fn.sum<string | number>('count').as('n')])
    .groupBy(['day', 'question_key', 'level'])
    .execute();
  // sum() is a string on PostgreSQL.
  return rows.map((x) => ({ day: x.day, questionKey: x.question_key, level: x.level, n: Number(x.n) }));
}
