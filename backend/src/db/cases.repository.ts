import type { Kysely, Transaction } from 'kysely';
import type { CaseKind, CaseStatus, Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export { OPEN_CASE_STATUSES as OPEN_STATUSES, isOpenCase as isOpen } from '../domain/cases.ts';
import { OPEN_CASE_STATUSES as OPEN_STATUSES } from '../domain/cases.ts';

export interface Case {
  responseId: string;
  unitId: string;
  officerId: string | null;
  kind: CaseKind;
  status: CaseStatus;
  ownerStaffId: string | null;
  day: string;
  dueDay: string;
  escalation: number;
  createdAt: string;
  updatedAt: string;
}

type Row = Database['cases'];
const toCase = (r: Row): Case => ({
  responseId: r.response_id,
  unitId: r.unit_id,
  officerId: r.officer_id,
  kind: r.kind,
  status: r.status,
  ownerStaffId: r.owner_staff_id,
  day: r.day,
  dueDay: r.due_day,
  escalation: Number(r.escalation),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewCase {
  responseId: string;
  unitId: string;
  officerId: string | null;
  kind: CaseKind;
  day: string;
  dueDay: string;
  createdAt: string;
}

/** Opens a case unless its response has one (retries, replicas): compiled into a response batch's COMMIT. */
export function insertCaseQuery(db: Executor, c: NewCase) {
  return db
    .insertInto('cases')
    .values({
      response_id: c.responseId,
      unit_id: c.unitId,
      officer_id: c.officerId,
      kind: c.kind,
      status: 'new',
      owner_staff_id: null,
      day: c.day,
      due_day: c.dueDay,
      escalation: 0,
      created_at: c.createdAt,
      updated_at: c.createdAt,
    })
    .onConflict((oc) => oc.column('response_id').doNothing());
}

export async function findCase(db: Executor, unitId: string, responseId: string): Promise<Case | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('unit_id', '=', unitId).where('response_id', '=', responseId).executeTakeFirst();
  return row ? toCase(row) : undefined;
}

export async function casesOfResponses(db: Executor, responseIds: readonly string[]): Promise<Map<string, Case>> {
  if (responseIds.length === 0) return new Map();
  const rows = await db.selectFrom('cases').selectAll().where('response_id', 'in', [...responseIds]).execute();
  return new Map(rows.map((r) => [r.response_id, toCase(r)]));
}

export interface CaseFilter {
  unitId: string;
  status?: 'open' | 'closed' | CaseStatus | undefined;
  officerId?: string | undefined;
  /** Only open cases past their due day (as of this day). */
  overdueOn?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Paging: cases created before this instant, or before "instant|responseId" (ties broken by id; newest first). */
  before?: string | undefined;
  limit: number;
}

export async function listCases(db: Executor, f: CaseFilter): Promise<Case[]> {
  let q = db.selectFrom('cases').selectAll().where('unit_id', '=', f.unitId);
  if (f.status === 'open') q = q.where('status', 'in', [...OPEN_STATUSES]);
  else if (f.status === 'closed') q = q.where('status', 'not in', [...OPEN_STATUSES]);
  else if (f.status) q = q.where('status', '=', f.status);
  if (f.officerId) q = q.where('officer_id', '=', f.officerId);
  if (f.overdueOn) q = q.where('status', 'in', [...OPEN_STATUSES]).where('due_day', '<', f.overdueOn);
  if (f.from) q = q.where('day', '>=', f.from);
  if (f.to) q = q.where('day', '<=', f.to);
  if (f.before) {
    const [at, id] = f.before.split('|') as [string, string | undefined];
    // Backfilled cases share one instant: the id breaks the tie, so a page never skips any.
    q = id === undefined ? q.where('created_at', '<', at) : q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('response_id', '<', id)])]));
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('response_id', 'desc').limit(f.limit).execute();
  return rows.map(toCase);
}

/** Open cases per unit and how many of them are overdue (the digest, the alerts screen). */
export async function openCaseCounts(db: Executor, unitId: string, today: string): Promise<{ open: number; overdue: number }> {
  const rows = await db.selectFrom('cases').select(['due_day']).where('unit_id', '=', unitId).where('status', 'in', [...OPEN_STATUSES]).execute();
  return { open: rows.length, overdue: rows.filter((r) => r.due_day < today).length };
}

export async function updateCase(db: Executor, unitId: string, responseId: string, set: { status?: CaseStatus; ownerStaffId?: string | null; updatedAt: string }): Promise<void> {
  await db
    .updateTable('cases')
    .set({
      ...(set.status !== undefined ? { status: set.status } : {}),
      ...(set.ownerStaffId !== undefined ? { owner_staff_id: set.ownerStaffId } : {}),
      updated_at: set.updatedAt,
    })
    .where('unit_id', '=', unitId)
    .where('response_id', '=', responseId)
    .execute();
}

/**
 * Open cases whose next escalation step is due: past due_day + step × escalation working days
 * (computed by the caller as the latest due day that step allows), oldest first, all units.
 */
export async function casesToEscalate(db: Executor, dueBefore: string, escalation: number, limit: number): Promise<Case[]> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('status', 'in', [...OPEN_STATUSES])
    .where('escalation', '=', escalation)
    .where('due_day', '<', dueBefore)
    .orderBy('due_day')
    .limit(limit)
    .execute();
  return rows.map(toCase);
}

/** Moves a case one escalation step up, unless another replica did it first; true when this call did. */
export async function markEscalated(db: Executor, responseId: string, from: number, at: string): Promise<boolean> {
  const r = await db.updateTable('cases').set({ escalation: from + 1, updated_at: at }).where('response_id', '=', responseId).where('escalation', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
