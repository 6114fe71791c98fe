import { AppError } from '../../app-error.ts';
import { findCampaign, listAssignments, type Campaign } from '../../db/campaigns.repository.ts';
import { unitSubtreeIds } from '../../db/units.repository.ts';
import type { Staff } from '../../db/staff.repository.ts';
import type { Deps } from '../../deps.ts';
import type { Principal } from '../auth.service.ts';

/**
 * Who may do what with a campaign (API.md contract for issue 29). A sign-in's reach is the
 * units whose screens it may open (auth.service.ts canAccessUnit): the admin token all,
 * a supervisor their subtree, a clerk or chairman their unit, an enumerator none — an
 * enumerator sees only the units of a campaign assigned to them.
 */
export type Reach = { all: true } | { all: false; units: ReadonlySet<string> };

export async function reachOf(deps: Deps, principal: Principal): Promise<Reach> {
  if (principal.kind === 'admin') return { all: true };
  const { staff } = principal;
  if (staff.role === 'supervisor') return { all: false, units: await unitSubtreeIds(deps.db.kysely, staff.unitId) };
  if (staff.role === 'enumerator') return { all: false, units: new Set() };
  return { all: false, units: new Set([staff.unitId]) };
}

export const reaches = (reach: Reach, unitId: string): boolean => reach.all || reach.units.has(unitId);

/** Makes campaigns, imports lists, assigns enumerators: the admin token, or a supervisor whose subtree holds the unit. */
export function mayManage(principal: Principal, reach: Reach, unitId: string): boolean {
  if (principal.kind === 'admin') return true;
  return principal.staff.role === 'supervisor' && reaches(reach, unitId);
}

export function requireManager(principal: Principal): void {
  if (principal.kind === 'staff' && principal.staff.role !== 'supervisor') {
    throw new AppError('forbidden', 'Chỉ cán bộ theo dõi (Phòng Nội vụ, Sở Nội vụ) mới quản lý đợt khảo sát.');
  }
}

export async function campaignOrThrow(deps: Deps, campaignId: string): Promise<Campaign> {
  const c = await findCampaign(deps.db.kysely, campaignId);
  if (!c) throw new AppError('not_found', 'Không có đợt khảo sát này.');
  return c;
}

/** The units of the campaign this sign-in may see: its reach, or an enumerator's assignments. */
export async function visibleUnitIds(deps: Deps, principal: Principal, campaignId: string, campaignUnitIds: readonly string[]): Promise<Set<string>> {
  if (principal.kind === 'staff' && principal.staff.role === 'enumerator') {
    return new Set((await listAssignments(deps.db.kysely, { campaignId, staffId: principal.staff.id })).map((a) => a.unitId));
  }
  const reach = await reachOf(deps, principal);
  return new Set(campaignUnitIds.filter((u) => reaches(reach, u)));
}

/** The enumerator behind a sign-in; 403 for anyone else (the admin token included: it has no lists). */
export function enumeratorOf(principal: Principal): Staff {
  if (principal.kind !== 'staff' || principal.staff.role !== 'enumerator') throw new AppError('forbidden', 'Chỉ tài khoản điều tra viên mới dùng được chức năng này.');
  return principal.staff;
}
