import { isInsideZalo } from './env.ts';
import { withTimeout } from '../offline/with-timeout.ts';

export type ZaloSdk = typeof import('zmp-sdk/apis');

let loading: Promise<ZaloSdk | null> | undefined;

/**
 * zmp-sdk, loaded only inside Zalo (a separate chunk, so browsers and kiosks never download it).
 * Resolves to null outside Zalo or when the SDK cannot load in time.
 */
export function loadZaloSdk(): Promise<ZaloSdk | null> {
  if (!isInsideZalo()) return Promise.resolve(null);
  loading ??= withTimeout(import('zmp-sdk/apis'), 5000, null);
  return loading;
}
