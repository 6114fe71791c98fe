import type { InferResponseType } from 'hono/client';
import type { DayRange } from './reports.ts';
import type { ApiClient } from './client.ts';
import { auth, ok, staffApi as api } from './staff-http.ts';

/*
 * Cases (a misconduct report, or "Rất không hài lòng" with a comment, followed to the end) and
 * the officer's page: backend cases.routes.ts, typed through the same `hc` client.
 */
type UnitApi = ApiClient['api']['units'][':unitId'];
type CasesQuery = NonNullable<Parameters<UnitApi['cases']['$get']>[0]['query']>;
export type CasesList = InferResponseType<UnitApi['cases']['$get'], 200>;
export type CaseView = CasesList['cases'][number];
export type CaseStatus = CaseView['status'];
export type Decision = InferResponseType<UnitApi['cases'][':responseId']['$post'], 201>;
export type OfficerSummary = InferResponseType<UnitApi['officers'][':officerId']['summary']['$get'], 200>;
/** A staff member of the unit (active), who may own a case. */
export type UnitStaff = InferResponseType<UnitApi['staff']['$get'], 200>['staff'][number];

/** The unit's cases whose response came in within the range (at most 200), newest first. */
export async function fetchCases(unitId: string, range: DayRange, filter: Partial<Pick<CasesQuery, 'status' | 'officerId' | 'overdue'>> = {}): Promise<CasesList> {
  const res = await ok(api().units[':unitId'].cases.$get({ param: { unitId }, query: { from: range.from, to: range.to, limit: '200', ...filter } }, auth()));
  return (await res.json()) as CasesList;
}

/**
 * One handling decision (the same from the comments, the alerts and the officer's page): the new
 * status, a note (required by the server to close), and the owner when it changes. A refusal
 * throws StaffApiError with the server's Vietnamese message.
 */
export async function decideCase(unitId: string, responseId: string, input: { status: CaseStatus; note: string; ownerStaffId?: string | null }): Promise<Decision> {
  const res = await ok(api().units[':unitId'].cases[':responseId'].$post({ param: { unitId, responseId }, json: input }, auth()));
  return (await res.json()) as Decision;
}

/** One officer over a range: figures, verdict, per question, trend, cases and comments. */
export async function fetchOfficerSummary(unitId: string, officerId: string, range: DayRange, form: string | undefined): Promise<OfficerSummary> {
  const res = await ok(api().units[':unitId'].officers[':officerId'].summary.$get({ param: { unitId, officerId }, query: { from: range.from, to: range.to, form } }, auth()));
  return (await res.json()) as OfficerSummary;
}

/** The unit's active staff, who may own a case (the owner picker). */
export async function fetchUnitStaff(unitId: string): Promise<UnitStaff[]> {
  const res = await ok(api().units[':unitId'].staff.$get({ param: { unitId } }, auth()));
  return (await res.json()).staff;
}
