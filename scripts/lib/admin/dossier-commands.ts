import type { Command } from 'commander';
import { listDossierCounts } from '../../../backend/src/db/dossier-counts.repository.ts';
import { listFields } from '../../../backend/src/db/officers.repository.ts';
import { CliError } from '../cli/errors.ts';
import { withDeps } from '../cli/open-deps.ts';
import { formatTable, out, printJson } from '../cli/output.ts';
import { importDossiers } from '../dossiers/import-dossiers.ts';
import { FileErrors } from '../setup/setup-plan.ts';
import { unitByCode } from './lookup.ts';

export function registerDossierCommands(program: Command): void {
  const dossiers = program.command('dossiers').description('dossier counts (hồ sơ) per unit, field and period, for survey coverage (R4)');

  dossiers
    .command('import')
    .description('import counts from CSV or XLSX: columns unitCode, field (empty = whole unit), period (YYYY, YYYY-MM, YYYY-Qn) or year [+ month | quarter], count')
    .argument('<file>', '.csv or .xlsx (first sheet)')
    .option('--dry-run', 'check the file and show what would change, write nothing')
    .action(async (file: string, o: { dryRun?: boolean }) => {
      try {
        const s = await withDeps((deps) => importDossiers(deps, file, { dryRun: o.dryRun ?? false }));
        out(`${o.dryRun ? 'would import' : 'imported'} ${s.rows} rows: ${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged`);
      } catch (err) {
        if (err instanceof FileErrors) throw new CliError(err.message, err.lines());
        throw err;
      }
    });

  dossiers
    .command('list')
    .description('list a unit’s dossier counts')
    .argument('<unitCode>')
    .option('--period <prefix>', 'only periods starting with this, e.g. 2025')
    .option('--json', 'print JSON')
    .action(async (unitCode: string, o: { period?: string; json?: boolean }) => {
      const rows = await withDeps(async (deps) => {
        const unit = await unitByCode(deps, unitCode);
        const fields = new Map((await listFields(deps.db.kysely, unit.id)).map((f) => [f.id, f.name]));
        const counts = await listDossierCounts(deps.db.kysely, unit.id, o.period ? { periodPrefix: o.period } : {});
        return counts.map((c) => ({ period: c.period, field: c.fieldId === '' ? '(whole unit)' : (fields.get(c.fieldId) ?? c.fieldId), count: c.count, source: c.source }));
      });
      if (o.json) return printJson(rows);
      out(formatTable(['PERIOD', 'COUNT', 'FIELD'], rows.map((r) => [r.period, String(r.count), r.field])));
    });
}
