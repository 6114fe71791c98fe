import { loadZaloSdk } from './sdk.ts';
import { withTimeout } from '../offline/with-timeout.ts';

/** Device storage: zmp-sdk storage inside Zalo, localStorage in a browser, memory as last resort. */
export interface DeviceStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

const memory = new Map<string, string>();
const ZALO_TIMEOUT_MS = 2000;

function local(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function webGet(key: string): string | null {
  try {
    return local()?.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

function webSet(key: string, value: string): void {
  memory.set(key, value);
  try {
    local()?.setItem(key, value);
  } catch {
    // Quota or privacy mode: the in-memory copy still serves this session.
  }
}

function webRemove(key: string): void {
  memory.delete(key);
  try {
    local()?.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

export const deviceStorage: DeviceStorage = {
  async getItem(key) {
    const sdk = await loadZaloSdk();
    if (sdk) {
      const got = await withTimeout(sdk.getStorage({ keys: [key] }), ZALO_TIMEOUT_MS, null);
      const value: unknown = got?.[key];
      if (typeof value === 'string') return value;
    }
    return webGet(key);
  },
  async setItem(key, value) {
    webSet(key, value);
    const sdk = await loadZaloSdk();
    if (sdk) await withTimeout(sdk.setStorage({ data: { [key]: value } }), ZALO_TIMEOUT_MS, null);
  },
  async removeItem(key) {
    webRemove(key);
    const sdk = await loadZaloSdk();
    if (sdk) await withTimeout(sdk.removeStorage({ keys: [key] }), ZALO_TIMEOUT_MS, null);
  },
};
