import type { PublicPoint } from '../api/types.ts';
import { deviceStorage } from '../zalo/storage.ts';

const PREFIX = 'hailong.point.v1.';

/** Keeps the last loaded form of a point, so the form still opens when the network drops. */
export async function cachePoint(token: string, point: PublicPoint): Promise<void> {
  await deviceStorage.setItem(PREFIX + token, JSON.stringify(point));
}

export async function cachedPoint(token: string): Promise<PublicPoint | null> {
  try {
    const raw = await deviceStorage.getItem(PREFIX + token);
    return raw ? (JSON.parse(raw) as PublicPoint) : null;
  } catch {
    return null;
  }
}
