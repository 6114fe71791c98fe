import { AppError } from '../../app-error.ts';
import { listEntries } from '../../db/campaign-entries.repository.ts';
import { findCampaigns, listAssignments, listCampaignUnits, listQuotas, type Campaign, type CampaignUnit } from '../../db/campaigns.repository.ts';
import type { Staff } from '../../db/staff.repository.ts';
import type { Deps } from '../../deps.ts';
import { vietnamDay } from '../../domain/day.ts';
import type { FormDefinition } from '../../domain/form.ts';
import { formView } from '../form-view.ts';
import { campaignOrThrow } from './campaign-access.ts';
import { campaignSummary } from './campaign-view.ts';

/** The campaigns and units assigned to an enumerator. */
export async function enumeratorAssignments(deps: Deps, staff: Staff) {
  const rows = await listAssignments(deps.db.kysely, { staffId: staff.id });
  const byCampaign = new Map<string, Set<string>>();
  for (const a of rows) (byCampaign.get(a.campaignId) ?? byCampaign.set(a.campaignId, new Set()).get(a.campaignId)!).add(a.unitId);
  const today = vietnamDay(deps.now());
  const assignments = [];
  for (const c of await findCampaigns(deps.db.kysely, [...byCampaign.keys()])) {
    const mine = byCampaign.get(c.id)!;
    const units = (await listCampaignUnits(deps.db.kysely, c.id)).filter((u) => mine.has(u.unitId));
    assignments.push({ campaign: campaignSummary(c, today), units: units.map((u) => ({ id: u.unitId, code: u.code, name: u.name })) });
  }
  return { assignments };
}

/** A campaign and the units of it assigned to this enumerator; 403 when none is. */
export async function assignedUnits(deps: Deps, staff: Staff, campaignId: string): Promise<{ campaign: Campaign; units: CampaignUnit[] }> {
  const campaign = await campaignOrThrow(deps, campaignId);
  const mine = new Set((await listAssignments(deps.db.kysely, { campaignId, staffId: staff.id })).map((a) => a.unitId));
  if (mine.size === 0) throw new AppError('forbidden', 'Bạn chưa được phân công đơn vị nào của đợt khảo sát này.');
  return { campaign, units: (await listCampaignUnits(deps.db.kysely, campaignId)).filter((u) => mine.has(u.unitId)) };
}

/** The campaign's form, the version pinned when it was made. */
export async function campaignForm(deps: Deps, c: Campaign): Promise<FormDefinition> {
  const form = await deps.forms.version(deps.db, c.formKey, c.formVersion, deps.now().getTime());
  if (!form) throw new Error(`campaign ${c.id} answers form ${c.formKey} v${c.formVersion}, which does not exist`);
  return form;
}

/**
 * Everything for a day offline: the campaign, its form, fields and kinds, and each assigned
 * unit's lists with what became of each person, and its quotas.
 */
export async function enumeratorDay(deps: Deps, staff: Staff, campaignId: string) {
  const { campaign, units } = await assignedUnits(deps, staff, campaignId);
  const entries = await listEntries(
    deps.db.kysely,
    campaign.id,
    units.map((u) => u.unitId),
    campaign.fields.map((f) => f.key),
  );
  const quotas = await listQuotas(deps.db.kysely, campaign.id);
  const now = deps.now();
  return {
    campaign: campaignSummary(campaign, vietnamDay(now)),
    form: formView(await campaignForm(deps, campaign)),
    fields: campaign.fields,
    respondentKinds: campaign.respondentKinds,
    units: units.map((u) => ({
      unitId: u.unitId,
      code: u.code,
      name: u.name,
      entries: entries
        .filter((e) => e.unitId === u.unitId)
        .map((e) => ({ entryId: e.entryId, list: e.list, order: e.order, name: e.name, phone: e.phone, address: e.address, fieldKey: e.fieldKey, respondentKind: e.respondentKind, note: e.note, status: e.status })),
      quotas: quotas.filter((q) => q.unitId === u.unitId).map(({ unitId: _u, ...q }) => q),
    })),
    serverTime: now.toISOString(),
  };
}
