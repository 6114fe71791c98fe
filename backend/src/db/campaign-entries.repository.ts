import type { Kysely, Transaction } from 'kysely';
import type { EntryCount, EntryStatus } from '../domain/campaign-quota.ts';
import type { ListEntry } from '../domain/campaign-list.ts';
import type { CampaignList, CampaignOutcomeKind, Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A list entry as the enumerator and the supervisor see it: the person, and what became of them. */
export interface Entry {
  entryId: string;
  campaignId: string;
  unitId: string;
  list: CampaignList;
  order: number;
  name: string;
  phone: string | null;
  address: string | null;
  fieldKey: string;
  respondentKind: string;
  note: string | null;
  status: EntryStatus;
}

export interface NewOutcome {
  opId: string;
  entryId: string;
  campaignId: string;
  unitId: string;
  kind: Exclude<CampaignOutcomeKind, 'done'>;
  note: string | null;
  at: string;
  recordedAt: string;
  staffId: string | null;
  deviceId: string | null;
}

/**
 * A foreign-key failure on either dialect (SQLite: SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL:
 * 23503): here, an outcome or link for an entry its list replacement removed, or the reverse.
 */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

const CHUNK = 500;
const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

function entriesQuery(db: Executor) {
  return db
    .selectFrom('campaign_entries as e')
    .leftJoin('campaign_entry_outcomes as o', 'o.entry_id', 'e.id')
    .select(['e.id', 'e.campaign_id', 'e.unit_id', 'e.list', 'e.order_no', 'e.name', 'e.phone', 'e.address', 'e.field_key', 'e.respondent_kind', 'e.note', 'o.kind']);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['execute']>>[number];
const toEntry = (r: EntryRow): Entry => ({
  entryId: r.id,
  campaignId: r.campaign_id,
  unitId: r.unit_id,
  list: r.list,
  order: Number(r.order_no),
  name: r.name,
  phone: r.phone,
  address: r.address,
  fieldKey: r.field_key,
  respondentKind: r.respondent_kind,
  note: r.note,
  status: r.kind ?? 'pending',
});

/** Units' lists: official first, then reserve; by field (in the campaign's order) and order within each. */
export async function listEntries(db: Executor, campaignId: string, unitIds: readonly string[], fieldOrder: readonly string[] = []): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const part of chunks(unitIds)) {
    const rows = await entriesQuery(db).where('e.campaign_id', '=', campaignId).where('e.unit_id', 'in', part).execute();
    out.push(...rows.map(toEntry));
  }
  const listRank = (l: CampaignList) => (l === 'official' ? 0 : 1);
  const fieldRank = (k: string) => {
    const i = fieldOrder.indexOf(k);
    return i === -1 ? fieldOrder.length : i;
  };
  return out.sort((a, b) => a.unitId.localeCompare(b.unitId) || listRank(a.list) - listRank(b.list) || fieldRank(a.fieldKey) - fieldRank(b.fieldKey) || a.fieldKey.localeCompare(b.fieldKey) || a.order - b.order);
}

export async function findEntries(db: Executor, campaignId: string, entryIds: readonly string[]): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  for (const part of chunks([...new Set(entryIds)])) {
    for (const r of await entriesQuery(db).where('e.campaign_id', '=', campaignId).where('e.id', 'in', part).execute()) out.set(r.id, toEntry(r));
  }
  return out;
}

export async function unitHasOutcomes(db: Executor, campaignId: string, unitId: string): Promise<boolean> {
  const row = await db.selectFrom('campaign_entry_outcomes').select('op_id').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The unit's entries now, for reusing ids of people who stay on the list. */
export async function entryKeys(db: Executor, campaignId: string, unitId: string): Promise<{ id: string; list: CampaignList; fieldKey: string; order: number; name: string }[]> {
  const rows = await db.selectFrom('campaign_entries').select(['id', 'list', 'field_key', 'order_no', 'name']).where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).execute();
  return rows.map((r) => ({ id: r.id, list: r.list, fieldKey: r.field_key, order: Number(r.order_no), name: r.name }));
}

/** Replaces a unit's lists (the caller's transaction, after checking that no entry has an outcome). */
export async function replaceEntries(trx: Transaction<Database>, campaignId: string, unitId: string, entries: (ListEntry & { id: string })[], now: string): Promise<void> {
  await trx.deleteFrom('campaign_entries').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).execute();
  for (const part of chunks(entries, 200)) {
    await trx
      .insertInto('campaign_entries')
      .values(
        part.map((e) => ({
          id: e.id,
          campaign_id: campaignId,
          unit_id: unitId,
          list: e.list,
          order_no: e.order,
          name: e.name,
          phone: e.phone,
          address: e.address,
          field_key: e.fieldKey,
          respondent_kind: e.respondentKind,
          note: e.note,
          source_line: e.line,
          created_at: now,
        })),
      )
      .execute();
  }
}

/** Op ids already recorded: as a response (its clientId) or as an outcome. */
export async function knownOpIds(db: Executor, opIds: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const part of chunks([...new Set(opIds)])) {
    for (const r of await db.selectFrom('campaign_entry_outcomes').select('op_id').where('op_id', 'in', part).execute()) known.add(r.op_id);
    for (const r of await db.selectFrom('responses').select('client_id').where('client_id', 'in', part).execute()) known.add(r.client_id);
  }
  return known;
}

export async function insertOutcomes(db: Executor, rows: readonly NewOutcome[]): Promise<void> {
  for (const part of chunks(rows, 200)) {
    await db
      .insertInto('campaign_entry_outcomes')
      .values(
        part.map((o) => ({
          op_id: o.opId,
          entry_id: o.entryId,
          campaign_id: o.campaignId,
          unit_id: o.unitId,
          kind: o.kind,
          response_id: null,
          note: o.note,
          at: o.at,
          recorded_at: o.recordedAt,
          staff_id: o.staffId,
          device_id: o.deviceId,
        })),
      )
      .execute();
  }
}

/** Entries per unit, field, kind, list and status: what progress is computed from. */
export async function entryCounts(db: Executor, campaignId: string): Promise<EntryCount[]> {
  const rows = await db
    .selectFrom('campaign_entries as e')
    .leftJoin('campaign_entry_outcomes as o', 'o.entry_id', 'e.id')
    .select(['e.unit_id', 'e.field_key', 'e.respondent_kind', 'e.list', 'o.kind'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.campaign_id', '=', campaignId)
    .groupBy(['e.unit_id', 'e.field_key', 'e.respondent_kind', 'e.list', 'o.kind'])
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, fieldKey: r.field_key, respondentKind: r.respondent_kind, list: r.list, status: r.kind ?? 'pending', n: Number(r.n) }));
}
