import type { Kysely, Transaction } from 'kysely';
import { orderedId } from './outbox.repository.ts';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Stores a verified event once; false when the same event was already received. */
export async function insertEvent(db: Executor, e: { key: string; name: string; payload: string; now: Date }): Promise<boolean> {
  const rows = await db
    .insertInto('zalo_events')
    .values({ event_key: e.key, event_name: e.name, payload: e.payload, status: 'pending', arrival: orderedId(e.now), attempts: 0, lease_until: null, received_at: e.now.toISOString(), processed_at: null })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .returning('event_key')
    .execute();
  return rows.length === 1;
}

export interface StoredEvent {
  key: string;
  name: string;
  payload: string;
  attempts: number;
}

/** The oldest pending event, locked for this transaction (PostgreSQL: skipping ones other replicas hold). */
export async function nextPendingEvent(trx: Transaction<Database>, postgres: boolean): Promise<StoredEvent | undefined> {
  let q = trx.selectFrom('zalo_events').select(['event_key', 'event_name', 'payload', 'attempts']).where('status', '=', 'pending').orderBy('arrival').limit(1);
  if (postgres) q = q.forUpdate().skipLocked();
  const r = await q.executeTakeFirst();
  return r && { key: r.event_key, name: r.event_name, payload: r.payload, attempts: r.attempts };
}

export async function finishEvent(db: Executor, key: string, status: 'done' | 'failed', now: string): Promise<void> {
  await db.updateTable('zalo_events').set({ status, processed_at: now }).where('event_key', '=', key).execute();
}

export async function countEventFailure(db: Executor, key: string): Promise<number> {
  await db.updateTable('zalo_events').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('event_key', '=', key).execute();
  const r = await db.selectFrom('zalo_events').select('attempts').where('event_key', '=', key).executeTakeFirst();
  return r?.attempts ?? 0;
}

/** Handled events past the replay window can go: older copies are rejected by their timestamp. */
export async function pruneEvents(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('zalo_events').where('status', '!=', 'pending').where('received_at', '<', before).execute();
}
