import type { Command } from 'commander';
import { rotateKeyBody } from '../../../backend/src/http/admin/ticket-keys.routes.ts';
import { rotateTicketKeyView, DEFAULT_GRACE_HOURS } from '../../../backend/src/services/ticket-keys.service.ts';
import { withDeps } from '../cli/open-deps.ts';
import { formatTable, out, printJson } from '../cli/output.ts';
import { unitByCode } from './lookup.ts';
import { parseArgs } from './validate.ts';

/** `tickets rotate-key`: a unit's new receipt-ticket key for desk software (docs/tickets.md). */
export function registerTicketCommands(program: Command): void {
  const tickets = program.command('tickets').description('receipt tickets: one rating per dossier (docs/tickets.md)');
  tickets
    .command('rotate-key')
    .description('make a new ticket key for a unit and print its secret (shown this once); the old key verifies until the grace ends')
    .requiredOption('--unit <code>', 'the unit’s code')
    .option('--grace-hours <hours>', `how long the old key still verifies (default ${DEFAULT_GRACE_HOURS})`)
    .option('--json', 'print JSON')
    .action(async (o: { unit: string; graceHours?: string; json?: boolean }) => {
      const { graceHours } = parseArgs(rotateKeyBody, { graceHours: o.graceHours === undefined ? undefined : Number(o.graceHours) });
      const v = await withDeps(async (deps) => rotateTicketKeyView(deps, (await unitByCode(deps, o.unit)).id, graceHours ?? DEFAULT_GRACE_HOURS));
      if (o.json) return printJson(v);
      out(`new ticket key for ${o.unit}: KEY_ID=${v.keyId}\n  KEY_HEX=${v.secretHex}\n  secret (base64url): ${v.secret}\n  UNIT_REF=${v.unitRef}`);
      out(v.previousKeyValidUntil ? `the previous key verifies until ${v.previousKeyValidUntil}` : 'the unit had no key before');
      out(formatTable(['REF', 'OFFICER / FIELD'], [...v.refs.officers.map((r) => [r.ref, r.name]), ...v.refs.fields.map((r) => [r.ref, `lĩnh vực: ${r.name}`])]));
    });
}
