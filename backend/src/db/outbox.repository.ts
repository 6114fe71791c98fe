import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Db } from './create-db.ts';
import type { Database, OutboxTable } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export type OutboxRow = Selectable<OutboxTable>;

let counter = 0;
/**
 * Ids that sort in enqueue order: time, a per-process counter, randomness. Messages to one
 * recipient are sent in this order (several replicas: ordered to the millisecond).
 */
export function orderedId(now: Date): string {
  counter = (counter + 1) % 1_679_616;
  return `${now.getTime().toString(36).padStart(10, '0')}${counter.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}

export interface NewMessage {
  unitId: string;
  alertId: string | null;
  recipient: { staffId: string } | { zaloUserId: string };
  text: string;
  now: Date;
}

function outboxRow(m: NewMessage) {
  const at = m.now.toISOString();
  const staffId = 'staffId' in m.recipient ? m.recipient.staffId : null;
  const zaloId = 'zaloUserId' in m.recipient ? m.recipient.zaloUserId : null;
  return {
    id: orderedId(m.now),
    alert_id: m.alertId,
    unit_id: m.unitId,
    recipient_key: staffId ? `staff:${staffId}` : `zalo:${zaloId}`,
    recipient_staff_id: staffId,
    recipient_zalo_id: zaloId,
    text: m.text,
    status: 'pending' as const,
    channel: null,
    next_attempt_at: at,
    lease_owner: null,
    lease_until: null,
    reason_code: null,
    reason: null,
    zalo_msg_id: null,
    delivered_at: null,
    created_at: at,
    updated_at: at,
  };
}

export async function enqueueMessages(db: Executor, messages: NewMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db.insertInto('outbox').values(messages.map(outboxRow)).execute();
}

// Every column outboxRow sets (attempts keeps its default). Text on both dialects, so the
// parameters of a SELECT list need no casts.
const OUTBOX_COLUMNS = [
  'id',
  'alert_id',
  'unit_id',
  'recipient_key',
  'recipient_staff_id',
  'recipient_zalo_id',
  'text',
  'status',
  'channel',
  'next_attempt_at',
  'lease_owner',
  'lease_until',
  'reason_code',
  'reason',
  'zalo_msg_id',
  'delivered_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ReturnType<typeof outboxRow>)[];

/**
 * Messages of one alert that are stored only if that alert's row exists when the statement runs:
 * one statement that needs no answer from the alert's insert (ON CONFLICT DO NOTHING skips a
 * repeated dedupe key, and the fresh id is then absent), so both can be sent together.
 */
export function enqueueForAlertQuery(alertId: string, messages: NewMessage[]) {
  if (messages.length === 0) return null;
  const rows = messages.map((m) => outboxRow({ ...m, alertId }));
  const selects = rows.map((r) => sql`select ${sql.join(OUTBOX_COLUMNS.map((c) => r[c]))} from alerts where id = ${alertId}`);
  return sql`insert into outbox (${sql.join(OUTBOX_COLUMNS.map((c) => sql.ref(c)))}) ${sql.join(selects, sql` union all `)}`;
}

/**
 * Leases due messages to `owner`: at most the oldest unfinished one per recipient (so a message
 * waiting for its retry holds back the later ones), including those whose lease ran out (a
 * dispatcher that died mid-batch). One UPDATE … WHERE id IN (SELECT …) RETURNING on both
 * dialects. PostgreSQL: FOR UPDATE SKIP LOCKED in the subquery lets replicas claim disjoint rows
 * at once (a head another replica claimed meanwhile is re-checked after the lock and is no longer
 * due). SQLite: one statement holds the write lock only while it runs; a transaction of several
 * statements kept it across the request thread's other work, while the response writer thread
 * waited.
 */
export async function claimDue(db: Db, owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
  const { rows } = await claimDueQuery(db.dialect, owner, now, leaseMs, limit).execute(db.kysely);
  // RETURNING follows no order: oldest first, as they were chosen.
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The claim as one statement, for claimDue and for the test of its plan. The recipients with
 * unfinished messages are found by skipping through outbox_unfinished_idx (migration 008), one
 * probe per recipient; each one's head is its first entry there. So a claim costs per recipient
 * waiting, not per message waiting: a backlog of thousands for one chairman made every claim
 * scan all of them. The status list is literal text, as in the index's own predicate, so that
 * both planners see the index applies.
 */
export function claimDueQuery(dialect: Db['dialect'], owner: string, now: Date, leaseMs: number, limit: number) {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const unfinished = sql`status in ('pending', 'sending')`;
  // Whether a head is due, in a form no index serves: PostgreSQL then reads the heads by key
  // rather than all due messages through the (status, next_attempt_at) index and joining.
  const due = sql`case o.status when 'pending' then o.next_attempt_at <= ${at} when 'sending' then o.lease_until <= ${at} else false end`;
  // SQLite's planner, without statistics, walked the (status, next_attempt_at) index instead.
  const outbox = dialect === 'sqlite' ? sql`outbox indexed by outbox_unfinished_idx` : sql`outbox`;
  return sql<OutboxRow>`with recursive recipients (k) as (
      select (select recipient_key from ${outbox} where ${unfinished} order by recipient_key limit 1)
      union all
      select (select recipient_key from ${outbox} where ${unfinished} and recipient_key > r.k order by recipient_key limit 1) from recipients as r where r.k is not null
    ),
    heads (id) as (select (select id from ${outbox} where ${unfinished} and recipient_key = r.k order by id limit 1) from recipients as r where r.k is not null)
    update outbox set status = 'sending', lease_owner = ${owner}, lease_until = ${until}, attempts = attempts + 1, updated_at = ${at}
    where id in (${
      dialect === 'postgres'
        ? sql`select o.id from outbox as o where o.id = any(array(select id from heads)) and ${due} order by o.id limit ${limit} for update of o skip locked`
        : sql`select o.id from heads join outbox as o on o.id = heads.id where ${due} order by o.id limit ${limit}`
    })
    returning *`;
}

export type Settlement =
  | { status: 'delivered'; channel: 'oa' | 'zns'; messageId: string | null }
  | { status: 'pending'; nextAttemptAt: string; code: string; reason: string }
  | { status: 'waiting' | 'failed'; code: string; reason: string };

/** Records what became of a leased message; only the lease holder may (false: lease lost). */
export async function settle(db: Executor, id: string, owner: string, s: Settlement, now: Date): Promise<boolean> {
  return (await settleAll(db, [id], owner, s, now)).length === 1;
}

/** settle for several leased messages with the same outcome, in one statement; returns the ids settled. */
export async function settleAll(db: Executor, ids: readonly string[], owner: string, s: Settlement, now: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const at = now.toISOString();
  const base = { lease_owner: null, lease_until: null, updated_at: at };
  const values =
    s.status === 'delivered'
      ? { ...base, status: s.status, channel: s.channel, zalo_msg_id: s.messageId, delivered_at: at, reason_code: null, reason: null }
      : s.status === 'pending'
        ? { ...base, status: s.status, next_attempt_at: s.nextAttemptAt, reason_code: s.code, reason: s.reason }
        : { ...base, status: s.status, reason_code: s.code, reason: s.reason };
  const rows = await db.updateTable('outbox').set(values).where('id', 'in', ids).where('lease_owner', '=', owner).where('status', '=', 'sending').returning('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Puts a recipient's waiting messages back in the queue (they linked Zalo, followed the OA, or
 * wrote to it so the 7-day window is open again). Only recent, unacknowledged-age messages.
 */
export async function requeueWaiting(db: Executor, recipientKeys: string[], now: Date, codes?: string[], maxAgeDays = 7): Promise<number> {
  if (recipientKeys.length === 0) return 0;
  const at = now.toISOString();
  let q = db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: at, updated_at: at })
    .where('status', '=', 'waiting')
    .where('recipient_key', 'in', recipientKeys)
    .where('created_at', '>=', new Date(now.getTime() - maxAgeDays * 86_400_000).toISOString());
  if (codes) q = q.where('reason_code', 'in', codes);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function countByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Requeues every waiting message with one of these reasons (e.g. the OA got configured). */
export async function requeueByReason(db: Executor, codes: string[], now: Date): Promise<number> {
  const at = now.toISOString();
  const r = await db.updateTable('outbox').set({ status: 'pending', next_attempt_at: at, updated_at: at }).where('status', '=', 'waiting').where('reason_code', 'in', codes).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
