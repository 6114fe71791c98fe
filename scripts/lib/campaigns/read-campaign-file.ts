import { z } from 'zod';
import { createCampaignSchema } from '../../../backend/src/http/campaigns/campaigns.schemas.ts';
import { CliError } from '../cli/errors.ts';
import { readDataFile } from '../cli/read-data-file.ts';

/**
 * A campaign file: the body of POST /api/units/:unitId/campaigns with unit codes for ids —
 * `unitCode` (where it is made), `unitCodes` (the units surveyed; omitted: every unit below
 * `unitCode`), and quotas naming `unitCode` (or none: every unit).
 */
export const campaignFileSchema = createCampaignSchema
  .omit({ unitIds: true, quotas: true })
  .extend({
    unitCode: z.string().min(1).max(64),
    unitCodes: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional(),
    quotas: z.array(z.strictObject({ unitCode: z.string().min(1).max(64).optional(), fieldKey: z.string(), respondentKind: z.string(), official: z.number().int().min(0).max(100_000), reserve: z.number().int().min(0).max(100_000) })).max(100_000),
  });

export type CampaignFile = z.output<typeof campaignFileSchema>;

export function readCampaignFile(file: string): CampaignFile {
  const value = readDataFile(file, 'campaign');
  const parsed = campaignFileSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`${file}: not a valid campaign; nothing was created`, parsed.error.issues.map((i) => `${i.path.join('.') || '(campaign)'}: ${i.message}`));
  return parsed.data;
}
