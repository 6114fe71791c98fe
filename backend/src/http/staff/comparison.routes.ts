import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../app-error.ts';
import type { Deps } from '../../deps.ts';
import { periodOf } from '../../domain/periods.ts';
import { renderComparisonPdf } from '../../services/comparison/comparison-pdf.ts';
import { renderComparisonXlsx } from '../../services/comparison/comparison-xlsx.ts';
import { campaignWindow } from '../../services/comparison/comparison-campaign.ts';
import { buildComparison } from '../../services/comparison/comparison.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { queryOf } from '../middleware/validation.ts';
import { dayRange, formKeySchema, rangeQuerySchema, todayOf } from './range.ts';

/** Ten years, as the reports: the comparison reads roll-ups and the tallies' key, however long its range. */
const MAX_DAYS = 3660;

const comparisonQuery = rangeQuerySchema.extend({
  form: formKeySchema,
  campaignId: z.string().min(1).max(64).optional(),
  format: z.enum(['json', 'xlsx', 'pdf']).optional(),
});

const CONTENT_TYPE = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

/** An ASCII file name: unit codes are typed by people. */
const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '-');

/**
 * The comparison of every unit below a unit (issue 29), as JSON or as the province report
 * (XLSX, PDF). Under the staff sub-app (signed in, unit in scope: a supervisor's subtree); the
 * unit's own clerk or chairman passes that scope but compares nothing, so only a supervisor (or
 * the admin token) gets past here.
 */
export function comparisonRoutes(deps: Deps) {
  return new Hono<AuthEnv>().get('/:unitId/comparison', queryOf(comparisonQuery), async (c) => {
    const p = c.get('principal');
    if (p.kind === 'staff' && p.staff.role !== 'supervisor') throw new AppError('forbidden', 'Chỉ cán bộ giám sát của đơn vị cấp trên mới xem được so sánh giữa các đơn vị.');
    const q = c.req.valid('query');
    const unitId = c.req.param('unitId');
    const campaignId = q.campaignId ?? null;
    // Defaults: the campaign's window, else the current calendar year (whole months: read from the roll-ups).
    const window = campaignId ? await campaignWindow(deps, campaignId) : null;
    const year = periodOf(todayOf(deps).slice(0, 4))!;
    const { from, to } = dayRange(q, { from: () => window?.from ?? year.from, to: () => window?.to ?? year.to }, MAX_DAYS);
    const report = await buildComparison(deps, { unitId, from, to, formKey: q.form ?? 'counter', campaignId }, q.form !== undefined);
    const format = q.format ?? 'json';
    if (format === 'json') return c.json(report);
    const bytes = format === 'xlsx' ? await renderComparisonXlsx(report) : await renderComparisonPdf(report);
    const filename = `so-sanh-don-vi_${fileSafe(report.unit.code)}${report.form.key === 'counter' ? '' : `_${report.form.key}`}_${report.period.kind === 'range' ? `${from}_${to}` : report.period.key}.${format}`;
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': CONTENT_TYPE[format], 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
  });
}
