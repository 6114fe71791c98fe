import type { Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('parent_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('show_officer_names', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute();

  await db.schema
    .createTable('officers')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('officers_unit_idx').on('officers').column('unit_id').execute();

  await db.schema
    .createTable('fields')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('fields_unit_idx').on('fields').column('unit_id').execute();

  await db.schema
    .createTable('points')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('officer_id', 'varchar(36)', (c) => c.references('officers.id'))
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('token_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('points_unit_idx').on('points').column('unit_id').execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('staff_id', 'varchar(36)', (c) => c.notNull().references('staff.id'))
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_staff_idx').on('sessions').column('staff_id').execute();

  await db.schema
    .createTable('responses')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('point_id', 'varchar(36)', (c) => c.notNull().references('points.id'))
    .addColumn('officer_id', 'varchar(36)', (c) => c.references('officers.id'))
    .addColumn('field_id', 'varchar(36)', (c) => c.references('fields.id'))
    .addColumn('client_id', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('form_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('form_version', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('issues', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('dossier_code', 'varchar(64)')
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addUniqueConstraint('responses_unit_seq_uq', ['unit_id', 'seq'])
    .execute();
  await db.schema.createIndex('responses_unit_day_idx').on('responses').columns(['unit_id', 'day']).execute();

  await db.schema
    .createTable('chain_heads')
    .addColumn('unit_id', 'varchar(36)', (c) => c.primaryKey().references('units.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tallies')
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('officer_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('field_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('question_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tallies_pk', ['unit_id', 'day', 'officer_id', 'field_id', 'question_key', 'level'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['tallies', 'chain_heads', 'responses', 'sessions', 'staff', 'points', 'fields', 'officers', 'units']) {
    await db.schema.dropTable(t).execute();
  }
}
