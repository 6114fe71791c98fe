import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
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

export async function enqueueMessages(db: Executor, messages: NewMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => {
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
  });
  await db.insertInto('outbox').values(rows).execute();
}

/**
 * Leases due messages to `owner`: at most the oldest unfinished one per recipient (so a message
 * waiting for its retry holds back the later ones), including those whose lease ran out (a
 * dispatcher that died mid-batch). One UPDATE … WHERE id IN (SELECT …) RETURNING on both
 * dialects. PostgreSQL: FOR UPDATE SKIP LOCKED in the subquery lets replicas claim disjoint rows
 * at once. SQLite: one statement holds the write lock only while it runs; a transaction of
 * several statements kept it across the request thread's other work, while the response writer
 * thread waited.
 */
export async function claimDue(db: Db, owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const rows = await db.kysely
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending' as const, lease_owner: owner, lease_until: until, attempts: eb('attempts', '+', 1), updated_at: at }))
    .where('id', 'in', (eb) => {
      let due = eb
        .selectFrom('outbox as o')
        .select('o.id')
        .where((w) =>
          w.or([
            w.and([w('o.status', '=', 'pending'), w('o.next_attempt_at', '<=', at)]),
            w.and([w('o.status', '=', 'sending'), w('o.lease_until', '<=', at)]),
          ]),
        )
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('outbox as p')
                .select('p.id')
                .whereRef('p.recipient_key', '=', 'o.recipient_key')
                .where('p.status', 'in', ['pending', 'sending'])
                .whereRef('p.id', '<', 'o.id'),
            ),
          ),
        )
        .orderBy('o.id')
        .limit(limit);
      if (db.dialect === 'postgres') due = due.forUpdate().skipLocked();
      return due;
    })
    .returningAll()
    .execute();
  // RETURNING follows no order: oldest first, as they were chosen.
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type Settlement =
  | { status: 'delivered'; channel: 'oa' | 'zns'; messageId: string | null }
  | { status: 'pending'; nextAttemptAt: string; code: string; reason: string }
  | { status: 'waiting' | 'failed'; code: string; reason: string };

/** Records what became of a leased message; only the lease holder may (false: lease lost). */
export async function settle(db: Executor, id: string, owner: string, s: Settlement, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const base = { lease_owner: null, lease_until: null, updated_at: at };
  const values =
    s.status === 'delivered'
      ? { ...base, status: s.status, channel: s.channel, zalo_msg_id: s.messageId, delivered_at: at, reason_code: null, reason: null }
      : s.status === 'pending'
        ? { ...base, status: s.status, next_attempt_at: s.nextAttemptAt, reason_code: s.code, reason: s.reason }
        : { ...base, status: s.status, reason_code: s.code, reason: s.reason };
  const r = await db.updateTable('outbox').set(values).where('id', '=', id).where('lease_owner', '=', owner).where('status', '=', 'sending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
