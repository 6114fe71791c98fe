import { Hono } from 'hono';
import { AppError } from '../../app-error.ts';
import type { Deps } from '../../deps.ts';
import { importDossierList, MAX_DOSSIER_LIST_BYTES } from '../../services/dossier-list.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A unit's dossier list (docs/tickets.md; under the staff sub-app): the body is the file itself,
 * text/csv or an .xlsx workbook. A bad line is reported with its number and nothing is applied.
 */
export function dossierListRoutes(deps: Deps) {
  return new Hono<AuthEnv>().put('/:unitId/dossiers', async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const kind = type === 'text/csv' ? 'csv' : type === XLSX_TYPE ? 'xlsx' : null;
    if (!kind) throw new AppError('unsupported_media_type', 'Tệp phải là CSV (text/csv) hoặc Excel .xlsx.');
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > MAX_DOSSIER_LIST_BYTES) throw new AppError('payload_too_large');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > MAX_DOSSIER_LIST_BYTES) throw new AppError('payload_too_large');
    const p = c.get('principal');
    return c.json(await importDossierList(deps, c.req.param('unitId'), bytes, kind, p.kind === 'staff' ? p.staff.username : 'admin'));
  });
}
