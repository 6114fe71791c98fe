import type { Kysely, Transaction } from 'kysely';
import type { QuotaCell } from '../domain/campaign-quota.ts';
import type { CampaignTable, Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface CampaignField {
  key: string;
  name: string;
}

export interface RespondentKind {
  key: string;
  label: string;
}

export interface Campaign {
  id: string;
  rootUnitId: string;
  name: string;
  formKey: string;
  formVersion: number;
  opensOn: string;
  closesOn: string;
  fields: CampaignField[];
  respondentKinds: RespondentKind[];
  createdBy: string | null;
  createdAt: string;
}

export interface CampaignUnit {
  unitId: string;
  code: string;
  name: string;
  pointId: string;
  /** Campaign field key → the unit's field id. */
  fieldIds: Record<string, string>;
}

export interface Assignment {
  campaignId: string;
  staffId: string;
  unitId: string;
}

const toCampaign = (r: CampaignTable): Campaign => ({
  id: r.id,
  rootUnitId: r.root_unit_id,
  name: r.name,
  formKey: r.form_key,
  formVersion: Number(r.form_version),
  opensOn: r.opens_on,
  closesOn: r.closes_on,
  fields: JSON.parse(r.fields) as CampaignField[],
  respondentKinds: JSON.parse(r.respondent_kinds) as RespondentKind[],
  createdBy: r.created_by,
  createdAt: r.created_at,
});

// Rows per multi-row INSERT / ids per IN list: well under both dialects' parameter limits.
const CHUNK = 500;
const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

export async function insertCampaign(trx: Transaction<Database>, c: Campaign, units: Omit<CampaignUnit, 'code' | 'name'>[], quotas: QuotaCell[]): Promise<void> {
  await trx
    .insertInto('campaigns')
    .values({
      id: c.id,
      root_unit_id: c.rootUnitId,
      name: c.name,
      form_key: c.formKey,
      form_version: c.formVersion,
      opens_on: c.opensOn,
      closes_on: c.closesOn,
      fields: JSON.stringify(c.fields),
      respondent_kinds: JSON.stringify(c.respondentKinds),
      created_by: c.createdBy,
      created_at: c.createdAt,
    })
    .execute();
  for (const part of chunks(units)) {
    await trx
      .insertInto('campaign_units')
      .values(part.map((u) => ({ campaign_id: c.id, unit_id: u.unitId, point_id: u.pointId, field_ids: JSON.stringify(u.fieldIds) })))
      .execute();
  }
  for (const part of chunks(quotas)) {
    await trx
      .insertInto('campaign_quotas')
      .values(part.map((q) => ({ campaign_id: c.id, unit_id: q.unitId, field_key: q.fieldKey, respondent_kind: q.respondentKind, official: q.official, reserve: q.reserve })))
      .execute();
  }
}

export async function findCampaign(db: Executor, id: string): Promise<Campaign | undefined> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCampaign(row);
}

export async function findCampaigns(db: Executor, ids: readonly string[]): Promise<Campaign[]> {
  const out: Campaign[] = [];
  for (const part of chunks(ids)) out.push(...(await db.selectFrom('campaigns').selectAll().where('id', 'in', part).execute()).map(toCampaign));
  return out.sort((a, b) => b.opensOn.localeCompare(a.opensOn) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Ids of the campaigns that survey any of these units. */
export async function campaignIdsOfUnits(db: Executor, unitIds: readonly string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const part of chunks(unitIds)) {
    for (const r of await db.selectFrom('campaign_units').select('campaign_id').distinct().where('unit_id', 'in', part).execute()) ids.add(r.campaign_id);
  }
  return [...ids];
}

/** The campaign's units with their codes and names, by code. */
export async function listCampaignUnits(db: Executor, campaignId: string): Promise<CampaignUnit[]> {
  const rows = await db
    .selectFrom('campaign_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select(['cu.unit_id', 'cu.point_id', 'cu.field_ids', 'u.code', 'u.name'])
    .where('cu.campaign_id', '=', campaignId)
    .orderBy('u.code')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, code: r.code, name: r.name, pointId: r.point_id, fieldIds: JSON.parse(r.field_ids) as Record<string, string> }));
}

export async function listQuotas(db: Executor, campaignId: string): Promise<QuotaCell[]> {
  const rows = await db.selectFrom('campaign_quotas').selectAll().where('campaign_id', '=', campaignId).execute();
  return rows.map((r) => ({ unitId: r.unit_id, fieldKey: r.field_key, respondentKind: r.respondent_kind, official: Number(r.official), reserve: Number(r.reserve) }));
}

/** Adds assignments; one already there stays as it was. */
export async function insertAssignments(db: Executor, rows: (Assignment & { assignedBy: string | null; assignedAt: string })[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('campaign_assignments')
      .values(part.map((a) => ({ campaign_id: a.campaignId, staff_id: a.staffId, unit_id: a.unitId, assigned_by: a.assignedBy, assigned_at: a.assignedAt })))
      .onConflict((oc) => oc.columns(['campaign_id', 'staff_id', 'unit_id']).doNothing())
      .execute();
  }
}

/** A campaign's assignments (or one staff member's, or both). */
export async function listAssignments(db: Executor, by: { campaignId?: string; staffId?: string }): Promise<Assignment[]> {
  let q = db.selectFrom('campaign_assignments').select(['campaign_id', 'staff_id', 'unit_id']);
  if (by.campaignId !== undefined) q = q.where('campaign_id', '=', by.campaignId);
  if (by.staffId !== undefined) q = q.where('staff_id', '=', by.staffId);
  const rows = await q.orderBy('campaign_id').orderBy('staff_id').orderBy('unit_id').execute();
  return rows.map((r) => ({ campaignId: r.campaign_id, staffId: r.staff_id, unitId: r.unit_id }));
}

/** Every field of these units (active or not), for mapping a campaign's fields onto them. */
export async function fieldsOfUnits(db: Executor, unitIds: readonly string[]): Promise<Map<string, { id: string; name: string; sortOrder: number }[]>> {
  const out = new Map<string, { id: string; name: string; sortOrder: number }[]>(unitIds.map((u) => [u, []]));
  for (const part of chunks(unitIds)) {
    const rows = await db.selectFrom('fields').select(['id', 'unit_id', 'name', 'sort_order']).where('unit_id', 'in', part).orderBy('sort_order').orderBy('id').execute();
    for (const r of rows) out.get(r.unit_id)?.push({ id: r.id, name: r.name, sortOrder: Number(r.sort_order) });
  }
  return out;
}

/**
 * A campaign field a unit lacks, added to the unit inactive: the unit's tallies count it, its
 * QR form does not offer it to citizens.
 */
export async function insertInactiveFields(trx: Transaction<Database>, rows: { id: string; unitId: string; name: string; sortOrder: number }[]): Promise<void> {
  for (const part of chunks(rows)) {
    await trx
      .insertInto('fields')
      .values(part.map((f) => ({ id: f.id, unit_id: f.unitId, name: f.name, sort_order: f.sortOrder, active: 0 as const })))
      .execute();
  }
}

/** The point a campaign's responses at a unit carry: inactive, so no QR code or link ever opens it. */
export async function insertCampaignPoints(trx: Transaction<Database>, rows: { id: string; unitId: string; label: string; tokenKey: string; formKey: string; now: string }[]): Promise<void> {
  for (const part of chunks(rows)) {
    await trx
      .insertInto('points')
      .values(part.map((p) => ({ id: p.id, unit_id: p.unitId, officer_id: null, label: p.label, token_key: p.tokenKey, form_key: p.formKey, kind: 'counter' as const, active: 0 as const, created_at: p.now })))
      .execute();
  }
}

/** Usernames of staff members, by id. */
export async function usernamesOf(db: Executor, staffIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(staffIds)])) {
    for (const s of await db.selectFrom('staff').select(['id', 'username']).where('id', 'in', part).execute()) out.set(s.id, s.username);
  }
  return out;
}
