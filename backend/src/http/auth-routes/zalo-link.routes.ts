import { Hono } from 'hono';
import { z } from 'zod';
import { deleteLink, findLink } from '../../db/zalo-links.repository.ts';
import type { Deps } from '../../deps.ts';
import { issueLinkCode } from '../../zalo/link-codes.ts';
import { staffAuth, type AuthEnv } from '../middleware/auth.ts';
import { AppError } from '../../app-error.ts';
import { parseOrThrow, utf8OrThrow } from '../middleware/validation.ts';

/** Vietnamese mobile numbers, for the ZNS fallback only (kept only with the staff member's consent). */
export const phoneSchema = z.string().trim().regex(/^(\+?84|0)\d{9}$/, 'Số điện thoại không hợp lệ.');
const linkBody = z.strictObject({ phone: phoneSchema.optional() });

/** An optional JSON body: empty means {}. */
export async function optionalJson(req: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<unknown> {
  const text = utf8OrThrow(new Uint8Array(await req.arrayBuffer()));
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_json');
  }
}

/**
 * The staff member's own Zalo link: a one-time code to send to the OA (the webhook links the
 * sender), its status, and unlinking. Mounted under /api/auth.
 */
export function zaloLinkRoutes(deps: Deps) {
  const me = (p: AuthEnv['Variables']['principal']) => {
    if (p.kind !== 'staff') throw new AppError('forbidden', 'Chỉ tài khoản cán bộ mới liên kết được Zalo.');
    return p.staff;
  };
  return new Hono<AuthEnv>()
    .use('/zalo-link', staffAuth(deps))
    .post('/zalo-link', async (c) => {
      const staff = me(c.get('principal'));
      const body = parseOrThrow(linkBody, await optionalJson(c.req));
      const issued = await issueLinkCode(deps, { kind: 'staff', id: staff.id, unitId: staff.unitId, phone: body.phone ?? null });
      return c.json({ ...issued, instructions: `Mở Zalo, nhắn đúng mã ${issued.code} cho Official Account của hệ thống trước khi mã hết hạn.` }, 201);
    })
    .get('/zalo-link', async (c) => {
      const staff = me(c.get('principal'));
      const link = await findLink(deps.db.kysely, 'staff', staff.id);
      return c.json({ linked: link !== undefined, linkedAt: link?.linkedAt ?? null, phone: link?.phone ?? null });
    })
    .delete('/zalo-link', async (c) => {
      const staff = me(c.get('principal'));
      await deleteLink(deps.db.kysely, 'staff', staff.id);
      return c.body(null, 204);
    });
}
