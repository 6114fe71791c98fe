import { Hono } from 'hono';
import { z } from 'zod';
import { acknowledgeAlert } from '../../db/alerts.repository.ts';
import { listAlertItems } from '../../services/alerts.service.ts';
import { alertDeliveryState } from '../../services/delivery.service.ts';
import { SELF_RATING_KEY } from '../../domain/form.ts';
import { findOfficer } from '../../db/officers.repository.ts';
import { deleteLink } from '../../db/zalo-links.repository.ts';
import { vietnamDay } from '../../domain/day.ts';
import type { Deps } from '../../deps.ts';
import { issueLinkCode } from '../../zalo/link-codes.ts';
import { optionalJson, phoneSchema } from '../auth-routes/zalo-link.routes.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { AppError } from '../../app-error.ts';
import { parseOrThrow, queryOf } from '../middleware/validation.ts';
import { rangeQuerySchema } from './range.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // An instant, or the previous page's nextBefore ("instant|id").
  before: z.string().max(120).regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z(\|[0-9A-Za-z_-]{1,64})?$/, 'Con trỏ trang không hợp lệ.').optional(),
  kind: z.enum(['response', 'crossing', 'evaluation', 'digest', 'reminder', 'case_overdue']).optional(),
  status: z.enum(['open', 'closed']).optional(),
});
const ackBody = z.strictObject({ note: z.string().trim().max(1000).optional() });

/**
 * Staff screens for alerts (list with delivery state and reasons, acknowledge with a note),
 * officers' Zalo links (for the self-rating rule) and the excluded self-ratings (under the staff
 * sub-app: signed in, unit in scope).
 */
export function alertsRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .get('/:unitId/alerts', queryOf(listQuery), async (c) => {
      return c.json(await listAlertItems(deps, c.req.param('unitId'), c.req.valid('query')));
    })
    // Whether alerts reach the chairman and clerks over Zalo, and what each can do when not.
    .get('/:unitId/alert-delivery', async (c) => c.json(await alertDeliveryState(deps, c.req.param('unitId'))))
    .post('/:unitId/alerts/:alertId/ack', async (c) => {
      const body = parseOrThrow(ackBody, await optionalJson(c.req));
      const p = c.get('principal');
      const at = deps.now().toISOString();
      const by = p.kind === 'staff' ? p.staff.id : null;
      const ok = await acknowledgeAlert(deps.db.kysely, c.req.param('unitId'), c.req.param('alertId'), { by, note: body.note ?? null, at });
      if (!ok) throw new AppError('not_found');
      return c.json({ id: c.req.param('alertId'), acknowledged: { at, by, note: body.note ?? null } });
    })
    .get('/:unitId/self-ratings', queryOf(rangeQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const today = vietnamDay(deps.now());
      const from = q.from ?? `${today.slice(0, 7)}-01`;
      const to = q.to ?? today;
      const rows = await deps.db.kysely
        .selectFrom('tallies')
        .innerJoin('officers', 'officers.id', 'tallies.officer_id')
        .select(['tallies.officer_id', 'officers.name', (eb) => eb.fn.sum<string | number>('tallies.count').as('n')])
        .where('tallies.unit_id', '=', c.req.param('unitId'))
        .where('tallies.question_key', '=', SELF_RATING_KEY)
        .where('tallies.day', '>=', from)
        .where('tallies.day', '<=', to)
        .groupBy(['tallies.officer_id', 'officers.name'])
        .execute();
      return c.json({
        from,
        to,
        note: 'Phiếu do chính cán bộ gửi (tài khoản Zalo đã liên kết với cán bộ): vẫn được lưu, không tính vào kết quả của cán bộ đó.',
        officers: rows.map((r) => ({ officerId: r.officer_id, name: r.name, excluded: Number(r.n) })),
      });
    })
    .post('/:unitId/officers/:officerId/zalo-link', async (c) => {
      const unitId = c.req.param('unitId');
      const officer = await findOfficer(deps.db.kysely, c.req.param('officerId'));
      if (!officer || officer.unitId !== unitId) throw new AppError('not_found');
      const body = parseOrThrow(z.strictObject({ phone: phoneSchema.optional() }), await optionalJson(c.req));
      const issued = await issueLinkCode(deps, { kind: 'officer', id: officer.id, unitId, phone: body.phone ?? null });
      return c.json({ ...issued, officerId: officer.id }, 201);
    })
    .delete('/:unitId/officers/:officerId/zalo-link', async (c) => {
      const officer = await findOfficer(deps.db.kysely, c.req.param('officerId'));
      if (!officer || officer.unitId !== c.req.param('unitId')) throw new AppError('not_found');
      await deleteLink(deps.db.kysely, 'officer', officer.id);
      return c.body(null, 204);
    })
    .get('/:unitId/zalo-links', async (c) => {
      const unitId = c.req.param('unitId');
      const db = deps.db.kysely;
      const [staff, officers, links] = await Promise.all([
        db.selectFrom('staff').select(['id', 'username', 'role']).where('unit_id', '=', unitId).where('active', '=', 1).orderBy('username').execute(),
        db.selectFrom('officers').select(['id', 'name']).where('unit_id', '=', unitId).where('active', '=', 1).orderBy('name').execute(),
        db.selectFrom('zalo_links').select(['subject_kind', 'subject_id', 'linked_at']).where('unit_id', '=', unitId).execute(),
      ]);
      const linkedAt = (kind: string, id: string) => links.find((l) => l.subject_kind === kind && l.subject_id === id)?.linked_at ?? null;
      return c.json({
        staff: staff.map((s) => ({ staffId: s.id, username: s.username, role: s.role, linkedAt: linkedAt('staff', s.id) })),
        officers: officers.map((o) => ({ officerId: o.id, name: o.name, linkedAt: linkedAt('officer', o.id) })),
      });
    });
}
