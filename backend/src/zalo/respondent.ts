import { createHmac } from 'node:crypto';
import { isOfficerUser } from '../db/zalo-links.repository.ts';
import type { Deps } from '../deps.ts';
import { fetchMiniAppUser } from './graph.ts';

/** The only form in which a Zalo user id is stored: HMAC under the server secret. */
export function respondentHash(appSecret: string, zaloUserId: string): string {
  return createHmac('sha256', appSecret).update(`zalo-user:${zaloUserId}`).digest('hex');
}

export interface Respondent {
  respondentHash: string | null;
  verification: 'verified' | 'unverified' | null;
  selfRating: boolean;
}

const NONE: Respondent = { respondentHash: null, verification: null, selfRating: false };

/**
 * Verifies the Mini App's Zalo token (bounded wait). Verified → the user's keyed hash, and
 * whether they are the rated officer; unreachable or rejected → stored unverified, never lost.
 */
export async function resolveRespondent(deps: Deps, officerId: string | null, zaloAccessToken: string | undefined): Promise<Respondent> {
  if (!zaloAccessToken) return NONE;
  const user = await fetchMiniAppUser(deps.config, zaloAccessToken);
  if (user.kind !== 'verified') {
    deps.logger.info('zalo user not verified; response stored unverified', { reason: user.kind });
    return { ...NONE, verification: 'unverified' };
  }
  const hash = respondentHash(deps.config.APP_SECRET, user.userId);
  const selfRating = officerId !== null && (await isOfficerUser(deps.db.kysely, officerId, hash));
  return { respondentHash: hash, verification: 'verified', selfRating };
}
