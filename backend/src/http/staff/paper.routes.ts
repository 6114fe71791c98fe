import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../app-error.ts';
import { listBatches } from '../../db/paper.repository.ts';
import { findPoint, listPoints } from '../../db/points.repository.ts';
import { findUnitById } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import { addPaperForm, batchView, commitPaperBatch, discardPaperBatch, editPaperForm, openBatch, removePaperForm } from '../../services/paper.service.ts';
import { renderPaperFormPdf } from '../../services/paper-form-pdf.ts';
import { answersSchema } from '../public/responses.schema.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { jsonBody, queryOf } from '../middleware/validation.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');
const id = z.string().min(1).max(64);
const openBody = z.strictObject({
  openedOn: day,
  countsOn: day.optional(),
  expectedForms: z.number().int().min(1, 'Hòm phiếu phải có ít nhất 1 phiếu.').max(10_000),
  pointId: id.optional(),
  note: z.string().trim().max(500).optional(),
});
const formBody = z.strictObject({
  officerId: id.nullable().optional(),
  fieldId: id.nullable().optional(),
  answers: answersSchema,
  issues: z.array(z.string().max(64)).max(40).optional(),
  comment: z
    .string()
    .max(1000)
    .transform((s) => s.normalize('NFC'))
    .nullable()
    .optional(),
});
const formNo = (c: Context) => {
  const n = Number(c.req.param('formNo'));
  if (!Number.isInteger(n) || n < 1) throw new AppError('invalid_input', 'Số phiếu không hợp lệ.');
  return n;
};
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const paperFormQuery = z.object({ pointId: id.optional() });

/** Only the unit's own staff (or the admin) enter its ballots; a supervisor reads them. */
function ownStaffOnly(c: Context<AuthEnv>): void {
  const p = c.get('principal');
  if (p.kind === 'staff' && p.staff.unitId !== c.req.param('unitId')) throw new AppError('forbidden', 'Chỉ cán bộ của đơn vị mới nhập phiếu giấy của đơn vị.');
}

/**
 * Paper ballots (R6.2, API.md "Questionnaires, channels and paper ballots"): batches opened from
 * the ballot box, forms typed and corrected, committed once; and the printable form itself
 * (under the staff sub-app: signed in, unit in scope).
 */
export function paperRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .get('/:unitId/paper-batches', queryOf(listQuery), async (c) => c.json({ batches: await listBatches(deps.db.kysely, c.req.param('unitId'), c.req.valid('query').limit) }))
    .post('/:unitId/paper-batches', jsonBody(openBody), async (c) => {
      ownStaffOnly(c);
      const b = await openBatch(deps, c.get('principal'), c.req.param('unitId'), c.req.valid('json'));
      return c.json(b, 201);
    })
    .get('/:unitId/paper-batches/:batchId', async (c) => c.json(await batchView(deps, c.req.param('unitId'), c.req.param('batchId'))))
    .post('/:unitId/paper-batches/:batchId/forms', jsonBody(formBody), async (c) => {
      ownStaffOnly(c);
      return c.json(await addPaperForm(deps, c.get('principal'), c.req.param('unitId'), c.req.param('batchId'), c.req.valid('json')), 201);
    })
    .put('/:unitId/paper-batches/:batchId/forms/:formNo', jsonBody(formBody), async (c) => {
      ownStaffOnly(c);
      return c.json(await editPaperForm(deps, c.get('principal'), c.req.param('unitId'), c.req.param('batchId'), formNo(c), c.req.valid('json')));
    })
    .delete('/:unitId/paper-batches/:batchId/forms/:formNo', async (c) => {
      ownStaffOnly(c);
      await removePaperForm(deps, c.req.param('unitId'), c.req.param('batchId'), formNo(c));
      return c.body(null, 204);
    })
    .post('/:unitId/paper-batches/:batchId/commit', async (c) => {
      ownStaffOnly(c);
      return c.json(await commitPaperBatch(deps, c.get('principal'), c.req.param('unitId'), c.req.param('batchId')));
    })
    .post('/:unitId/paper-batches/:batchId/discard', async (c) => {
      ownStaffOnly(c);
      await discardPaperBatch(deps, c.req.param('unitId'), c.req.param('batchId'));
      return c.json({ id: c.req.param('batchId'), status: 'discarded' });
    })
    // The paper form of a point (default the counter's): the same questions as the app, boxes to tick.
    .get('/:unitId/paper-form.pdf', queryOf(paperFormQuery), async (c) => {
      const unitId = c.req.param('unitId');
      const q = c.req.valid('query');
      const points = (await listPoints(deps.db.kysely, unitId)).filter((p) => p.active);
      const point = q.pointId ? await findPoint(deps.db.kysely, q.pointId) : (points.find((p) => p.officerId === null) ?? points[0]);
      if (!point || point.unitId !== unitId) throw new AppError('not_found', 'Không có điểm QR này ở đơn vị.');
      const unit = (await findUnitById(deps.db.kysely, unitId))!;
      const form = await deps.forms.latest(deps.db, point.formKey, deps.now().getTime());
      if (!form) throw new AppError('not_found', 'Điểm này chưa có mẫu phiếu.');
      const pdf = await renderPaperFormPdf(deps, { unit, point, form });
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="phieu-khao-sat_${unit.code}_${form.key}-v${form.version}.pdf"`,
        'Cache-Control': 'no-store',
      });
    });
}
