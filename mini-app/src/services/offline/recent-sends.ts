import { deviceStorage, type DeviceStorage } from '../zalo/storage.ts';

const KEY = 'hailong.recent-sends.v1';
/** A second rating from the same phone at the same point within this window is discouraged. */
export const RECENT_WINDOW_MS = 30 * 60 * 1000;

type SendTimes = Record<string, number>;

async function readAll(storage: DeviceStorage): Promise<SendTimes> {
  try {
    const parsed: unknown = JSON.parse((await storage.getItem(KEY)) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as SendTimes) : {};
  } catch {
    return {};
  }
}

/** When this phone last sent a rating for the point, if within the window. */
export async function lastSendWithinWindow(token: string, now = Date.now(), storage = deviceStorage): Promise<Date | null> {
  const at = (await readAll(storage))[token];
  return typeof at === 'number' && now - at < RECENT_WINDOW_MS ? new Date(at) : null;
}

/** Remember that this phone sent a rating for the point (old entries are dropped). */
export async function rememberSend(token: string, now = Date.now(), storage = deviceStorage): Promise<void> {
  const all = await readAll(storage);
  const kept: SendTimes = {};
  for (const [key, at] of Object.entries(all)) {
    if (typeof at === 'number' && now - at < RECENT_WINDOW_MS) kept[key] = at;
  }
  kept[token] = now;
  await storage.setItem(KEY, JSON.stringify(kept));
}
