import { deleteSession, findSessionStaff, findStaffForLogin, insertSession, type Staff } from '../db/staff.repository.ts';
import { isUnitWithin } from '../db/units.repository.ts';
import { DUMMY_HASH, verifyPassword } from '../security/passwords.ts';
import { hashSessionToken, newSessionToken } from '../security/session-token.ts';
import type { Deps } from '../deps.ts';

export type Principal = { kind: 'admin' } | { kind: 'staff'; staff: Staff };

export interface LoginResult {
  token: string;
  role: Staff['role'];
  unitId: string;
  username: string;
  expiresAt: string;
}

/** Checks a password; the scrypt cost is paid even for unknown users so timing tells nothing. */
export async function login(deps: Deps, username: string, password: string): Promise<LoginResult | null> {
  const staff = await findStaffForLogin(deps.db.kysely, username);
  const ok = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
  if (!staff || !ok || !staff.active) return null;
  return openSession(deps, staff);
}

/** A new session for an already authenticated, active staff member (password or linked Zalo account). */
export async function openSession(deps: Deps, staff: Staff): Promise<LoginResult> {
  const token = newSessionToken();
  const now = deps.now();
  const hours = staff.role === 'enumerator' ? deps.config.ENUMERATOR_SESSION_TTL_HOURS : deps.config.SESSION_TTL_HOURS;
  const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
  await insertSession(deps.db.kysely, { tokenHash: hashSessionToken(token), staffId: staff.id, expiresAt, now: now.toISOString() });
  return { token, role: staff.role, unitId: staff.unitId, username: staff.username, expiresAt };
}

export async function staffForToken(deps: Deps, token: string): Promise<Staff | undefined> {
  return findSessionStaff(deps.db.kysely, hashSessionToken(token), deps.now().toISOString());
}

export async function logout(deps: Deps, token: string): Promise<void> {
  await deleteSession(deps.db.kysely, hashSessionToken(token));
}

/** Clerks and chairmen see their own unit; supervisors their unit and every unit below it; enumerators none. */
export async function canAccessUnit(deps: Deps, principal: Principal, unitId: string): Promise<boolean> {
  if (principal.kind === 'admin') return true;
  const { staff } = principal;
  // An enumerator sees the lists of the units assigned to them (/api/enumerator), no unit's screens.
  if (staff.role === 'enumerator') return false;
  if (staff.unitId === unitId) return true;
  if (staff.role !== 'supervisor') return false;
  return isUnitWithin(deps.db.kysely, staff.unitId, unitId);
}
