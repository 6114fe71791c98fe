import { randomBytes } from 'node:crypto';
import { isUniqueViolation } from '../db/db-errors.ts';
import { currentTicketKey, findTicketKey, insertTicketKey, retireCurrentTicketKey, type TicketKey } from '../db/ticket-keys.repository.ts';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import { shortestRef } from '../domain/ticket-refs.ts';
import type { Deps } from '../deps.ts';

/** Hours an old key keeps verifying after a rotation, unless the admin says otherwise. */
export const DEFAULT_GRACE_HOURS = 72;
const ATTEMPTS = 5;

/** 3 random bytes: 4 base64url characters, unique across units (the key's primary key; a clash is retried). */
const newKeyId = () => randomBytes(3).toString('base64url');

/** Whether a key still verifies at `nowMs`: the current one always, a retired one until its grace ends. */
export function keyValidAt(key: TicketKey, nowMs: number): boolean {
  return key.retiredAt === null || (key.graceUntil !== null && Date.parse(key.graceUntil) > nowMs);
}

export async function ticketKeyById(deps: Deps, keyId: string): Promise<TicketKey | undefined> {
  return findTicketKey(deps.db.kysely, keyId);
}

/**
 * The key that signs the unit's tickets, made on first use (its secret is never shown: an admin
 * who wants to mint offline rotates to get one). Two first uses at once make one key: the loser's
 * insert breaks the one-current-key index and it reads the winner's.
 */
export async function signingKeyFor(deps: Deps, unitId: string): Promise<TicketKey> {
  const db = deps.db.kysely;
  for (let i = 0; i < ATTEMPTS; i++) {
    const current = await currentTicketKey(db, unitId);
    if (current) return current;
    try {
      return await insertTicketKey(db, { keyId: newKeyId(), unitId, secret: randomBytes(32), now: deps.now().toISOString() });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new Error(`could not make a ticket key for unit ${unitId}`);
}

export interface RotatedKey {
  key: TicketKey;
  /** Until when the key it replaced still verifies; null when the unit had none. */
  previousKeyValidUntil: string | null;
}

/** A new signing key; the old one verifies for `graceHours` more, then never again. */
export async function rotateTicketKey(deps: Deps, unitId: string, graceHours: number = DEFAULT_GRACE_HOURS): Promise<RotatedKey> {
  const now = deps.now();
  const graceUntil = new Date(now.getTime() + graceHours * 3_600_000).toISOString();
  for (let i = 0; ; i++) {
    try {
      return await deps.db.kysely.transaction().execute(async (trx) => {
        const retired = await retireCurrentTicketKey(trx, unitId, now.toISOString(), graceUntil);
        const key = await insertTicketKey(trx, { keyId: newKeyId(), unitId, secret: randomBytes(32), now: now.toISOString() });
        return { key, previousKeyValidUntil: retired === undefined ? null : graceUntil };
      });
    } catch (err) {
      // A key id taken (1 in 16 million) or a rotation at the same instant elsewhere: try again.
      if (!isUniqueViolation(err) || i + 1 >= ATTEMPTS) throw err;
    }
  }
}

/** What the admin gets from a rotation: the key, its secret this once, and the refs desk software puts in tickets. */
export interface RotationView {
  keyId: string;
  /** The 32 bytes, base64url (and hex, for openssl's hexkey). */
  secret: string;
  secretHex: string;
  createdAt: string;
  previousKeyValidUntil: string | null;
  unitRef: string;
  refs: { officers: { ref: string; id: string; name: string }[]; fields: { ref: string; id: string; name: string }[] };
}

export async function rotateTicketKeyView(deps: Deps, unitId: string, graceHours: number = DEFAULT_GRACE_HOURS): Promise<RotationView> {
  const { key, previousKeyValidUntil } = await rotateTicketKey(deps, unitId, graceHours);
  const [officers, fields] = await Promise.all([listOfficers(deps.db.kysely, unitId), listFields(deps.db.kysely, unitId)]);
  const refsOf = (all: { id: string; name: string; active: boolean }[]) => all.filter((x) => x.active).map((x) => ({ ref: shortestRef(x.id, all.map((y) => y.id)), id: x.id, name: x.name }));
  return {
    keyId: key.keyId,
    secret: key.secret.toString('base64url'),
    secretHex: key.secret.toString('hex'),
    createdAt: key.createdAt,
    previousKeyValidUntil,
    unitRef: unitId.slice(0, 6),
    refs: { officers: refsOf(officers), fields: refsOf(fields) },
  };
}
