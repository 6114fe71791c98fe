import type { Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
// The tallies route filters by unit, question and a day range and sums counts: with every column
// in one index led by (unit_id, question_key, day) it is an index-only range scan on both
// dialects, however many other units' rows the table holds.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tallies_unit_question_day_cover')
    .on('tallies')
    .columns(['unit_id', 'question_key', 'day', 'officer_id', 'field_id', 'level', 'count'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tallies_unit_question_day_cover').execute();
}
