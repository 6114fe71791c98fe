import type { Command } from 'commander';
import { listOfficers } from '../../../backend/src/db/officers.repository.ts';
import { listPoints } from '../../../backend/src/db/points.repository.ts';
import { createPointSchema } from '../../../backend/src/http/admin/admin.schemas.ts';
import { createPoint, pointLinks, rotatePointToken, setPointEnabled } from '../../../backend/src/services/setup.service.ts';
import type { Deps } from '../../../backend/src/deps.ts';
import { CliError } from '../cli/errors.ts';
import { withDeps } from '../cli/open-deps.ts';
import { formatTable, out, printJson, shortId } from '../cli/output.ts';
import { pointById, unitByCode } from './lookup.ts';
import { parseArgs } from './validate.ts';

/** An officer of the unit by id, id prefix or exact name. */
async function officerIdFor(deps: Deps, unitId: string, ref: string): Promise<string> {
  const officers = await listOfficers(deps.db.kysely, unitId, { activeOnly: true });
  const match = officers.filter((o) => o.id.startsWith(ref.toLowerCase()) || o.name.normalize('NFC') === ref.normalize('NFC').trim());
  if (match.length === 1) return match[0]!.id;
  throw new CliError(match.length === 0 ? `no active officer "${ref}" in this unit` : `"${ref}" matches several officers: use the id`);
}

/** Rotates a point's token: the printed QR stops working at once; past responses stay. */
export async function rotatePoint(deps: Deps, idOrPrefix: string) {
  const point = await pointById(deps, idOrPrefix);
  return rotatePointToken(deps, point);
}

export function registerPointCommands(program: Command): void {
  const point = program.command('point').description('QR points: a whole counter, or one officer’s desk');

  point
    .command('create')
    .description('create a QR point (then run: npm run qr)')
    .argument('<unitCode>')
    .argument('<label>', 'what the poster says, e.g. "Quầy tiếp nhận và trả kết quả"')
    .option('--officer <officer>', 'for a desk point: the officer’s id, id prefix or exact name')
    .option('--form <key>', 'the form it serves (default: counter; see `forms list`)')
    .option('--kiosk', 'a kiosk: a shared tablet at the counter (its link opens kiosk mode)')
    .action(async (unitCode: string, label: string, o: { officer?: string; form?: string; kiosk?: boolean }) => {
      const p = await withDeps(async (deps) => {
        const unit = await unitByCode(deps, unitCode);
        const officerId = o.officer === undefined ? undefined : await officerIdFor(deps, unit.id, o.officer);
        return createPoint(deps, unit.id, parseArgs(createPointSchema, { label, officerId, formKey: o.form, kind: o.kiosk ? 'kiosk' : undefined }));
      });
      out(`created point "${p.label}" id ${p.id}\n  deepLink: ${p.deepLink}\n  webLink:  ${p.webLink}`);
    });

  point
    .command('list')
    .description('list a unit’s points with their links')
    .argument('<unitCode>')
    .option('--json', 'print JSON (with tokens and links)')
    .action(async (unitCode: string, o: { json?: boolean }) => {
      const rows = await withDeps(async (deps) => {
        const unit = await unitByCode(deps, unitCode);
        const officers = new Map((await listOfficers(deps.db.kysely, unit.id)).map((x) => [x.id, x.name]));
        return (await listPoints(deps.db.kysely, unit.id)).map(({ tokenKey, ...p }) => ({
          ...p,
          officerName: p.officerId ? (officers.get(p.officerId) ?? null) : null,
          ...pointLinks(deps.config, tokenKey, p.kind),
        }));
      });
      if (o.json) return printJson(rows);
      out(formatTable(['ID', 'ACTIVE', 'LABEL', 'OFFICER', 'DEEP LINK'], rows.map((p) => [shortId(p.id), p.active ? 'yes' : 'no', p.label, p.officerName ?? '-', p.deepLink])));
    });

  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    point
      .command(verb)
      .description(active ? 'make a disabled point’s QR work again' : 'stop a point: its QR answers 404 (past responses stay)')
      .argument('<pointId>', 'id or its first 8 characters')
      .action(async (id: string) => {
        const p = await withDeps(async (deps) => {
          const found = await pointById(deps, id);
          await setPointEnabled(deps, found.id, active);
          return found;
        });
        out(`point "${p.label}" ${active ? 'enabled' : 'disabled'}${active ? '' : '; run npm run qr to drop its poster'}`);
      });
  }

  point
    .command('rotate')
    .description('give a point a new token (copied or damaged QR): the old QR stops working, past responses stay')
    .argument('<pointId>', 'id or its first 8 characters')
    .action(async (id: string) => {
      const p = await withDeps((deps) => rotatePoint(deps, id));
      out(`rotated point "${p.label}" (${p.id}); the old QR code no longer works\n  deepLink: ${p.deepLink}\n  webLink:  ${p.webLink}\nRun npm run qr and print the new poster.`);
    });
}
