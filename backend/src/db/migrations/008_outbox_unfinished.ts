import { sql, type Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
// The dispatcher sends each recipient's messages in order: it claims only the oldest unfinished
// (pending or sending) message of each recipient. Found through 003's indexes, that took a scan
// of every unfinished message and a probe per message for an earlier one: with a backlog for one
// chairman (Zalo down, or the bench's alert rate) each claim cost time in proportion to the
// backlog (12 ms at 1,330 messages on PostgreSQL) and the claims ate a sixth of the CPU. This
// index holds only unfinished messages, by recipient then age: the recipients are a skip
// through it and each one's oldest message is its first entry.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('outbox_unfinished_idx')
    .on('outbox')
    .columns(['recipient_key', 'id'])
    .where(sql<boolean>`status in ('pending', 'sending')`)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_unfinished_idx').execute();
}
