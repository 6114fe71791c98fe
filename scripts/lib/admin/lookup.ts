import { findIdsByPrefix } from '../../../backend/src/db/id-prefix.repository.ts';
import { findOfficer, type Officer } from '../../../backend/src/db/officers.repository.ts';
import { findPoint, type Point } from '../../../backend/src/db/points.repository.ts';
import { findStaffByUsername, type Staff } from '../../../backend/src/db/staff.repository.ts';
import { findUnitByCode, type Unit } from '../../../backend/src/db/units.repository.ts';
import type { Deps } from '../../../backend/src/deps.ts';
import { CliError } from '../cli/errors.ts';

export async function unitByCode(deps: Deps, code: string): Promise<Unit> {
  const unit = await findUnitByCode(deps.db.kysely, code);
  if (!unit) throw new CliError(`unknown unit code "${code}" (see: npm run admin -- unit list)`);
  return unit;
}

async function idFromPrefix(deps: Deps, table: 'points' | 'officers', idOrPrefix: string, what: string): Promise<string> {
  const ids = await findIdsByPrefix(deps.db.kysely, table, idOrPrefix);
  if (ids.length === 0) throw new CliError(`no ${what} with id "${idOrPrefix}"`);
  if (ids.length > 1) throw new CliError(`id "${idOrPrefix}" matches several ${what}s: give more characters`);
  return ids[0]!;
}

/** A point by its full id or a unique prefix (the 8 characters listings and QR file names show). */
export async function pointById(deps: Deps, idOrPrefix: string): Promise<Point> {
  const point = await findPoint(deps.db.kysely, await idFromPrefix(deps, 'points', idOrPrefix, 'point'));
  if (!point) throw new CliError(`no point with id "${idOrPrefix}"`);
  return point;
}

export async function officerById(deps: Deps, idOrPrefix: string): Promise<Officer> {
  const officer = await findOfficer(deps.db.kysely, await idFromPrefix(deps, 'officers', idOrPrefix, 'officer'));
  if (!officer) throw new CliError(`no officer with id "${idOrPrefix}"`);
  return officer;
}

export async function staffByUsername(deps: Deps, username: string): Promise<Staff> {
  const staff = await findStaffByUsername(deps.db.kysely, username.toLowerCase());
  if (!staff) throw new CliError(`no staff account "${username}"`);
  return staff;
}
