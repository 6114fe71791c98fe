import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { enumeratorOf } from '../../services/campaigns/campaign-access.ts';
import { enumeratorAssignments, enumeratorDay } from '../../services/campaigns/campaign-enumerator.ts';
import { syncOps } from '../../services/campaigns/campaign-sync.ts';
import { staffAuth, type AuthEnv } from '../middleware/auth.ts';
import { jsonBody } from '../middleware/validation.ts';
import { syncSchema } from './campaigns.schemas.ts';

/** 500 SIPAS forms with comments. */
const MAX_SYNC_BYTES = 4 * 1024 * 1024;

/**
 * /api/enumerator/*: an enumerator's assignments, the day's lists for offline work, and the sync
 * of what was done offline (staff sign-in with the role enumerator; others 403).
 */
export function enumeratorApp(deps: Deps) {
  return new Hono<AuthEnv>()
    .use(staffAuth(deps))
    .get('/assignments', async (c) => c.json(await enumeratorAssignments(deps, enumeratorOf(c.get('principal')))))
    .get('/campaigns/:campaignId/day', async (c) => c.json(await enumeratorDay(deps, enumeratorOf(c.get('principal')), c.req.param('campaignId'))))
    .post('/campaigns/:campaignId/sync', jsonBody(syncSchema, { maxBytes: MAX_SYNC_BYTES }), async (c) => {
      const staff = enumeratorOf(c.get('principal'));
      const body = c.req.valid('json');
      return c.json(await syncOps(deps, staff, c.req.param('campaignId'), body.deviceId, body.ops));
    });
}
