import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../app-error.ts';
import { findUnitById } from '../../db/units.repository.ts';
import { listFields } from '../../db/officers.repository.ts';
import type { Deps } from '../../deps.ts';
import { periodOf } from '../../domain/periods.ts';
import { readTabular, TabularFileError } from '../../files/tabular.ts';
import { buildCoverage } from '../../services/coverage.service.ts';
import { applyDossierRows, listDossierCounts, resolveDossierRows, setDossierCount } from '../../services/dossiers.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { jsonBody, queryOf } from '../middleware/validation.ts';
import { todayOf } from './range.ts';

const periodKey = z.string().refine((p) => periodOf(p) !== null && !/H[12]$/.test(p), 'Kỳ phải là YYYY, YYYY-Qn hoặc YYYY-MM.');
const countBody = z.strictObject({ period: periodKey, fieldId: z.string().max(64).optional(), count: z.number().int().min(0).max(100_000_000) });
const coverageQuery = z.object({ period: z.string().max(10).optional() });
const countsQuery = z.object({ year: z.string().regex(/^\d{4}$/, 'YYYY').optional() });

/** Largest dossier-count file a staff screen may upload. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const who = (p: AuthEnv['Variables']['principal']) => (p.kind === 'staff' ? p.staff.username : 'admin');

/**
 * Coverage against dossiers (R4): counts typed or imported on the staff screen, and the share
 * surveyed against R4.1 (under the staff sub-app: signed in, unit in scope).
 */
export function coverageRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .get('/:unitId/coverage', queryOf(coverageQuery), async (c) => {
      const period = c.req.valid('query').period ?? todayOf(deps).slice(0, 4);
      return c.json(await buildCoverage(deps, c.req.param('unitId'), period));
    })
    .get('/:unitId/dossier-counts', queryOf(countsQuery), async (c) => {
      const year = c.req.valid('query').year ?? todayOf(deps).slice(0, 4);
      const counts = await listDossierCounts(deps.db.kysely, c.req.param('unitId'), { periodPrefix: year });
      return c.json({ year, counts: counts.map(({ fieldId, period, count, source }) => ({ fieldId: fieldId === '' ? null : fieldId, period, count, source })) });
    })
    .put('/:unitId/dossier-counts', jsonBody(countBody), async (c) => {
      const unitId = c.req.param('unitId');
      const body = c.req.valid('json');
      if (body.fieldId !== undefined && !(await listFields(deps.db.kysely, unitId)).some((f) => f.id === body.fieldId)) {
        throw new AppError('invalid_input', undefined, { details: [{ path: 'fieldId', message: 'Lĩnh vực không thuộc đơn vị này.' }] });
      }
      await setDossierCount(deps, { unitId, fieldId: body.fieldId ?? '', period: body.period, count: body.count, by: who(c.get('principal')) });
      return c.json({ period: body.period, fieldId: body.fieldId ?? null, count: body.count });
    })
    // The body is the file itself (text/csv, or an .xlsx workbook): a malformed row is reported
    // with its line, and nothing from the file is applied.
    .post('/:unitId/dossier-counts/import', async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const kind = type === 'text/csv' ? 'csv' : type === XLSX_TYPE ? 'xlsx' : null;
      if (!kind) throw new AppError('unsupported_media_type', 'Tệp phải là CSV (text/csv) hoặc Excel .xlsx.');
      const declared = Number(c.req.header('content-length'));
      if (Number.isFinite(declared) && declared > MAX_IMPORT_BYTES) throw new AppError('payload_too_large');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength > MAX_IMPORT_BYTES) throw new AppError('payload_too_large');
      const unit = (await findUnitById(deps.db.kysely, c.req.param('unitId')))!;
      let table;
      try {
        table = await readTabular(bytes, kind);
      } catch (err) {
        if (err instanceof TabularFileError) throw new AppError('invalid_input', 'Không đọc được tệp; không có số liệu nào được nhập.', { details: [{ path: `dòng ${err.line}`, message: err.message }] });
        throw err;
      }
      const { rows, errors } = await resolveDossierRows(deps, table.headers, table.records, { onlyUnit: { id: unit.id, code: unit.code } });
      if (errors.length > 0) {
        throw new AppError('invalid_input', `Tệp có ${errors.length} dòng không hợp lệ; không có số liệu nào được nhập.`, { details: errors.map((e) => ({ path: `dòng ${e.line}`, message: e.message })) });
      }
      return c.json(await applyDossierRows(deps, rows, `tệp nhập bởi ${who(c.get('principal'))}`));
    });
}
