import { loadZaloSdk } from './sdk.ts';
import { withTimeout } from '../offline/with-timeout.ts';

/**
 * The Zalo user's access token (no consent prompt), used by the backend only to discourage
 * duplicate ratings. Undefined outside Zalo or when Zalo does not answer within 3 s.
 * Never asks for the phone number or profile.
 */
export async function getZaloAccessToken(): Promise<string | undefined> {
  const sdk = await loadZaloSdk();
  if (!sdk) return undefined;
  const token = await withTimeout(
    Promise.resolve().then(() => sdk.getAccessToken()),
    3000,
    undefined,
  );
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}
