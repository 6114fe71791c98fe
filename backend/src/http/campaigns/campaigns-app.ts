import { Hono } from 'hono';
import { AppError } from '../../app-error.ts';
import type { Deps } from '../../deps.ts';
import { assignEnumerator } from '../../services/campaigns/campaign-assignments.ts';
import { importRespondents, respondentsOf } from '../../services/campaigns/campaign-respondents.ts';
import { campaignAssignments, campaignDefinition, campaignProgress } from '../../services/campaigns/campaign-view.ts';
import { staffAuth, type AuthEnv } from '../middleware/auth.ts';
import { jsonBody } from '../middleware/validation.ts';
import { assignmentSchema } from './campaigns.schemas.ts';

/** Largest respondent-list file (a unit's lists: a few hundred people). */
const MAX_LIST_BYTES = 2 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * /api/campaigns/*: a campaign's definition, lists, assignments and progress (staff sign-in,
 * checked once here; each route checks the campaign's units against the caller's reach).
 */
export function campaignsApp(deps: Deps) {
  return new Hono<AuthEnv>()
    .use(staffAuth(deps))
    .get('/:campaignId', async (c) => c.json(await campaignDefinition(deps, c.get('principal'), c.req.param('campaignId'))))
    .get('/:campaignId/progress', async (c) => c.json(await campaignProgress(deps, c.get('principal'), c.req.param('campaignId'))))
    .get('/:campaignId/assignments', async (c) => c.json(await campaignAssignments(deps, c.get('principal'), c.req.param('campaignId'))))
    .post('/:campaignId/assignments', jsonBody(assignmentSchema), async (c) => c.json(await assignEnumerator(deps, c.get('principal'), c.req.param('campaignId'), c.req.valid('json')), 201))
    .get('/:campaignId/units/:unitId/respondents', async (c) => c.json(await respondentsOf(deps, c.get('principal'), c.req.param('campaignId'), c.req.param('unitId'))))
    // The body is the file itself (text/csv, or an .xlsx workbook): any bad line → 400, nothing applied.
    .put('/:campaignId/units/:unitId/respondents', async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const kind = type === 'text/csv' ? 'csv' : type === XLSX_TYPE ? 'xlsx' : null;
      if (!kind) throw new AppError('unsupported_media_type', 'Tệp phải là CSV (text/csv) hoặc Excel .xlsx.');
      const declared = Number(c.req.header('content-length'));
      if (Number.isFinite(declared) && declared > MAX_LIST_BYTES) throw new AppError('payload_too_large');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength > MAX_LIST_BYTES) throw new AppError('payload_too_large');
      return c.json(await importRespondents(deps, c.get('principal'), c.req.param('campaignId'), c.req.param('unitId'), bytes, kind));
    });
}
