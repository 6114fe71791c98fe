import { createHmac } from 'node:crypto';
import type { Config } from '../config.ts';
import { callZalo, errorCodeOf } from './http.ts';

export type MiniAppUser = { kind: 'verified'; userId: string } | { kind: 'invalid' } | { kind: 'unreachable' };

/** appsecret_proof: lowercase hex HMAC-SHA256 of the access token keyed by the app secret. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

/**
 * Who the Mini App user is, from Zalo's Graph API (GET /v2.0/me?fields=id). Bounded by
 * ZALO_VERIFY_TIMEOUT_MS: on the response path a slow Zalo must not hold the citizen up.
 * Without ZALO_APP_SECRET nothing can be verified ('unreachable').
 */
export async function fetchMiniAppUser(config: Config, accessToken: string): Promise<MiniAppUser> {
  if (!config.ZALO_APP_SECRET) return { kind: 'unreachable' };
  const answer = await callZalo({
    url: `${config.ZALO_GRAPH_URL}/v2.0/me?fields=id`,
    method: 'GET',
    headers: { access_token: accessToken, appsecret_proof: appSecretProof(accessToken, config.ZALO_APP_SECRET) },
    timeoutMs: config.ZALO_VERIFY_TIMEOUT_MS,
  });
  if (!answer.ok) return { kind: 'unreachable' };
  const id = answer.body['id'];
  if (errorCodeOf(answer.body) !== 0 || (typeof id !== 'string' && typeof id !== 'number') || String(id) === '') return { kind: 'invalid' };
  return { kind: 'verified', userId: String(id) };
}
