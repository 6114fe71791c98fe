import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { DEFAULT_GRACE_HOURS, rotateTicketKeyView } from '../../services/ticket-keys.service.ts';
import { requireUnit } from '../../services/setup.service.ts';
import { adminAuth, type AuthEnv } from '../middleware/auth.ts';
import { jsonBody } from '../middleware/validation.ts';

export const rotateKeyBody = z.strictObject({ graceHours: z.number().int().min(0).max(8760).optional() });

/**
 * A unit's ticket key for desk software that mints receipt tickets offline (docs/tickets.md):
 * rotating makes a new key and shows its secret this once; the old key verifies until the grace
 * ends. The refs desk software puts in a ticket come with it.
 */
export function ticketKeyAdminRoutes(deps: Deps) {
  return new Hono<AuthEnv>().use(adminAuth(deps)).post('/units/:unitId/ticket-keys/rotate', jsonBody(rotateKeyBody), async (c) => {
    const unit = await requireUnit(deps, c.req.param('unitId'));
    return c.json(await rotateTicketKeyView(deps, unit.id, c.req.valid('json').graceHours ?? DEFAULT_GRACE_HOURS), 201);
  });
}
