import { Option, type Command } from 'commander';
import { listUnits } from '../../../backend/src/db/units.repository.ts';
import { createUnitSchema, UNIT_KINDS } from '../../../backend/src/http/admin/admin.schemas.ts';
import { createUnit } from '../../../backend/src/services/setup.service.ts';
import { withDeps } from '../cli/open-deps.ts';
import { formatTable, out, printJson } from '../cli/output.ts';
import { parseArgs } from './validate.ts';

export function registerUnitCommands(program: Command): void {
  const unit = program
    .command('unit')
    .description('units: communes, wards, districts… (units are never disabled: their history stays; disable their points instead)');

  unit
    .command('create')
    .description('create a unit with the default fields')
    .argument('<code>', 'short code, lowercase letters, digits and - (e.g. xa-nam-dong)')
    .argument('<name>', 'full name as citizens read it (e.g. "UBND xã Nam Dong")')
    .addOption(new Option('--kind <kind>', 'kind of unit').choices(UNIT_KINDS).default('commune'))
    .option('--parent <code>', 'code of the parent unit (e.g. the district)')
    .action(async (code: string, name: string, o: { kind: string; parent?: string }) => {
      const input = parseArgs(createUnitSchema, { code, name, kind: o.kind, parentCode: o.parent });
      const u = await withDeps((deps) => createUnit(deps, input));
      out(`created unit ${u.code} "${u.name}" (${u.kind}) id ${u.id}`);
    });

  unit
    .command('list')
    .description('list all units')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const units = await withDeps((deps) => listUnits(deps.db.kysely));
      if (o.json) return printJson(units);
      const codeById = new Map(units.map((u) => [u.id, u.code]));
      out(formatTable(['CODE', 'KIND', 'PARENT', 'NAME'], units.map((u) => [u.code, u.kind, u.parentId ? (codeById.get(u.parentId) ?? '?') : '-', u.name])));
    });
}
