import type { Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
//
// Published reports (issue 26): the clerk publishes a period's public report; the board shows it
// and serves the PDF byte for byte as published, with its SHA-256, so anyone can check a printed
// or downloaded copy. The PDF is kept as base64 text: one column type on both dialects, and a
// report is tens of kilobytes. One publication per unit, form and period: a second is refused.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('form_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('period_key', 'varchar(10)', (c) => c.notNull())
    .addColumn('from_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('to_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('responses', 'integer', (c) => c.notNull())
    .addColumn('satisfied_share', 'double precision')
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('pdf_base64', 'text', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('published_by', 'varchar(64)', (c) => c.notNull())
    .addUniqueConstraint('publications_unit_form_period_uq', ['unit_id', 'form_key', 'period_key'])
    .execute();
  await db.schema.createIndex('publications_unit_published_idx').on('publications').columns(['unit_id', 'published_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publications').execute();
}
