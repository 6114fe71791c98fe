import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A unit's ticket key (docs/tickets.md); `secret` is the raw 32 bytes. */
export interface TicketKey {
  keyId: string;
  unitId: string;
  secret: Buffer;
  createdAt: string;
  retiredAt: string | null;
  graceUntil: string | null;
}

const toKey = (r: { key_id: string; unit_id: string; secret: string; created_at: string; retired_at: string | null; grace_until: string | null }): TicketKey => ({
  keyId: r.key_id,
  unitId: r.unit_id,
  secret: Buffer.from(r.secret, 'base64url'),
  createdAt: r.created_at,
  retiredAt: r.retired_at,
  graceUntil: r.grace_until,
});

export async function findTicketKey(db: Executor, keyId: string): Promise<TicketKey | undefined> {
  const row = await db.selectFrom('unit_ticket_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst();
  return row && toKey(row);
}

/** The key that signs the unit's new tickets (not retired). */
export async function currentTicketKey(db: Executor, unitId: string): Promise<TicketKey | undefined> {
  const row = await db.selectFrom('unit_ticket_keys').selectAll().where('unit_id', '=', unitId).where('retired_at', 'is', null).executeTakeFirst();
  return row && toKey(row);
}

/** Inserts a key; a unique violation when the unit already has a current one, or the key id is taken. */
export async function insertTicketKey(db: Executor, k: { keyId: string; unitId: string; secret: Buffer; now: string }): Promise<TicketKey> {
  await db
    .insertInto('unit_ticket_keys')
    .values({ key_id: k.keyId, unit_id: k.unitId, secret: k.secret.toString('base64url'), created_at: k.now, retired_at: null, grace_until: null })
    .execute();
  return { keyId: k.keyId, unitId: k.unitId, secret: k.secret, createdAt: k.now, retiredAt: null, graceUntil: null };
}

/** Retires the unit's current key: it verifies until `graceUntil`, signs nothing more. Returns the key retired, if any. */
export async function retireCurrentTicketKey(db: Executor, unitId: string, now: string, graceUntil: string): Promise<string | undefined> {
  const row = await db
    .updateTable('unit_ticket_keys')
    .set({ retired_at: now, grace_until: graceUntil })
    .where('unit_id', '=', unitId)
    .where('retired_at', 'is', null)
    .returning('key_id')
    .executeTakeFirst();
  return row?.key_id;
}
