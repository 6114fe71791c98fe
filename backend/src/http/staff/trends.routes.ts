import { Hono } from 'hono';
import { addDays } from '../../domain/day.ts';
import type { Deps } from '../../deps.ts';
import { buildTrends } from '../../services/trends.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { queryOf } from '../middleware/validation.ts';
import { dayRange, formKeySchema, rangeQuerySchema, todayOf } from './range.ts';

// Ten years: beyond two months the series is cut by week, beyond half a year by month.
const MAX_DAYS = 3660;
const trendsQuery = rangeQuerySchema.extend({ form: formKeySchema });

/** GET /api/units/:unitId/trends?from&to — defaults to the last 30 days. */
export function trendsRoutes(deps: Deps) {
  return new Hono<AuthEnv>().get('/:unitId/trends', queryOf(trendsQuery), async (c) => {
    const q = c.req.valid('query');
    const to = q.to ?? todayOf(deps);
    const { from } = dayRange(q, { from: () => addDays(to, -29), to: () => to }, MAX_DAYS);
    return c.json(await buildTrends(deps, c.req.param('unitId'), from, to, q.form ?? 'counter'));
  });
}
