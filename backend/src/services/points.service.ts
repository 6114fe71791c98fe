import { findPointByTokenKey, type Point } from '../db/points.repository.ts';
import { verifyPointToken } from '../security/point-token.ts';
import { AppError } from '../http/errors.ts';
import type { Deps } from './context.ts';

/** The active point behind a QR token; 404 for a forged, rotated, unknown or disabled one. */
export async function activePointForToken(deps: Deps, token: string): Promise<Point> {
  const key = verifyPointToken(deps.config.APP_SECRET, token);
  const point = key === null ? undefined : await findPointByTokenKey(deps.db.kysely, key);
  if (!point || !point.active) throw new AppError('not_found', 'Mã QR không hợp lệ hoặc đã ngừng sử dụng.');
  return point;
}
