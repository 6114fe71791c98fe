import { Hono } from 'hono';
import { z } from 'zod';
import { daysBetween, isValidDay, vietnamDay } from '../../domain/day.ts';
import { findUnitById } from '../../db/units.repository.ts';
import { canAccessUnit } from '../../services/auth.service.ts';
import { buildTallies } from '../../services/tallies.service.ts';
import { formKeysOfUnit } from '../../db/forms.repository.ts';
import { formView } from '../../services/form-view.ts';
import type { Deps } from '../../deps.ts';
import { staffAuth, type AuthEnv } from '../auth.ts';
import { AppError } from '../../app-error.ts';
import { queryOf } from '../validation.ts';
import { formKeySchema } from './unit-scope.routes.ts';

const MAX_RANGE_DAYS = 3660;
const day = z.string().refine(isValidDay, 'Ngày phải có dạng YYYY-MM-DD.');
const rangeSchema = z.object({ from: day.optional(), to: day.optional(), form: formKeySchema });

export function staffRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .use(staffAuth(deps))
    .use('/:unitId/*', async (c, next) => {
      const unitId = c.req.param('unitId');
      // Same answer for "not yours" and "does not exist": staff learn nothing about other units.
      if (!(await canAccessUnit(deps, c.get('principal'), unitId))) throw new AppError('forbidden');
      if (!(await findUnitById(deps.db.kysely, unitId))) throw new AppError('not_found');
      await next();
    })
    .get('/:unitId/tallies', queryOf(rangeSchema), async (c) => {
      const q = c.req.valid('query');
      const today = vietnamDay(deps.now());
      // One bound alone means "from then until today" (or "that day" when it lies in the future).
      const from = q.from ?? (q.to !== undefined && q.to < today ? q.to : today);
      const to = q.to ?? (q.from !== undefined && q.from > today ? q.from : today);
      if (from > to) throw new AppError('invalid_input', '"from" phải trước hoặc bằng "to".', { details: [{ path: 'from', message: 'after to' }] });
      if (daysBetween(from, to) > MAX_RANGE_DAYS) {
        throw new AppError('invalid_input', 'Khoảng thời gian quá dài (tối đa 10 năm).', { details: [{ path: 'to', message: 'range too long' }] });
      }
      return c.json(await buildTallies(deps, c.req.param('unitId'), from, to, q.form ?? 'counter'));
    })
    // The forms this unit uses (its points' and those it has counts of), each as its latest version: the screens' form picker.
    .get('/:unitId/forms', async (c) => {
      const keys = await formKeysOfUnit(deps.db.kysely, c.req.param('unitId'));
      const forms = await Promise.all(keys.map((k) => deps.forms.latest(deps.db, k, deps.now().getTime())));
      return c.json({ forms: forms.filter((f) => f !== null).map(formView) });
    });
}
