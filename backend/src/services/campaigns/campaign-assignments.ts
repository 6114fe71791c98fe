import { AppError } from '../../app-error.ts';
import { insertAssignments, listAssignments, listCampaignUnits } from '../../db/campaigns.repository.ts';
import { findStaffById } from '../../db/staff.repository.ts';
import type { Deps } from '../../deps.ts';
import type { Principal } from '../auth.service.ts';
import { campaignOrThrow, mayManage, reachOf, requireManager } from './campaign-access.ts';

/**
 * Assigns an enumerator (an active `enumerator` account within the caller's reach) to units of
 * a campaign the caller manages; assigning a unit twice changes nothing.
 */
export async function assignEnumerator(deps: Deps, principal: Principal, campaignId: string, input: { staffId: string; unitIds: string[] }) {
  requireManager(principal);
  const c = await campaignOrThrow(deps, campaignId);
  const reach = await reachOf(deps, principal);
  const staff = await findStaffById(deps.db.kysely, input.staffId);
  // Someone outside the caller's reach reads as no one: staff ids elsewhere stay unknown.
  if (!staff || !staff.active || staff.role !== 'enumerator' || !mayManage(principal, reach, staff.unitId)) {
    throw new AppError('invalid_input', 'Không có tài khoản điều tra viên này (đang hoạt động) trong phạm vi quản lý của bạn.', { details: [{ path: 'staffId', message: 'Không phải điều tra viên trong phạm vi của bạn.' }] });
  }
  const units = new Set((await listCampaignUnits(deps.db.kysely, c.id)).map((u) => u.unitId));
  const details = input.unitIds.flatMap((u, i) => (units.has(u) ? [] : [{ path: `unitIds.${i}`, message: 'Đơn vị không thuộc đợt khảo sát.' }]));
  if (details.length > 0) throw new AppError('invalid_input', 'Có đơn vị không thuộc đợt khảo sát; chưa phân công gì.', { details });
  if (!input.unitIds.every((u) => mayManage(principal, reach, u))) throw new AppError('forbidden', 'Có đơn vị ngoài phạm vi quản lý của bạn.');
  const now = deps.now().toISOString();
  await insertAssignments(
    deps.db.kysely,
    [...new Set(input.unitIds)].map((unitId) => ({ campaignId: c.id, staffId: staff.id, unitId, assignedBy: principal.kind === 'staff' ? principal.staff.id : null, assignedAt: now })),
  );
  const assigned = await listAssignments(deps.db.kysely, { campaignId: c.id, staffId: staff.id });
  return { campaignId: c.id, staffId: staff.id, username: staff.username, unitIds: assigned.map((a) => a.unitId) };
}
