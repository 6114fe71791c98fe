import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { findIllFormedText } from '../../../backend/src/domain/text.ts';
import { createCampaignSchema } from '../../../backend/src/http/campaigns/campaigns.schemas.ts';
import { CliError, UsageError } from '../cli/errors.ts';
import { readTextFile } from '../cli/read-text-file.ts';

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
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) throw new UsageError(`campaign file must be .yaml, .yml or .json (got "${file}")`);
  const text = readTextFile(file);
  let value: unknown;
  if (ext === '.json') {
    try {
      value = JSON.parse(text) as unknown;
    } catch (err) {
      throw new CliError(`${file}: not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else {
    // Dates stay text (YYYY-MM-DD), as the API takes them.
    const doc = parseDocument(text, { uniqueKeys: true, schema: 'core' });
    if (doc.errors.length > 0) throw new CliError(`${file}: YAML syntax`, doc.errors.map((e) => `line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`));
    value = doc.toJS() as unknown;
  }
  const illFormed = findIllFormedText(value);
  if (illFormed) throw new CliError(`${file}: ${illFormed.join('.')}: text that is not well-formed Unicode (a lone surrogate)`);
  const parsed = campaignFileSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`${file}: not a valid campaign; nothing was created`, parsed.error.issues.map((i) => `${i.path.join('.') || '(campaign)'}: ${i.message}`));
  return parsed.data;
}
