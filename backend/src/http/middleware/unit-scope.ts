import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';
import { findUnitById } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import { canAccessUnit } from '../../services/auth.service.ts';
import type { AuthEnv } from './auth.ts';

/**
 * The staff access rule for `/:unitId/…`: clerks and chairmen see their unit, supervisors their
 * subtree, the admin token everything. 403 alike for "not yours" and "no such unit" (staff learn
 * nothing about other units); 404 only for the admin token and a unit that does not exist.
 * Mounted once, after staffAuth, on the staff sub-app (staff-app.ts).
 */
export const unitScope = (deps: Deps) =>
  createMiddleware<AuthEnv>(async function unitScope(c, next) {
    const unitId = c.req.param('unitId') ?? '';
    if (!(await canAccessUnit(deps, c.get('principal'), unitId))) throw new AppError('forbidden');
    if (!(await findUnitById(deps.db.kysely, unitId))) throw new AppError('not_found');
    await next();
  });
