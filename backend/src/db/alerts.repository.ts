import { sql, type Kysely, type Transaction } from 'kysely';
import type { AlertKind, Database, OutboxStatus } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface NewAlert {
  id: string;
  unitId: string;
  kind: AlertKind;
  /** Unique: the same event never makes two alerts (retries, replicas, re-runs). */
  dedupeKey: string;
  officerId: string | null;
  responseId: string | null;
  day: string;
  text: string;
  details: Record<string, unknown>;
  createdAt: string;
}

/** Inserts unless an alert with the same dedupe key exists; true when this call created it. */
export async function insertAlert(db: Executor, a: NewAlert): Promise<boolean> {
  const rows = await db
    .insertInto('alerts')
    .values({
      id: a.id,
      unit_id: a.unitId,
      kind: a.kind,
      dedupe_key: a.dedupeKey,
      officer_id: a.officerId,
      response_id: a.responseId,
      day: a.day,
      text: a.text,
      details: JSON.stringify(a.details),
      created_at: a.createdAt,
      ack_at: null,
      ack_by: null,
      ack_note: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** Who gets a unit's alerts: its active chairmen, and clerks when configured. */
export async function alertRecipients(db: Executor, unitId: string, includeClerks: boolean): Promise<string[]> {
  const rows = await recipientsQuery(db, unitId, includeClerks).select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

function recipientsQuery(db: Executor, unitId: string, includeClerks: boolean) {
  const roles: ('chairman' | 'clerk')[] = includeClerks ? ['chairman', 'clerk'] : ['chairman'];
  return db.selectFrom('staff').where('unit_id', '=', unitId).where('active', '=', 1).where('role', 'in', roles);
}

export interface AlertContext {
  unitName: string;
  officerName: string | null;
  fieldName: string | null;
  /** As alertRecipients gives them. */
  recipients: string[];
}

/**
 * What an alert needs besides its event: the names its text shows and who receives it, in one
 * query. Alerts are made inside a response batch's transaction, which waits on every round trip
 * (on PostgreSQL, holding its units' chain-head locks).
 */
export async function alertContext(db: Executor, a: { unitId: string; officerId: string | null; fieldId: string | null; includeClerks: boolean }): Promise<AlertContext> {
  let q = db
    .selectFrom('units')
    .select([sql<string>`'unit'`.as('kind'), 'name as value'])
    .where('id', '=', a.unitId)
    .unionAll(recipientsQuery(db, a.unitId, a.includeClerks).select([sql<string>`'recipient'`.as('kind'), 'id as value']));
  if (a.officerId) q = q.unionAll(db.selectFrom('officers').select([sql<string>`'officer'`.as('kind'), 'name as value']).where('id', '=', a.officerId));
  if (a.fieldId) q = q.unionAll(db.selectFrom('fields').select([sql<string>`'field'`.as('kind'), 'name as value']).where('id', '=', a.fieldId));
  const ctx: AlertContext = { unitName: '', officerName: null, fieldName: null, recipients: [] };
  for (const r of await q.execute()) {
    if (r.kind === 'unit') ctx.unitName = r.value;
    else if (r.kind === 'officer') ctx.officerName = r.value;
    else if (r.kind === 'field') ctx.fieldName = r.value;
    else ctx.recipients.push(r.value);
  }
  // A union has no order: sort as alertRecipients does.
  ctx.recipients.sort();
  return ctx;
}

export interface AlertDelivery {
  staffId: string | null;
  username: string | null;
  role: string | null;
  status: OutboxStatus;
  channel: string | null;
  attempts: number;
  reasonCode: string | null;
  reason: string | null;
  deliveredAt: string | null;
}

export interface AlertView {
  id: string;
  kind: AlertKind;
  officerId: string | null;
  responseId: string | null;
  day: string;
  text: string;
  details: unknown;
  createdAt: string;
  acknowledged: { at: string; by: string | null; note: string | null } | null;
  deliveries: AlertDelivery[];
}

export async function listAlerts(db: Executor, unitId: string, opts: { limit: number; before?: string | undefined; kind?: AlertKind | undefined }): Promise<AlertView[]> {
  let q = db.selectFrom('alerts').selectAll().where('unit_id', '=', unitId);
  if (opts.before) q = q.where('created_at', '<', opts.before);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  const alerts = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  if (alerts.length === 0) return [];
  const deliveries = await db
    .selectFrom('outbox')
    .leftJoin('staff', 'staff.id', 'outbox.recipient_staff_id')
    .select([
      'outbox.alert_id',
      'outbox.recipient_staff_id',
      'staff.username',
      'staff.role',
      'outbox.status',
      'outbox.channel',
      'outbox.attempts',
      'outbox.reason_code',
      'outbox.reason',
      'outbox.delivered_at',
    ])
    .where('outbox.alert_id', 'in', alerts.map((a) => a.id))
    .orderBy('outbox.id')
    .execute();
  return alerts.map((a) => ({
    id: a.id,
    kind: a.kind,
    officerId: a.officer_id,
    responseId: a.response_id,
    day: a.day,
    text: a.text,
    details: JSON.parse(a.details) as unknown,
    createdAt: a.created_at,
    acknowledged: a.ack_at ? { at: a.ack_at, by: a.ack_by, note: a.ack_note } : null,
    deliveries: deliveries
      .filter((d) => d.alert_id === a.id)
      .map((d) => ({
        staffId: d.recipient_staff_id,
        username: d.username,
        role: d.role,
        status: d.status,
        channel: d.channel,
        attempts: Number(d.attempts),
        reasonCode: d.reason_code,
        reason: d.reason,
        deliveredAt: d.delivered_at,
      })),
  }));
}

export async function acknowledgeAlert(db: Executor, unitId: string, alertId: string, a: { by: string | null; note: string | null; at: string }): Promise<boolean> {
  const r = await db.updateTable('alerts').set({ ack_at: a.at, ack_by: a.by, ack_note: a.note }).where('id', '=', alertId).where('unit_id', '=', unitId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
