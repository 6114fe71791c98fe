import type { Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
//
// Survey campaigns and enumerators (issue 29; seeds 000, 001, 003; R4.3, R6.3, R7):
// - campaigns: a form (its version pinned when the campaign is made), a window of Vietnam days,
//   the unit it was made at, its fields (lĩnh vực) and respondent kinds as JSON lists;
// - campaign_units: the units surveyed, each with a point of its own (inactive: it has no QR,
//   it only carries the responses' point_id) and its campaign fields mapped onto the unit's fields;
// - campaign_quotas: official and reserve sizes per unit, field and respondent kind;
// - campaign_entries: the official and reserve lists — respondents' names and phones live here
//   and nowhere else;
// - campaign_assignments: which enumerator works which unit of a campaign;
// - campaign_entry_outcomes: what became of an entry (done, refused, unreachable), keyed by the
//   enumerator's op id (exactly once), one per entry (an entry is closed once);
// - campaign_responses: the link response ↔ entry, written in the response's own transaction;
//   the responses themselves carry no name.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('root_unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('form_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('form_version', 'integer', (c) => c.notNull())
    .addColumn('opens_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('closes_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('respondent_kinds', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_root_idx').on('campaigns').column('root_unit_id').execute();

  await db.schema
    .createTable('campaign_units')
    .addColumn('campaign_id', 'varchar(36)', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('point_id', 'varchar(36)', (c) => c.notNull().references('points.id'))
    .addColumn('field_ids', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_units_pk', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('campaign_units_unit_idx').on('campaign_units').column('unit_id').execute();

  await db.schema
    .createTable('campaign_quotas')
    .addColumn('campaign_id', 'varchar(36)', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('field_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('respondent_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('official', 'integer', (c) => c.notNull())
    .addColumn('reserve', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_quotas_pk', ['campaign_id', 'unit_id', 'field_key', 'respondent_kind'])
    .execute();

  await db.schema
    .createTable('campaign_entries')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(36)', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('list', 'varchar(16)', (c) => c.notNull())
    .addColumn('order_no', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('phone', 'varchar(40)')
    .addColumn('address', 'varchar(300)')
    .addColumn('field_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('respondent_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source_line', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('campaign_entries_order_uq', ['campaign_id', 'unit_id', 'list', 'field_key', 'order_no'])
    .execute();

  await db.schema
    .createTable('campaign_assignments')
    .addColumn('campaign_id', 'varchar(36)', (c) => c.notNull().references('campaigns.id'))
    .addColumn('staff_id', 'varchar(36)', (c) => c.notNull().references('staff.id'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('assigned_by', 'varchar(36)')
    .addColumn('assigned_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_assignments_pk', ['campaign_id', 'staff_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('campaign_assignments_staff_idx').on('campaign_assignments').columns(['staff_id', 'campaign_id']).execute();

  await db.schema
    .createTable('campaign_entry_outcomes')
    .addColumn('op_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().unique().references('campaign_entries.id'))
    .addColumn('campaign_id', 'varchar(36)', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('response_id', 'varchar(36)')
    .addColumn('note', 'text')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('staff_id', 'varchar(36)')
    .addColumn('device_id', 'varchar(100)')
    .execute();
  await db.schema.createIndex('campaign_entry_outcomes_unit_idx').on('campaign_entry_outcomes').columns(['campaign_id', 'unit_id']).execute();

  await db.schema
    .createTable('campaign_responses')
    .addColumn('response_id', 'varchar(36)', (c) => c.primaryKey().references('responses.id'))
    .addColumn('campaign_id', 'varchar(36)', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('entry_id', 'varchar(36)', (c) => c.notNull().unique().references('campaign_entries.id'))
    .addColumn('field_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('respondent_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('list', 'varchar(16)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_responses_campaign_idx').on('campaign_responses').columns(['campaign_id', 'unit_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_responses').execute();
  await db.schema.dropTable('campaign_entry_outcomes').execute();
  await db.schema.dropTable('campaign_assignments').execute();
  await db.schema.dropTable('campaign_entries').execute();
  await db.schema.dropTable('campaign_quotas').execute();
  await db.schema.dropTable('campaign_units').execute();
  await db.schema.dropTable('campaigns').execute();
}
