import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../app-error.ts';
import { findCase } from '../../db/cases.repository.ts';
import type { Deps } from '../../deps.ts';
import { vietnamDay } from '../../domain/day.ts';
import { decideCase, listCaseViews } from '../../services/cases.service.ts';
import { buildOfficerSummary } from '../../services/officer.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { jsonBody, queryOf } from '../middleware/validation.ts';
import { dayRange, formKeySchema, rangeQuerySchema, todayOf } from './range.ts';

const STATUS = z.enum(['new', 'in_progress', 'handled', 'unfounded']);

const listQuery = rangeQuerySchema.extend({
  status: z.enum(['open', 'closed', 'new', 'in_progress', 'handled', 'unfounded']).optional(),
  officerId: z.string().max(64).optional(),
  overdue: z.enum(['yes']).optional(),
  // An instant, or the previous page's nextBefore ("instant|responseId").
  before: z.string().max(120).regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z(\|[0-9A-Za-z_-]{1,64})?$/, 'Con trỏ trang không hợp lệ.').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const decideBody = z.strictObject({
  status: STATUS,
  note: z.string().trim().max(2000).default(''),
  ownerStaffId: z.string().max(64).nullable().optional(),
});
const officerQuery = rangeQuerySchema.extend({ form: formKeySchema });

/** Ten years, as the tallies. */
const MAX_DAYS = 3660;

/** Cases (list, decide) and the officer's page (under the staff sub-app: signed in, unit in scope). */
export function casesRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .get('/:unitId/cases', queryOf(listQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await listCaseViews(deps, {
          unitId: c.req.param('unitId'),
          status: q.status,
          officerId: q.officerId,
          overdueOn: q.overdue === 'yes' ? vietnamDay(deps.now()) : undefined,
          from: q.from,
          to: q.to,
          before: q.before,
          limit: q.limit,
        }),
      );
    })
    // One decision for the comment, the alert and the case: they are one thing on every screen.
    .post('/:unitId/cases/:responseId', jsonBody(decideBody), async (c) => {
      const unitId = c.req.param('unitId');
      const responseId = c.req.param('responseId');
      if (!(await findCase(deps.db.kysely, unitId, responseId))) throw new AppError('not_found', 'Phiếu này không mở hồ sơ xử lý (chỉ phản ánh tiêu cực, hoặc "Rất không hài lòng" kèm ý kiến).');
      const decided = (await decideCase(deps, c.get('principal'), unitId, responseId, c.req.valid('json')))!;
      return c.json(decided, 201);
    })
    .get('/:unitId/officers/:officerId/summary', queryOf(officerQuery), async (c) => {
      const q = c.req.valid('query');
      const today = todayOf(deps);
      const { from, to } = dayRange(q, { from: () => `${today.slice(0, 7)}-01`, to: () => today }, MAX_DAYS);
      return c.json(await buildOfficerSummary(deps, c.req.param('unitId'), c.req.param('officerId'), { from, to, formKey: q.form ?? 'counter' }));
    });
}
