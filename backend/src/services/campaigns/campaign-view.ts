import { AppError } from '../../app-error.ts';
import { campaignIdsOfUnits, findCampaigns, listAssignments, listCampaignUnits, listQuotas, usernamesOf, type Campaign } from '../../db/campaigns.repository.ts';
import { entryCounts } from '../../db/campaign-entries.repository.ts';
import { unitSubtreeIds } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import { progressByUnit, totalOf } from '../../domain/campaign-quota.ts';
import { campaignStatus } from '../../domain/campaign-window.ts';
import { vietnamDay } from '../../domain/day.ts';
import type { Principal } from '../auth.service.ts';
import { campaignOrThrow, reachOf, reaches, visibleUnitIds } from './campaign-access.ts';

/** A campaign as lists show it. */
export function campaignSummary(c: Campaign, today: string) {
  return { id: c.id, name: c.name, formKey: c.formKey, formVersion: c.formVersion, opensOn: c.opensOn, closesOn: c.closesOn, status: campaignStatus(c, today), rootUnitId: c.rootUnitId };
}

/** The campaigns that survey the unit or units under it, as far as this sign-in reaches. */
export async function campaignsOfUnit(deps: Deps, principal: Principal, unitId: string) {
  const reach = await reachOf(deps, principal);
  const units = [...(await unitSubtreeIds(deps.db.kysely, unitId))].filter((u) => reaches(reach, u));
  const campaigns = await findCampaigns(deps.db.kysely, await campaignIdsOfUnits(deps.db.kysely, units));
  const today = vietnamDay(deps.now());
  return { campaigns: campaigns.map((c) => campaignSummary(c, today)) };
}

/** The units of a campaign this sign-in sees; 403 when it sees none. */
async function visibleUnits(deps: Deps, principal: Principal, c: Campaign) {
  const units = await listCampaignUnits(deps.db.kysely, c.id);
  const visible = await visibleUnitIds(
    deps,
    principal,
    c.id,
    units.map((u) => u.unitId),
  );
  if (visible.size === 0) throw new AppError('forbidden', 'Không có quyền xem đợt khảo sát này.');
  return units.filter((u) => visible.has(u.unitId));
}

/**
 * A campaign's definition: its units, fields, kinds and quotas — the units (and their quotas)
 * this sign-in may see; a commune's clerk sees their commune's part only.
 */
export async function campaignDefinition(deps: Deps, principal: Principal, campaignId: string) {
  const c = await campaignOrThrow(deps, campaignId);
  return definitionView(deps, c, await visibleUnits(deps, principal, c));
}

export async function definitionView(deps: Deps, c: Campaign, units?: Awaited<ReturnType<typeof listCampaignUnits>>) {
  const shown = units ?? (await listCampaignUnits(deps.db.kysely, c.id));
  const ids = new Set(shown.map((u) => u.unitId));
  const quotas = (await listQuotas(deps.db.kysely, c.id)).filter((q) => ids.has(q.unitId));
  const code = new Map(shown.map((u) => [u.unitId, u.code]));
  quotas.sort((a, b) => code.get(a.unitId)!.localeCompare(code.get(b.unitId)!) || a.fieldKey.localeCompare(b.fieldKey) || a.respondentKind.localeCompare(b.respondentKind));
  return {
    ...campaignSummary(c, vietnamDay(deps.now())),
    createdAt: c.createdAt,
    units: shown.map((u) => ({ id: u.unitId, unitId: u.unitId, code: u.code, name: u.name })),
    fields: c.fields,
    respondentKinds: c.respondentKinds,
    quotas,
  };
}

/** Progress against the quotas (R4.3) of the units this sign-in sees. */
export async function campaignProgress(deps: Deps, principal: Principal, campaignId: string) {
  const c = await campaignOrThrow(deps, campaignId);
  const units = await visibleUnits(deps, principal, c);
  const cells = progressByUnit(
    units.map((u) => u.unitId),
    await listQuotas(deps.db.kysely, c.id),
    await entryCounts(deps.db.kysely, c.id),
    { fields: c.fields.map((f) => f.key), kinds: c.respondentKinds.map((k) => k.key) },
  );
  const fieldName = new Map(c.fields.map((f) => [f.key, f.name]));
  const kindLabel = new Map(c.respondentKinds.map((k) => [k.key, k.label]));
  const rows = units.map((u) => {
    const unitCells = cells.get(u.unitId) ?? [];
    return {
      unitId: u.unitId,
      code: u.code,
      name: u.name,
      rows: unitCells.map((r) => ({ ...r, fieldName: fieldName.get(r.fieldKey) ?? r.fieldKey, respondentKindLabel: kindLabel.get(r.respondentKind) ?? r.respondentKind })),
      total: totalOf(unitCells),
    };
  });
  return {
    campaignId: c.id,
    name: c.name,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    status: campaignStatus(c, vietnamDay(deps.now())),
    units: rows,
    total: totalOf([...cells.values()].flat()),
  };
}

/** Who works which unit (the units this sign-in sees). */
export async function campaignAssignments(deps: Deps, principal: Principal, campaignId: string) {
  const c = await campaignOrThrow(deps, campaignId);
  const units = new Set((await visibleUnits(deps, principal, c)).map((u) => u.unitId));
  const rows = (await listAssignments(deps.db.kysely, { campaignId })).filter((a) => units.has(a.unitId));
  const names = await usernamesOf(deps.db.kysely, rows.map((r) => r.staffId));
  const byStaff = new Map<string, string[]>();
  for (const a of rows) (byStaff.get(a.staffId) ?? byStaff.set(a.staffId, []).get(a.staffId)!).push(a.unitId);
  return { campaignId, assignments: [...byStaff].map(([staffId, unitIds]) => ({ staffId, username: names.get(staffId) ?? '', unitIds })) };
}
