import { sql, type Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
//
// Receipt tickets (issue 30, docs/tickets.md): one rating per dossier.
// - unit_ticket_keys: the HMAC keys tickets are signed with, one in use per unit (retired_at null;
//   a partial unique index keeps it one), the ones before it valid until grace_until;
// - tickets: every ticket seen, issued here or minted offline by a desk (recorded on first sight),
//   keyed by its MAC, with the Vietnam day it counts in for coverage;
// - ticket_uses: the one rating of a dossier, written in the response's own transaction; its
//   primary key (unit, dossier code) is what makes a dossier rate once, on every replica;
// - listed_dossiers: dossier lists a unit imported (CSV/XLSX), one row per dossier code, with the
//   Vietnam day it counts in (returned on, else received on).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_ticket_keys')
    .addColumn('key_id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('secret', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('retired_at', 'varchar(32)')
    .addColumn('grace_until', 'varchar(32)')
    .execute();
  await db.schema.createIndex('unit_ticket_keys_unit_idx').on('unit_ticket_keys').columns(['unit_id', 'created_at']).execute();
  await db.schema.createIndex('unit_ticket_keys_current_uq').on('unit_ticket_keys').column('unit_id').unique().where(sql.ref('retired_at'), 'is', null).execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('key_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('dossier_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('officer_id', 'varchar(36)')
    .addColumn('field_id', 'varchar(36)')
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('issued_by', 'varchar(36)')
    .addColumn('issued_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('issued_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tickets_unit_day_idx').on('tickets').columns(['unit_id', 'issued_day']).execute();
  await db.schema.createIndex('tickets_unit_dossier_idx').on('tickets').columns(['unit_id', 'dossier_code']).execute();

  await db.schema
    .createTable('ticket_uses')
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('dossier_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('ticket_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('response_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('officer_id', 'varchar(36)')
    .addColumn('field_id', 'varchar(36)')
    .addColumn('overall', 'integer')
    .addColumn('used_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_uses_pk', ['unit_id', 'dossier_code'])
    .execute();

  await db.schema
    .createTable('listed_dossiers')
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('dossier_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('returned_on', 'varchar(10)')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('field_id', 'varchar(36)')
    .addColumn('officer_id', 'varchar(36)')
    .addColumn('source', 'varchar(200)')
    .addColumn('imported_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('listed_dossiers_pk', ['unit_id', 'dossier_code'])
    .execute();
  await db.schema.createIndex('listed_dossiers_unit_day_idx').on('listed_dossiers').columns(['unit_id', 'day']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('listed_dossiers').execute();
  await db.schema.dropTable('ticket_uses').execute();
  await db.schema.dropTable('tickets').execute();
  await db.schema.dropTable('unit_ticket_keys').execute();
  // The hidden receipt points (token_key 'ticket:<unitId>') stay: responses refer to them.
}
