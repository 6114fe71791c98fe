import type { Point } from '../db/points.repository.ts';
import { verifyPointToken } from '../security/point-token.ts';
import { AppError } from '../app-error.ts';
import type { Deps } from '../deps.ts';
import type { PointContext } from './point-cache.ts';

/** The active point behind a QR token, with its unit's active officers and fields; 404 for a forged, rotated, unknown or disabled one. */
export async function activePointContext(deps: Deps, token: string): Promise<PointContext> {
  const key = deps.points.keyOf(token, (t) => verifyPointToken(deps.config.APP_SECRET, t));
  const ctx = key === null ? null : await deps.points.get(deps.db, key, deps.now().getTime());
  if (!ctx || !ctx.point.active) throw new AppError('not_found', 'Mã QR không hợp lệ hoặc đã ngừng sử dụng.');
  return ctx;
}

export async function activePointForToken(deps: Deps, token: string): Promise<Point> {
  return (await activePointContext(deps, token)).point;
}
