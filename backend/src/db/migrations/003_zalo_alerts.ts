import type { Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
// Zalo integration and the alert outbox (issue 6). Portable: text ids, ISO-string instants,
// 0/1 integers, JSON as text. Response columns are added nullable so old rows (and their
// hashes, which omit null keys) stay valid.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // HMAC of the verified Zalo user id (never the id itself); 'verified' | 'unverified'; 1 = self-rating.
  await db.schema.alterTable('responses').addColumn('respondent_hash', 'varchar(64)').execute();
  await db.schema.alterTable('responses').addColumn('verification', 'varchar(16)').execute();
  await db.schema.alterTable('responses').addColumn('self_rating', 'integer').execute();
  await db.schema.createIndex('responses_respondent_idx').on('responses').columns(['respondent_hash', 'point_id']).execute();

  // The OA token pair, one row ('oa'); refreshed by whichever replica holds the lease.
  await db.schema
    .createTable('zalo_tokens')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('access_token', 'text', (c) => c.notNull())
    .addColumn('refresh_token', 'text', (c) => c.notNull())
    .addColumn('access_expires_at', 'varchar(32)')
    .addColumn('seed_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('lease_owner', 'varchar(64)')
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('zalo_link_codes')
    .addColumn('code_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('phone', 'varchar(20)')
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('zalo_links')
    .addColumn('subject_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('zalo_user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('app_user_hash', 'varchar(64)')
    .addColumn('phone', 'varchar(20)')
    .addColumn('linked_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('zalo_links_pk', ['subject_kind', 'subject_id'])
    .execute();
  await db.schema.createIndex('zalo_links_user_idx').on('zalo_links').column('zalo_user_id').execute();
  await db.schema.createIndex('zalo_links_app_user_idx').on('zalo_links').column('app_user_hash').execute();

  await db.schema
    .createTable('zalo_followers')
    .addColumn('zalo_user_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('following', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  // Verified webhook events, once each (event_key = SHA-256 of msg_id or event + sender + timestamp).
  await db.schema
    .createTable('zalo_events')
    .addColumn('event_key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('event_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    // Sorts in arrival order (time + per-process counter): events are handled in that order.
    .addColumn('arrival', 'varchar(64)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('processed_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('zalo_events_status_idx').on('zalo_events').columns(['status', 'arrival']).execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('officer_id', 'varchar(36)')
    .addColumn('response_id', 'varchar(36)')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ack_at', 'varchar(32)')
    .addColumn('ack_by', 'varchar(36)')
    .addColumn('ack_note', 'text')
    .execute();
  await db.schema.createIndex('alerts_unit_idx').on('alerts').columns(['unit_id', 'created_at']).execute();

  // One message to one staff member; id sorts in enqueue order (per-recipient ordering).
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('alert_id', 'varchar(36)')
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    // 'staff:<id>' or 'zalo:<user id>' (a direct reply): messages to one key go out in id order.
    .addColumn('recipient_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('recipient_staff_id', 'varchar(36)')
    .addColumn('recipient_zalo_id', 'varchar(64)')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('lease_owner', 'varchar(64)')
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('reason_code', 'varchar(32)')
    .addColumn('reason', 'text')
    .addColumn('zalo_msg_id', 'varchar(128)')
    .addColumn('delivered_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_recipient_idx').on('outbox').columns(['recipient_key', 'status', 'id']).execute();
  await db.schema.createIndex('outbox_alert_idx').on('outbox').column('alert_id').execute();

  // At most one digest per unit and Vietnam-local day, whichever replica gets there first.
  await db.schema
    .createTable('digest_runs')
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_runs_pk', ['unit_id', 'day'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['digest_runs', 'outbox', 'alerts', 'zalo_events', 'zalo_followers', 'zalo_links', 'zalo_link_codes', 'zalo_tokens']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('responses_respondent_idx').execute();
  for (const c of ['self_rating', 'verification', 'respondent_hash']) await db.schema.alterTable('responses').dropColumn(c).execute();
}
