import type { Kysely, Transaction } from 'kysely';
import type { Database, StaffRole, StaffRow } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface Staff {
  id: string;
  unitId: string;
  username: string;
  role: StaffRole;
  active: boolean;
}

const toStaff = (r: StaffRow): Staff => ({ id: r.id, unitId: r.unit_id, username: r.username, role: r.role, active: r.active === 1 });

export async function insertStaff(
  db: Executor,
  s: { id: string; unitId: string; username: string; passwordHash: string; role: StaffRole; now: string },
): Promise<Staff> {
  await db
    .insertInto('staff')
    .values({ id: s.id, unit_id: s.unitId, username: s.username, password_hash: s.passwordHash, role: s.role, created_at: s.now })
    .execute();
  return { id: s.id, unitId: s.unitId, username: s.username, role: s.role, active: true };
}

export async function findStaffForLogin(
  db: Executor,
  username: string,
): Promise<(Staff & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  return row && { ...toStaff(row), passwordHash: row.password_hash };
}

export async function findStaffById(db: Executor, id: string): Promise<Staff | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStaff(row);
}

export async function findStaffByUsername(db: Executor, username: string): Promise<Staff | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  return row && toStaff(row);
}

export async function listStaff(db: Executor, unitId: string): Promise<Staff[]> {
  const rows = await db.selectFrom('staff').selectAll().where('unit_id', '=', unitId).orderBy('username').execute();
  return rows.map(toStaff);
}

export async function setStaffActive(db: Executor, id: string, active: boolean): Promise<void> {
  await db.updateTable('staff').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
  if (!active) await db.deleteFrom('sessions').where('staff_id', '=', id).execute();
}

export async function insertSession(db: Executor, s: { tokenHash: string; staffId: string; expiresAt: string; now: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, staff_id: s.staffId, expires_at: s.expiresAt, created_at: s.now })
    .execute();
}

/** The staff member behind a session, if the session exists, has not expired and the account is active. */
export async function findSessionStaff(db: Executor, tokenHash: string, now: string): Promise<Staff | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .selectAll('staff')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('staff.active', '=', 1)
    .executeTakeFirst();
  return row && toStaff(row);
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
