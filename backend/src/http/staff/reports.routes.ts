import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../app-error.ts';
import { listPublications } from '../../db/publications.repository.ts';
import { findUnitById } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import { periodOf } from '../../domain/periods.ts';
import { latestFormOrThrow } from '../../services/form-view.ts';
import { rawResponsesCsv } from '../../services/report/raw-export.ts';
import { buildReportData } from '../../services/report/report-data.ts';
import { publicationCalendar, publishReport, reportFile } from '../../services/report/reports.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { jsonBody, queryOf } from '../middleware/validation.ts';
import { dayRange, formKeySchema, rangeQuerySchema, todayOf } from './range.ts';

/** Ten years: a report reads the tallies' key, however long its range. */
const MAX_DAYS = 3660;

const reportQuery = rangeQuerySchema.extend({
  form: formKeySchema,
  format: z.enum(['pdf', 'xlsx', 'csv', 'json']).optional(),
  audience: z.enum(['internal', 'public']).optional(),
});
const exportQuery = rangeQuerySchema.extend({ form: formKeySchema });
const publishBody = z.strictObject({
  period: z.string().max(10).refine((p) => periodOf(p) !== null, 'Kỳ phải là YYYY, YYYY-Hn, YYYY-Qn hoặc YYYY-MM.'),
  form: formKeySchema,
});

/** "attachment" with the ASCII filename (reportFilename makes them ASCII). */
const attachment = (filename: string) => `attachment; filename="${filename}"`;

/** The default range of a report: the current month. */
const monthOf = (today: string) => periodOf(today.slice(0, 7))!;

/**
 * Reports, the raw export, the publication calendar and the publish step (under the staff
 * sub-app: signed in, unit in scope).
 */
export function reportsRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .get('/:unitId/report', queryOf(reportQuery), async (c) => {
      const q = c.req.valid('query');
      const today = todayOf(deps);
      const { from, to } = dayRange(q, { from: () => monthOf(today).from, to: () => monthOf(today).to }, MAX_DAYS);
      const opts = { from, to, formKey: q.form ?? 'counter', audience: q.audience ?? 'internal' } as const;
      await latestFormOrThrow(deps, opts.formKey);
      if (q.format === 'json') return c.json(await buildReportData(deps, c.req.param('unitId'), opts));
      const file = await reportFile(deps, c.req.param('unitId'), { ...opts, format: q.format ?? 'pdf' });
      return c.body(new Uint8Array(file.bytes), 200, { 'Content-Type': file.contentType, 'Content-Disposition': attachment(file.filename), 'Cache-Control': 'no-store' });
    })
    // Streamed: each batch of rows is read when the client has taken the one before.
    .get('/:unitId/responses.csv', queryOf(exportQuery), async (c) => {
      const q = c.req.valid('query');
      const today = todayOf(deps);
      const { from, to } = dayRange(q, { from: () => monthOf(today).from, to: () => today }, MAX_DAYS);
      const form = await latestFormOrThrow(deps, q.form ?? 'counter');
      const unitId = c.req.param('unitId');
      const rows = rawResponsesCsv(deps, unitId, form, from, to);
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const next = await rows.next();
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          } catch (err) {
            deps.logger.warn('raw export failed', { unitId, err: err instanceof Error ? err.message : String(err) });
            controller.error(err);
          }
        },
        async cancel() {
          await rows.return(undefined);
        },
      });
      const unit = (await findUnitById(deps.db.kysely, unitId))!;
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': attachment(`phieu-hai-long_${unit.code}${form.key === 'counter' ? '' : `_${form.key}`}_${from}_${to}.csv`),
        'Cache-Control': 'no-store',
      });
    })
    .get('/:unitId/calendar', async (c) => c.json(await publicationCalendar(deps, c.req.param('unitId'))))
    .get('/:unitId/publications', async (c) => c.json({ publications: await listPublications(deps.db.kysely, c.req.param('unitId')) }))
    .post('/:unitId/publications', jsonBody(publishBody), async (c) => {
      const unitId = c.req.param('unitId');
      const p = c.get('principal');
      // A supervisor reads the units below; only the unit's own staff (or the admin) publish for it.
      if (p.kind === 'staff' && p.staff.unitId !== unitId) throw new AppError('forbidden', 'Chỉ cán bộ của đơn vị mới công bố được kết quả của đơn vị.');
      const body = c.req.valid('json');
      const publication = await publishReport(deps, unitId, { periodKey: body.period, formKey: body.form ?? 'counter', by: p.kind === 'staff' ? p.staff.username : 'admin' });
      return c.json(publication, 201);
    });
}
