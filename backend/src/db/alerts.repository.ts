import { sql, type Kysely, type Transaction } from 'kysely';
import type { AlertKind, CaseStatus, Database, OutboxStatus } from './schema.ts';

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
  const rows = await insertAlertQuery(db, a).returning('id').execute();
  return rows.length === 1;
}

export function insertAlertQuery(db: Executor, a: NewAlert) {
  return db
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
    .onConflict((oc) => oc.column('dedupe_key').doNothing());
}

export interface AlertStateKey {
  unitId: string;
  formKey: string;
  officerId: string;
  periodKey: string;
}

/** The standing threshold alerts among these (officer, period)s: the rows with alerted = 1. */
export function alertStatesQuery(db: Executor, keys: readonly AlertStateKey[]) {
  return db
    .selectFrom('alert_states')
    .select(['unit_id', 'form_key', 'officer_id', 'period_key'])
    .where('alerted', '=', 1)
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('unit_id', '=', k.unitId), eb('form_key', '=', k.formKey), eb('officer_id', '=', k.officerId), eb('period_key', '=', k.periodKey)]))));
}

/** Sets whether an officer's alert of a period stands. */
export function setAlertStateQuery(db: Executor, s: AlertStateKey & { alerted: boolean; at: string }) {
  return db
    .insertInto('alert_states')
    .values({ unit_id: s.unitId, form_key: s.formKey, officer_id: s.officerId, period_key: s.periodKey, alerted: s.alerted ? 1 : 0, updated_at: s.at })
    .onConflict((oc) => oc.columns(['unit_id', 'form_key', 'officer_id', 'period_key']).doUpdateSet({ alerted: s.alerted ? 1 : 0, updated_at: s.at }));
}

/** Who gets a unit's alerts: its active chairmen, and clerks when configured. */
export async function alertRecipients(db: Executor, unitId: string, includeClerks: boolean): Promise<string[]> {
  const rows = await recipientsQuery(db, [unitId], includeClerks).select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

function recipientsQuery(db: Executor, unitIds: string[], includeClerks: boolean) {
  const roles: ('chairman' | 'clerk')[] = includeClerks ? ['chairman', 'clerk'] : ['chairman'];
  return db.selectFrom('staff').where('unit_id', 'in', unitIds).where('active', '=', 1).where('role', 'in', roles);
}

export interface AlertContext {
  unitName: string;
  officerName: string | null;
  fieldName: string | null;
  /** As alertRecipients gives them. */
  recipients: string[];
}

export interface AlertSubject {
  unitId: string;
  officerId: string | null;
  fieldId: string | null;
}

/** The names and recipients of several alerts' subjects, read in one query (alertContextsQuery). */
export class AlertContexts {
  readonly #units = new Map<string, string>();
  readonly #officers = new Map<string, string>();
  readonly #fields = new Map<string, string>();
  readonly #recipients = new Map<string, string[]>();

  constructor(rows: { kind: string; k: string; value: string }[]) {
    for (const r of rows) {
      if (r.kind === 'unit') this.#units.set(r.k, r.value);
      else if (r.kind === 'officer') this.#officers.set(r.k, r.value);
      else if (r.kind === 'field') this.#fields.set(r.k, r.value);
      else this.#recipients.set(r.k, [...(this.#recipients.get(r.k) ?? []), r.value]);
    }
    // A union has no order: sort as alertRecipients does.
    for (const ids of this.#recipients.values()) ids.sort();
  }

  /** Whether the query that made this covered the subject (a subject it did not cover is read on its own). */
  covers(s: AlertSubject): boolean {
    return this.#units.has(s.unitId) && (!s.officerId || this.#officers.has(s.officerId)) && (!s.fieldId || this.#fields.has(s.fieldId));
  }

  of(s: AlertSubject): AlertContext {
    return {
      unitName: this.#units.get(s.unitId) ?? '',
      officerName: s.officerId ? (this.#officers.get(s.officerId) ?? null) : null,
      fieldName: s.fieldId ? (this.#fields.get(s.fieldId) ?? null) : null,
      recipients: [...(this.#recipients.get(s.unitId) ?? [])],
    };
  }
}

/**
 * What alerts need besides their events: the names their texts show and who receives them, in
 * one query for any number of subjects. Alerts are made inside a response batch's transaction,
 * which waits on every round trip (on PostgreSQL, holding its units' chain-head locks); the
 * response writer sends this read ahead of the batch's append (BatchStatements.ahead).
 */
export function alertContextsQuery(db: Executor, subjects: AlertSubject[], includeClerks: boolean) {
  const unitIds = [...new Set(subjects.map((s) => s.unitId))];
  const officerIds = [...new Set(subjects.flatMap((s) => (s.officerId ? [s.officerId] : [])))];
  const fieldIds = [...new Set(subjects.flatMap((s) => (s.fieldId ? [s.fieldId] : [])))];
  let q = db
    .selectFrom('units')
    .select([sql<string>`'unit'`.as('kind'), 'id as k', 'name as value'])
    .where('id', 'in', unitIds)
    .unionAll(recipientsQuery(db, unitIds, includeClerks).select([sql<string>`'recipient'`.as('kind'), 'unit_id as k', 'id as value']));
  if (officerIds.length > 0) q = q.unionAll(db.selectFrom('officers').select([sql<string>`'officer'`.as('kind'), 'id as k', 'name as value']).where('id', 'in', officerIds));
  if (fieldIds.length > 0) q = q.unionAll(db.selectFrom('fields').select([sql<string>`'field'`.as('kind'), 'id as k', 'name as value']).where('id', 'in', fieldIds));
  return q;
}

/** alertContextsQuery for one subject, run now. */
export async function alertContext(db: Executor, a: AlertSubject & { includeClerks: boolean }): Promise<AlertContext> {
  return new AlertContexts(await alertContextsQuery(db, [a], a.includeClerks).execute()).of(a);
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
  /** The status of the case its response opened (null: no case). */
  caseStatus: CaseStatus | null;
}

export interface AlertListFilter {
  limit: number;
  /** Paging: alerts created before this instant, or before "instant|id" (ties at one instant broken by id). */
  before?: string | undefined;
  kind?: AlertKind | undefined;
  /** open: its case is open, or (no case) not acknowledged; closed: the others. */
  status?: 'open' | 'closed' | undefined;
}

export async function listAlerts(db: Executor, unitId: string, opts: AlertListFilter): Promise<AlertView[]> {
  let q = db.selectFrom('alerts').leftJoin('cases', 'cases.response_id', 'alerts.response_id').selectAll('alerts').select(['cases.status as case_status']).where('alerts.unit_id', '=', unitId);
  if (opts.before) {
    const [at, id] = opts.before.split('|') as [string, string | undefined];
    q = id === undefined ? q.where('alerts.created_at', '<', at) : q.where((eb) => eb.or([eb('alerts.created_at', '<', at), eb.and([eb('alerts.created_at', '=', at), eb('alerts.id', '<', id)])]));
  }
  if (opts.kind) q = q.where('alerts.kind', '=', opts.kind);
  if (opts.status) {
    const open = ['new', 'in_progress'] as const;
    q = q.where((eb) => {
      // No NULL may reach NOT: each branch tests for the case's presence first.
      const isOpen = eb.or([
        eb.and([eb('cases.response_id', 'is not', null), eb('cases.status', 'in', [...open])]),
        eb.and([eb('cases.response_id', 'is', null), eb('alerts.ack_at', 'is', null)]),
      ]);
      return opts.status === 'open' ? isOpen : eb.not(isOpen);
    });
  }
  const alerts = await q.orderBy('alerts.created_at', 'desc').orderBy('alerts.id', 'desc').limit(opts.limit).execute();
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
    caseStatus: a.case_status ?? null,
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
