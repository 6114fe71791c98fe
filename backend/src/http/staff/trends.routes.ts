import { Hono } from 'hono';
import { z } from 'zod';
import { addDays } from '../../domain/day.ts';
import type { Deps } from '../../deps.ts';
import { buildTrends } from '../../services/trends.service.ts';
import { staffAuth, type AuthEnv } from '../auth.ts';
import { queryOf } from '../validation.ts';
import { checkRange, daySchema, formKeySchema, todayOf, unitScope } from './unit-scope.routes.ts';

// One point per day: a year is already 366 points on a phone screen.
const MAX_DAYS = 366;
const rangeQuery = z.object({ from: daySchema.optional(), to: daySchema.optional(), form: formKeySchema });

/** GET /api/units/:unitId/trends?from&to — defaults to the last 30 days. */
export function trendsRoutes(deps: Deps) {
  return new Hono<AuthEnv>().get('/:unitId/trends', staffAuth(deps), unitScope(deps), queryOf(rangeQuery), async (c) => {
    const q = c.req.valid('query');
    const to = q.to ?? todayOf(deps);
    const from = q.from ?? addDays(to, -29);
    checkRange(from, to, MAX_DAYS);
    return c.json(await buildTrends(deps, c.req.param('unitId'), from, to, q.form ?? 'counter'));
  });
}
