import { isUniqueViolation } from '../db/db-errors.ts';
import { insertPoint } from '../db/points.repository.ts';
import { DEFAULT_FORM_KEY } from '../domain/built-in-forms.ts';
import type { Deps } from '../deps.ts';
import type { PointContext } from './point-cache.ts';

/** The token key of a unit's hidden receipt point: no point token can name it (they are 12 base64url characters). */
export const receiptPointKey = (unitId: string) => `ticket:${unitId}`;

export const RECEIPT_POINT_LABEL = 'Phiếu hẹn theo hồ sơ (mã QR trên giấy biên nhận)';

/**
 * The point a unit's ticket responses carry (responses.point_id is required): one per unit, made
 * on first use, never listed among its QR points (points.repository.ts listPoints), served from
 * the point cache like any other. Two first uses at once make one: token keys are unique.
 */
export async function receiptPointContext(deps: Deps, unitId: string): Promise<PointContext> {
  const key = receiptPointKey(unitId);
  const found = await deps.points.get(deps.db, key, deps.now().getTime());
  if (found) return found;
  try {
    await insertPoint(deps.db.kysely, { id: crypto.randomUUID(), unitId, officerId: null, label: RECEIPT_POINT_LABEL, tokenKey: key, formKey: DEFAULT_FORM_KEY, kind: 'counter', now: deps.now().toISOString() });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  // The cache remembered that there was none.
  deps.points.clear();
  const made = await deps.points.get(deps.db, key, deps.now().getTime());
  if (!made) throw new Error(`no receipt point for unit ${unitId}`);
  return made;
}
