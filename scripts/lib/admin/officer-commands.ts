import type { Command } from 'commander';
import { listOfficers } from '../../../backend/src/db/officers.repository.ts';
import { createOfficerSchema } from '../../../backend/src/http/admin/admin.schemas.ts';
import { createOfficer, setOfficerEnabled } from '../../../backend/src/services/setup.service.ts';
import { withDeps } from '../cli/open-deps.ts';
import { formatTable, out, printJson, shortId } from '../cli/output.ts';
import { officerById, unitByCode } from './lookup.ts';
import { parseArgs } from './validate.ts';

export function registerOfficerCommands(program: Command): void {
  const officer = program.command('officer').description('officers (cán bộ, công chức) serving at a unit’s counter');

  officer
    .command('create')
    .description('add an officer to a unit')
    .argument('<unitCode>')
    .argument('<name>', 'full name, e.g. "Nguyễn Thị Lan"')
    .option('--title <title>', 'position, e.g. "Công chức Tư pháp – Hộ tịch"')
    .action(async (unitCode: string, name: string, o: { title?: string }) => {
      const input = parseArgs(createOfficerSchema, { name, title: o.title });
      const created = await withDeps(async (deps) => createOfficer(deps, (await unitByCode(deps, unitCode)).id, input));
      out(`created officer "${created.name}" id ${created.id}`);
    });

  officer
    .command('list')
    .description('list a unit’s officers')
    .argument('<unitCode>')
    .option('--json', 'print JSON')
    .action(async (unitCode: string, o: { json?: boolean }) => {
      const officers = await withDeps(async (deps) => listOfficers(deps.db.kysely, (await unitByCode(deps, unitCode)).id));
      if (o.json) return printJson(officers);
      out(formatTable(['ID', 'ACTIVE', 'NAME', 'TITLE'], officers.map((x) => [shortId(x.id), x.active ? 'yes' : 'no', x.name, x.title ?? ''])));
    });

  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    officer
      .command(verb)
      .description(active ? 'make a disabled officer selectable again' : 'stop offering an officer on the form (past ratings stay)')
      .argument('<officerId>', 'id or its first 8 characters')
      .action(async (id: string) => {
        const o = await withDeps(async (deps) => {
          const found = await officerById(deps, id);
          await setOfficerEnabled(deps, found.id, active);
          return found;
        });
        out(`officer "${o.name}" ${active ? 'enabled' : 'disabled'}`);
      });
  }
}
