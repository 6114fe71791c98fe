import type { PointKind } from '../domain/channels.ts';
import type { UnitTable, StaffRole } from '../db/schema.ts';
import { findUnitByCode, findUnitById, insertUnit, type Unit } from '../db/units.repository.ts';
import { findOfficer, insertOfficer, setOfficerActive, type Officer } from '../db/officers.repository.ts';
import { insertPoint, setPointActive, setPointTokenKey, type Point } from '../db/points.repository.ts';
import { findStaffByUsername, insertStaff, type Staff } from '../db/staff.repository.ts';
import { hashPassword } from '../security/passwords.ts';
import { newTokenKey, signPointToken } from '../security/point-token.ts';
import { AppError } from '../app-error.ts';
import { DEFAULT_FORM_KEY } from '../domain/built-in-forms.ts';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';

export interface PointLinks {
  token: string;
  deepLink: string;
  webLink: string;
}

/** The QR's Zalo deep link and the web link for phones without Zalo. */
export function pointLinks(config: Pick<Config, 'APP_SECRET' | 'ZALO_MINI_APP_ID' | 'PUBLIC_URL'>, tokenKey: string, kind: PointKind = 'counter'): PointLinks {
  const token = signPointToken(config.APP_SECRET, tokenKey);
  const q = encodeURIComponent(token);
  // A kiosk's link opens kiosk mode (idle reset, large targets): the tablet is set up from it.
  const kiosk = kind === 'kiosk' ? '&kiosk=1' : '';
  return {
    token,
    deepLink: `https://zalo.me/s/${config.ZALO_MINI_APP_ID}/?q=${q}${kiosk}`,
    webLink: `${config.PUBLIC_URL}/app/?q=${q}${kiosk}`,
  };
}

export async function createUnit(
  deps: Deps,
  input: { code: string; name: string; kind?: UnitTable['kind']; parentCode?: string | undefined },
): Promise<Unit> {
  const { kysely } = deps.db;
  return kysely.transaction().execute(async (trx) => {
    if (await findUnitByCode(trx, input.code)) throw new AppError('conflict', `unit code "${input.code}" already exists`);
    let parentId: string | null = null;
    if (input.parentCode !== undefined) {
      const parent = await findUnitByCode(trx, input.parentCode);
      if (!parent) throw new AppError('invalid_input', `parent unit "${input.parentCode}" does not exist`, { details: [{ path: 'parentCode', message: 'unknown unit code' }] });
      parentId = parent.id;
    }
    return insertUnit(trx, {
      id: crypto.randomUUID(),
      code: input.code,
      name: input.name,
      kind: input.kind ?? 'commune',
      parentId,
      now: deps.now().toISOString(),
    });
  });
}

export async function requireUnit(deps: Deps, unitId: string): Promise<Unit> {
  const unit = await findUnitById(deps.db.kysely, unitId);
  if (!unit) throw new AppError('not_found', 'unit not found');
  return unit;
}

export async function createOfficer(deps: Deps, unitId: string, input: { name: string; title?: string | undefined }): Promise<Officer> {
  await requireUnit(deps, unitId);
  deps.points.clear();
  return insertOfficer(deps.db.kysely, {
    id: crypto.randomUUID(),
    unitId,
    name: input.name,
    title: input.title ?? null,
    now: deps.now().toISOString(),
  });
}

export async function createPoint(
  deps: Deps,
  unitId: string,
  input: { label: string; officerId?: string | undefined; formKey?: string | undefined; kind?: PointKind | undefined },
): Promise<Point & PointLinks> {
  await requireUnit(deps, unitId);
  const formKey = input.formKey ?? DEFAULT_FORM_KEY;
  if (!(await deps.forms.latest(deps.db, formKey, deps.now().getTime()))) {
    throw new AppError('invalid_input', `Không có phiếu khảo sát "${formKey}".`, { details: [{ path: 'formKey', message: 'không có phiếu này' }] });
  }
  if (input.officerId !== undefined) {
    const officer = await findOfficer(deps.db.kysely, input.officerId);
    if (!officer || officer.unitId !== unitId || !officer.active) {
      throw new AppError('invalid_input', 'officerId is not an active officer of this unit', {
        details: [{ path: 'officerId', message: 'not an active officer of this unit' }],
      });
    }
  }
  const point = await insertPoint(deps.db.kysely, {
    id: crypto.randomUUID(),
    unitId,
    officerId: input.officerId ?? null,
    label: input.label,
    tokenKey: newTokenKey(),
    formKey,
    kind: input.kind ?? 'counter',
    now: deps.now().toISOString(),
  });
  return { ...point, ...pointLinks(deps.config, point.tokenKey, point.kind) };
}

/** Replaces a point's token: the old QR answers 404 from now on; its past responses stay. */
export async function rotatePointToken(deps: Deps, point: Point): Promise<Point & PointLinks> {
  const tokenKey = newTokenKey();
  await setPointTokenKey(deps.db.kysely, point.id, tokenKey);
  deps.points.clear();
  return { ...point, tokenKey, ...pointLinks(deps.config, tokenKey, point.kind) };
}

/** Disables or re-enables a point (its QR code) or an officer; takes effect at once in this process. */
export async function setPointEnabled(deps: Deps, pointId: string, active: boolean): Promise<void> {
  await setPointActive(deps.db.kysely, pointId, active);
  deps.points.clear();
}

export async function setOfficerEnabled(deps: Deps, officerId: string, active: boolean): Promise<void> {
  await setOfficerActive(deps.db.kysely, officerId, active);
  deps.points.clear();
}

export async function createStaff(
  deps: Deps,
  unitId: string,
  input: { username: string; password: string; role: StaffRole },
): Promise<Staff> {
  await requireUnit(deps, unitId);
  if (await findStaffByUsername(deps.db.kysely, input.username)) {
    throw new AppError('conflict', `username "${input.username}" already exists`);
  }
  return insertStaff(deps.db.kysely, {
    id: crypto.randomUUID(),
    unitId,
    username: input.username,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    now: deps.now().toISOString(),
  });
}
