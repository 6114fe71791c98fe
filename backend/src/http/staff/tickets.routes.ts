import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { RECEIPT_PAPERS } from '../../services/receipt-layout.ts';
import { renderReceipt } from '../../services/receipt-snippet.ts';
import { MAX_TTL_HOURS } from '../../services/ticket-access.ts';
import { issueTicket } from '../../services/tickets.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { jsonBody, queryOf } from '../middleware/validation.ts';

const id = z.string().min(1).max(64);
const issueBody = z.strictObject({
  // NFC already (the validator normalises text); trimmed here, then 1–64 characters.
  dossierCode: z
    .string()
    .trim()
    .min(1, 'Cần nhập mã hồ sơ.')
    .max(64, 'Mã hồ sơ dài tối đa 64 ký tự.')
    .refine((s) => !s.includes('\u0000'), 'Không được chứa ký tự NUL.'),
  officerId: id.optional(),
  fieldId: id.optional(),
  ttlHours: z.number().int().min(1).max(MAX_TTL_HOURS).optional(),
});
const receiptQuery = z.object({
  token: z.string().min(1).max(512),
  paper: z.enum(RECEIPT_PAPERS).optional(),
  format: z.enum(['png', 'svg']).optional(),
});

/**
 * Receipt tickets (docs/tickets.md; under the staff sub-app: signed in, unit in scope, so a
 * clerk or chairman of the unit or a supervisor above it): issue one for a dossier, print its
 * receipt snippet.
 */
export function ticketsRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .post('/:unitId/tickets', jsonBody(issueBody), async (c) => c.json(await issueTicket(deps, c.get('principal'), c.req.param('unitId'), c.req.valid('json')), 201))
    .get('/:unitId/tickets/receipt', queryOf(receiptQuery), async (c) => {
      const q = c.req.valid('query');
      const file = await renderReceipt(deps, c.req.param('unitId'), q.token, q.paper ?? '80mm', q.format ?? 'png');
      return c.body(new Uint8Array(file.bytes), 200, {
        'Content-Type': file.contentType,
        // Inline: the staff screen shows it and the browser prints it; saved, it keeps its name.
        'Content-Disposition': `inline; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
      });
    });
}
