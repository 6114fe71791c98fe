import { createHmac } from 'node:crypto';
import type { DialectName } from '../db/create-db.ts';
import type { AppendedResponse } from '../db/responses.repository.ts';
import { isOfficerUser } from '../db/zalo-links.repository.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../app-error.ts';
import type { Deps } from '../deps.ts';
import type { AfterAppend } from '../services/response-writer.ts';
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

/**
 * In-transaction check (writer hook): the same verified user at the same point within the
 * window → the batch rolls back and the writer retries its records one by one, so only the
 * duplicate fails (409). Running inside the insert's transaction, after the unit's chain head
 * is locked, makes the check hold across replicas too.
 */
export function rejectDuplicateRespondents(windowMinutes: number): AfterAppend {
  const hook: AfterAppend = async (trx: Transaction<Database>, _dialect: DialectName, appended: AppendedResponse[]): Promise<void> => {
    if (windowMinutes <= 0) return;
    for (const r of appended) {
      if (!r.respondentHash) continue;
      const since = new Date(Date.parse(r.receivedAt) - windowMinutes * 60_000).toISOString();
      const others = await trx
        .selectFrom('responses')
        .select('id')
        .where('respondent_hash', '=', r.respondentHash)
        .where('point_id', '=', r.pointId)
        .where('received_at', '>', since)
        .where('id', '!=', r.id)
        .limit(1)
        .execute();
      if (others.length > 0) throw new AppError('duplicate_response');
    }
  };
  // Its query must see the batch's own rows (the same user twice in one batch).
  hook.readsAfterAppend = (records) => windowMinutes > 0 && records.some((r) => r.respondentHash);
  return hook;
}
