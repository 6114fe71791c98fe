import type { Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
// Handling of comments and misconduct reports (issue 7). A response is never edited: each
// "handled" / "reopened" decision is its own row, and the latest row for a response is its
// status. Portable: text ids, ISO-string instants, 0/1 integers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('handling_notes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('response_id', 'varchar(36)', (c) => c.notNull().references('responses.id'))
    // Null when an operator acted with the admin token (no staff account).
    .addColumn('staff_id', 'varchar(36)', (c) => c.references('staff.id'))
    .addColumn('author', 'varchar(64)', (c) => c.notNull())
    .addColumn('handled', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handling_notes_response_idx').on('handling_notes').columns(['response_id', 'created_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('handling_notes').execute();
}
