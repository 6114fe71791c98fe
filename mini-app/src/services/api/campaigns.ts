import type { InferRequestType, InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';
import { auth, errorOf, ok, staffApi as api } from './staff-http.ts';
import { endSession } from '../../state/staff-session.ts';

/*
 * Survey campaigns (issue 29): the enumerator's assignments, the day downloaded for offline work
 * and its sync, and the progress against quotas for clerks and supervisors.
 */

type Api = ApiClient['api'];
type DayApi = Api['enumerator']['campaigns'][':campaignId'];
type ProgressApi = Api['campaigns'][':campaignId']['progress'];

// Types from the backend's routes (hc): a changed contract breaks this build, not the enumerator.
export type Assignment = InferResponseType<Api['enumerator']['assignments']['$get'], 200>['assignments'][number];
export type CampaignSummary = InferResponseType<Api['units'][':unitId']['campaigns']['$get'], 200>['campaigns'][number];
export type CampaignStatus = CampaignSummary['status'];
/** Everything an enumerator needs for a day without network. */
export type EnumeratorDay = InferResponseType<DayApi['day']['$get'], 200>;
export type DayUnit = EnumeratorDay['units'][number];
export type DayEntry = DayUnit['entries'][number];
export type DayQuota = DayUnit['quotas'][number];
export type EntryStatus = DayEntry['status'];
export type SyncOp = InferRequestType<DayApi['sync']['$post']>['json']['ops'][number];
export type SyncResult = InferResponseType<DayApi['sync']['$post'], 200>['results'][number];
export type CampaignProgress = InferResponseType<ProgressApi['$get'], 200>;
export type ProgressRow = CampaignProgress['units'][number]['rows'][number];

/** The campaigns and units this enumerator is assigned to. */
export async function fetchAssignments(): Promise<Assignment[]> {
  const res = await ok(api().enumerator.assignments.$get(undefined, auth()));
  return (await res.json()).assignments;
}

/** The day of one campaign: its form, fields, kinds and every assigned unit's list with statuses. */
export async function fetchDay(campaignId: string): Promise<EnumeratorDay> {
  const res = await ok(api().enumerator.campaigns[':campaignId'].day.$get({ param: { campaignId } }, auth()));
  return await res.json();
}

/** What one sync POST came to. */
export type SyncPostOutcome =
  | { readonly kind: 'answered'; readonly results: readonly SyncResult[] }
  /** No network, a timeout, 408, 429 or 5xx: everything stays for a later try. */
  | { readonly kind: 'retry'; readonly message: string }
  /** Any other refusal of the whole batch (401 included): everything stays, the message is shown. */
  | { readonly kind: 'refused'; readonly status: number; readonly message: string };

const SYNC_TIMEOUT_MS = 30_000;
export const OFFLINE_MESSAGE = 'Chưa gửi được: không có mạng hoặc máy chủ chưa trả lời. Dữ liệu vẫn lưu trên máy và sẽ được gửi khi có mạng.';

/** POST /api/enumerator/campaigns/:id/sync with at most 500 ops; exactly once is the server's job (opId). */
export async function postSync(campaignId: string, deviceId: string, ops: readonly SyncOp[]): Promise<SyncPostOutcome> {
  let res: Response;
  try {
    res = await api().enumerator.campaigns[':campaignId'].sync.$post(
      { param: { campaignId }, json: { deviceId, ops: [...ops] } },
      { ...auth(), init: { signal: AbortSignal.timeout(SYNC_TIMEOUT_MS) } },
    );
  } catch {
    return { kind: 'retry', message: OFFLINE_MESSAGE };
  }
  if (res.status === 200) {
    try {
      const body = (await res.json()) as { results?: unknown };
      if (Array.isArray(body.results)) return { kind: 'answered', results: body.results as SyncResult[] };
    } catch {
      // An unreadable answer: as if none came.
    }
    return { kind: 'retry', message: OFFLINE_MESSAGE };
  }
  if (res.status === 408 || res.status === 429 || res.status >= 500) return { kind: 'retry', message: OFFLINE_MESSAGE };
  if (res.status === 401) endSession('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại để gửi dữ liệu (dữ liệu vẫn lưu trên máy).');
  const err = await errorOf(res, 'Máy chủ không nhận dữ liệu. Vui lòng thử lại sau.');
  return { kind: 'refused', status: res.status, message: err.message };
}

/** The campaigns that include this unit or units under it. */
export async function fetchUnitCampaigns(unitId: string): Promise<CampaignSummary[]> {
  const res = await ok(api().units[':unitId'].campaigns.$get({ param: { unitId } }, auth()));
  return (await res.json()).campaigns;
}

/** Official, done, reserve used, missing and refused per unit, field and respondent kind. */
export async function fetchProgress(campaignId: string): Promise<CampaignProgress> {
  const res = await ok(api().campaigns[':campaignId'].progress.$get({ param: { campaignId } }, auth()));
  return await res.json();
}
