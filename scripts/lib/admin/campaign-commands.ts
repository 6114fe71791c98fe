import { extname } from 'node:path';
import type { Command } from 'commander';
import { findCampaign, listCampaignUnits } from '../../../backend/src/db/campaigns.repository.ts';
import { listUnitsWithin } from '../../../backend/src/db/units.repository.ts';
import type { Deps } from '../../../backend/src/deps.ts';
import { createCampaign } from '../../../backend/src/services/campaigns/campaign-create.ts';
import { importRespondents } from '../../../backend/src/services/campaigns/campaign-respondents.ts';
import { campaignsOfUnit } from '../../../backend/src/services/campaigns/campaign-view.ts';
import { CliError, UsageError } from '../cli/errors.ts';
import { withDeps } from '../cli/open-deps.ts';
import { formatTable, out, printJson } from '../cli/output.ts';
import { readFileBytes } from '../cli/read-text-file.ts';
import { readCampaignFile, type CampaignFile } from '../campaigns/read-campaign-file.ts';
import { unitByCode } from './lookup.ts';

const ADMIN = { kind: 'admin' } as const;

/** The file's unit codes as ids; every unknown code named. */
async function resolveCodes(deps: Deps, f: CampaignFile): Promise<{ rootId: string; unitIds: string[]; quotas: { unitId?: string; fieldKey: string; respondentKind: string; official: number; reserve: number }[] }> {
  const root = await unitByCode(deps, f.unitCode);
  const within = await listUnitsWithin(deps.db.kysely, root.id);
  const byCode = new Map(within.map((u) => [u.code, u.id]));
  const unknown = [...(f.unitCodes ?? []), ...f.quotas.flatMap((q) => (q.unitCode ? [q.unitCode] : []))].filter((c) => !byCode.has(c));
  if (unknown.length > 0) throw new CliError(`unit codes not at or below "${f.unitCode}"; nothing was created`, [...new Set(unknown)]);
  const unitIds = f.unitCodes ? f.unitCodes.map((c) => byCode.get(c)!) : within.filter((u) => u.id !== root.id).map((u) => u.id);
  const quotas = f.quotas.map(({ unitCode, ...q }) => (unitCode ? { ...q, unitId: byCode.get(unitCode)! } : q));
  return { rootId: root.id, unitIds, quotas };
}

export function registerCampaignCommands(program: Command): void {
  const campaigns = program.command('campaigns').description('survey campaigns (seeds 000, 001, 003): a form, a window, units, fields, quotas, respondent lists');

  campaigns
    .command('import')
    .description('create a campaign from a YAML or JSON file (the API body with unit codes: unitCode, unitCodes?, quotas[].unitCode?)')
    .argument('<file>', 'campaign.yaml or campaign.json')
    .action(async (file: string) => {
      const f = readCampaignFile(file);
      const c = await withDeps(async (deps) => {
        const { rootId, unitIds, quotas } = await resolveCodes(deps, f);
        const { unitCode: _root, unitCodes: _units, ...rest } = f;
        return createCampaign(deps, ADMIN, rootId, { ...rest, unitIds, quotas });
      });
      out(`created campaign ${c.id} "${c.name}" (form ${c.formKey} v${c.formVersion}, ${c.opensOn} – ${c.closesOn})`);
    });

  campaigns
    .command('respondents')
    .description("replace a unit's official and reserve lists from CSV or XLSX: list, order, name, phone, address, field, kind, note")
    .argument('<campaignId>')
    .argument('<unitCode>')
    .argument('<file>', '.csv (UTF-8) or .xlsx (first sheet)')
    .action(async (campaignId: string, unitCode: string, file: string) => {
      const ext = extname(file).toLowerCase();
      if (ext !== '.csv' && ext !== '.xlsx') throw new UsageError(`list file must be .csv or .xlsx (got "${file}")`);
      const bytes = readFileBytes(file);
      const r = await withDeps(async (deps) => {
        const unit = await unitByCode(deps, unitCode);
        if (!(await findCampaign(deps.db.kysely, campaignId))) throw new CliError(`no campaign "${campaignId}" (see: npm run admin -- campaigns list <unitCode>)`);
        return importRespondents(deps, ADMIN, campaignId, unit.id, new Uint8Array(bytes), ext === '.csv' ? 'csv' : 'xlsx');
      });
      out(`imported ${r.official} official and ${r.reserve} reserve respondents`);
      for (const w of r.warnings) out(`  warning: ${w}`);
    });

  campaigns
    .command('list')
    .description('campaigns that survey a unit or units below it')
    .argument('<unitCode>')
    .option('--json', 'print JSON')
    .action(async (unitCode: string, o: { json?: boolean }) => {
      const rows = await withDeps(async (deps) => {
        const unit = await unitByCode(deps, unitCode);
        const { campaigns: list } = await campaignsOfUnit(deps, ADMIN, unit.id);
        return Promise.all(list.map(async (c) => ({ ...c, units: (await listCampaignUnits(deps.db.kysely, c.id)).length })));
      });
      if (o.json) return printJson(rows);
      out(formatTable(['ID', 'STATUS', 'WINDOW', 'FORM', 'UNITS', 'NAME'], rows.map((c) => [c.id, c.status, `${c.opensOn} – ${c.closesOn}`, `${c.formKey} v${c.formVersion}`, String(c.units), c.name])));
    });
}
