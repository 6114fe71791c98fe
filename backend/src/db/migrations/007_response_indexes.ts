import { sql, type Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
// Every index on responses is one more page written per response on a database of many units,
// where each response lands on other units' pages (measured on 3,300 units: ~1.2 of the ~10
// WAL pages a response cost, per index). Two of them did more than their queries need:
// - the respondent index of 003 kept an entry for every anonymous response, filed under NULL.
//   Only responses sent by a verified Zalo user carry a hash, and the duplicate check looks up
//   only those (`respondent_hash = ?` implies NOT NULL on both dialects): a partial index;
// - (unit_id, day) of 001 serves no query: reports read the tallies, and raw rows are read by
//   unit in chain order (comments, verify, exports) through the (unit_id, seq) key.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('responses_respondent_given_idx')
    .on('responses')
    .columns(['respondent_hash', 'point_id'])
    .where(sql.ref('respondent_hash'), 'is not', null)
    .execute();
  await db.schema.dropIndex('responses_respondent_idx').execute();
  await db.schema.dropIndex('responses_unit_day_idx').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('responses_unit_day_idx').on('responses').columns(['unit_id', 'day']).execute();
  await db.schema.createIndex('responses_respondent_idx').on('responses').columns(['respondent_hash', 'point_id']).execute();
  await db.schema.dropIndex('responses_respondent_given_idx').execute();
}
