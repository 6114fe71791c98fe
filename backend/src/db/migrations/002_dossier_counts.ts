import type { Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
// Dossier counts per unit, field and period (R4.2), imported by `npm run admin -- dossiers import`.
// field_id '' stands for "the whole unit" (as in tallies), so the composite key works for upserts.
// period is 'YYYY' (a year), 'YYYY-Qn' (a quarter) or 'YYYY-MM' (a month).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dossier_counts')
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('field_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('source', 'varchar(200)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_counts_pk', ['unit_id', 'field_id', 'period'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dossier_counts').execute();
}
