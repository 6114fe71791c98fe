import { randomBytes } from 'node:crypto';
import { Option, type Command } from 'commander';
import { listStaff, setStaffActive } from '../../../backend/src/db/staff.repository.ts';
import { createStaffSchema, STAFF_ROLES } from '../../../backend/src/http/admin/admin.schemas.ts';
import { createStaff } from '../../../backend/src/services/setup.service.ts';
import { issueLinkCode } from '../../../backend/src/zalo/link-codes.ts';
import { UsageError } from '../cli/errors.ts';
import { withDeps } from '../cli/open-deps.ts';
import { formatTable, out, printJson } from '../cli/output.ts';
import { staffByUsername, unitByCode } from './lookup.ts';
import { parseArgs } from './validate.ts';

export function registerStaffCommands(program: Command): void {
  const staff = program.command('staff').description('staff accounts: clerk, chairman, supervisor');

  staff
    .command('create')
    .description('create a staff account (a password is generated and shown once unless --password is given)')
    .argument('<unitCode>')
    .argument('<username>')
    .addOption(new Option('--role <role>', 'role').choices(STAFF_ROLES).makeOptionMandatory())
    .option('--password <password>', 'at least 8 characters (prefer the generated one: shell history keeps this)')
    .action(async (unitCode: string, username: string, o: { role: string; password?: string }) => {
      const password = o.password ?? randomBytes(9).toString('base64url');
      const input = parseArgs(createStaffSchema, { username, password, role: o.role });
      const s = await withDeps(async (deps) => createStaff(deps, (await unitByCode(deps, unitCode)).id, input));
      out(`created ${s.role} "${s.username}" id ${s.id}${o.password ? '' : `\n  password: ${password}  (shown once; give it to the person, they can't recover it)`}`);
    });

  staff
    .command('list')
    .description('list a unit’s staff accounts')
    .argument('<unitCode>')
    .option('--json', 'print JSON')
    .action(async (unitCode: string, o: { json?: boolean }) => {
      const rows = await withDeps(async (deps) => listStaff(deps.db.kysely, (await unitByCode(deps, unitCode)).id));
      if (o.json) return printJson(rows);
      out(formatTable(['USERNAME', 'ROLE', 'ACTIVE'], rows.map((s) => [s.username, s.role, s.active ? 'yes' : 'no'])));
    });

  staff
    .command('zalo-code')
    .description('a one-time code the person sends as a text to the OA to link their Zalo account (alerts go there)')
    .argument('<username>')
    .option('--phone <phone>', 'their phone (84…), for template messages outside the 7-day window')
    .action(async (username: string, o: { phone?: string }) => {
      if (o.phone !== undefined && !/^84\d{8,10}$/.test(o.phone)) throw new UsageError('--phone must look like 84912345678');
      const { code, expiresAt } = await withDeps(async (deps) => {
        const found = await staffByUsername(deps, username);
        return issueLinkCode(deps, { kind: 'staff', id: found.id, unitId: found.unitId, phone: o.phone ?? null });
      });
      out(`code for "${username}": ${code}\n  send exactly this text to the Official Account on Zalo before ${expiresAt}`);
    });

  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    staff
      .command(verb)
      .description(active ? 'let a disabled account log in again' : 'block an account and end its sessions')
      .argument('<username>')
      .action(async (username: string) => {
        const s = await withDeps(async (deps) => {
          const found = await staffByUsername(deps, username);
          await setStaffActive(deps.db.kysely, found.id, active);
          return found;
        });
        out(`staff "${s.username}" ${active ? 'enabled' : 'disabled'}`);
      });
  }
}
