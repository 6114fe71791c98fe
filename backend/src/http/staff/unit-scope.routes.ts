import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { findUnitById, listUnits, unitSubtreeIds } from '../../db/units.repository.ts';
import { daysBetween, isValidDay, vietnamDay } from '../../domain/day.ts';
import { canAccessUnit } from '../../services/auth.service.ts';
import type { Deps } from '../../deps.ts';
import { staffAuth, type AuthEnv } from '../auth.ts';
import { AppError } from '../../app-error.ts';
import { z } from 'zod';

/**
 * The staff access rule for the screens' own routes, applied by each sub-app itself rather than
 * relying on another router's middleware running first: 403 alike for "not yours" and "no such unit".
 */
export const unitScope = (deps: Deps) =>
  createMiddleware<AuthEnv>(async function unitScope(c, next) {
    const unitId = c.req.param('unitId') ?? '';
    if (!(await canAccessUnit(deps, c.get('principal'), unitId))) throw new AppError('forbidden');
    if (!(await findUnitById(deps.db.kysely, unitId))) throw new AppError('not_found');
    await next();
  });

export const daySchema = z.string().refine(isValidDay, 'Ngày phải có dạng YYYY-MM-DD.');

const KEY = /^[a-z][a-z0-9_]{0,31}$/;
/** `?form=<key>`: the form whose figures are read; the handlers read the counter form unless one is named (optional, so that the typed client need not send it). */
export const formKeySchema = z.string().regex(KEY, 'Mã phiếu không hợp lệ.').optional();
export const issueKeySchema = z.string().regex(KEY, 'Mã phản ánh không hợp lệ.');

/** from ≤ to and at most maxDays long, else 400 with Vietnamese text. */
export function checkRange(from: string, to: string, maxDays: number): void {
  if (from > to) throw new AppError('invalid_input', '"from" phải trước hoặc bằng "to".', { details: [{ path: 'from', message: 'after to' }] });
  if (daysBetween(from, to) > maxDays) {
    throw new AppError('invalid_input', `Khoảng thời gian quá dài (tối đa ${maxDays} ngày).`, { details: [{ path: 'to', message: 'range too long' }] });
  }
}

export const todayOf = (deps: Deps) => vietnamDay(deps.now());

/** GET /api/units: the units this sign-in may open (the screens' unit picker). */
export function unitListRoutes(deps: Deps) {
  return new Hono<AuthEnv>().get('/', staffAuth(deps), async (c) => {
    const p = c.get('principal');
    const all = await listUnits(deps.db.kysely);
    let visible = all;
    if (p.kind === 'staff') {
      const reach = p.staff.role === 'supervisor' ? await unitSubtreeIds(deps.db.kysely, p.staff.unitId) : new Set([p.staff.unitId]);
      visible = all.filter((u) => reach.has(u.id));
    }
    return c.json({ units: visible.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId, showOfficerNames: u.showOfficerNames })) });
  });
}
