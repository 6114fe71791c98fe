import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { createCampaign } from '../../services/campaigns/campaign-create.ts';
import { campaignsOfUnit, definitionView } from '../../services/campaigns/campaign-view.ts';
import { createCampaignSchema } from '../campaigns/campaigns.schemas.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { jsonBody } from '../middleware/validation.ts';

/** A province's campaign: 3,321 units, a quota per unit, field and kind. */
const MAX_CAMPAIGN_BYTES = 4 * 1024 * 1024;

/**
 * Survey campaigns made at a unit, and those that survey it or units under it (under the staff
 * sub-app: signed in, unit in scope). The rest lives under /api/campaigns (http/campaigns/).
 */
export function campaignsRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .post('/:unitId/campaigns', jsonBody(createCampaignSchema, { maxBytes: MAX_CAMPAIGN_BYTES }), async (c) => {
      const campaign = await createCampaign(deps, c.get('principal'), c.req.param('unitId'), c.req.valid('json'));
      return c.json(await definitionView(deps, campaign), 201);
    })
    .get('/:unitId/campaigns', async (c) => c.json(await campaignsOfUnit(deps, c.get('principal'), c.req.param('unitId'))));
}
