import { Hono } from 'hono';
import { z } from 'zod';
import { CHANNELS } from '../../domain/channels.ts';
import { formKeysOfUnit } from '../../db/forms.repository.ts';
import type { Deps } from '../../deps.ts';
import { formView } from '../../services/form-view.ts';
import { buildTallies } from '../../services/tallies.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { queryOf } from '../middleware/validation.ts';
import { dayRange, formKeySchema, rangeQuerySchema, todayOf } from './range.ts';

/** Ten years of days: a tally range is read from the tallies' key alone, however long. */
const MAX_DAYS = 3660;
const talliesQuery = rangeQuerySchema.extend({ form: formKeySchema, channel: z.enum(CHANNELS).optional() });

/** GET …/:unitId/tallies and …/:unitId/forms (under the staff sub-app: signed in, unit in scope). */
export function talliesRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .get('/:unitId/tallies', queryOf(talliesQuery), async (c) => {
      const q = c.req.valid('query');
      const today = todayOf(deps);
      // One bound alone means "from then until today" (or "that day" when it lies in the future).
      const { from, to } = dayRange(
        q,
        { from: () => (q.to !== undefined && q.to < today ? q.to : today), to: () => (q.from !== undefined && q.from > today ? q.from : today) },
        MAX_DAYS,
      );
      return c.json(await buildTallies(deps, c.req.param('unitId'), from, to, q.form ?? 'counter', q.channel ?? null));
    })
    // The forms this unit uses (its points' and those it has counts of), each as its latest version: the screens' form picker.
    .get('/:unitId/forms', async (c) => {
      const keys = await formKeysOfUnit(deps.db.kysely, c.req.param('unitId'));
      const forms = await Promise.all(keys.map((k) => deps.forms.latest(deps.db, k, deps.now().getTime())));
      return c.json({ forms: forms.filter((f) => f !== null).map(formView) });
    });
}
