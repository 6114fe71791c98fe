import { findStaffById } from '../db/staff.repository.ts';
import { activeStaffIdForAppUser } from '../db/zalo-links.repository.ts';
import { fetchMiniAppUser } from '../zalo/graph.ts';
import { respondentHash } from '../zalo/respondent.ts';
import { openSession, type LoginResult } from './auth.service.ts';
import type { Deps } from '../deps.ts';

/**
 * Signing in with the linked Zalo account (inside the Mini App):
 * - `invalid`: Zalo answered and rejected the token (forged, expired, wrong app) → 401;
 * - `not_linked`: a real Zalo user, but no active staff account is linked to them → 401;
 * - `unavailable`: Zalo did not answer within ZALO_VERIFY_TIMEOUT_MS, answered garbage, or the
 *   server has no ZALO_APP_SECRET, so nobody can be verified → 503 (not the user's fault; the
 *   password form still works).
 */
export type ZaloLoginOutcome = { kind: 'ok'; session: LoginResult } | { kind: 'invalid' } | { kind: 'not_linked' } | { kind: 'unavailable'; reason: 'not_configured' | 'unreachable' };

export async function zaloLogin(deps: Deps, zaloAccessToken: string): Promise<ZaloLoginOutcome> {
  if (!deps.config.ZALO_APP_SECRET) return { kind: 'unavailable', reason: 'not_configured' };
  const user = await fetchMiniAppUser(deps.config, zaloAccessToken);
  if (user.kind === 'unreachable') return { kind: 'unavailable', reason: 'unreachable' };
  if (user.kind === 'invalid') return { kind: 'invalid' };
  // The link table stores the app-scoped id (user_id_by_app, the same id Graph /me returns for
  // this app) only as this keyed hash: the lookup never needs the raw id.
  const staffId = await activeStaffIdForAppUser(deps.db.kysely, respondentHash(deps.config.APP_SECRET, user.userId));
  const staff = staffId === undefined ? undefined : await findStaffById(deps.db.kysely, staffId);
  if (!staff || !staff.active) return { kind: 'not_linked' };
  return { kind: 'ok', session: await openSession(deps, staff) };
}
