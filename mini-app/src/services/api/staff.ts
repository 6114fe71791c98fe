import type { InferResponseType } from 'hono/client';
import { endSession } from '../../state/staff-session.ts';
import { apiBase } from './base.ts';
import type { ApiClient } from './client.ts';
import { auth, errorOf, NETWORK_MESSAGE, ok, StaffApiError, staffApi as api } from './staff-http.ts';
import { isInsideZalo } from '../zalo/env.ts';

// Screens import the error from here, with the calls that throw it.
export { StaffApiError };

/*
 * The staff screens' calls, through the same typed `hc` client as the citizen's form: response
 * types come from the backend's routes, never redeclared here.
 */
type Api = ApiClient['api'];
type UnitApi = Api['units'][':unitId'];
export type TalliesReport = InferResponseType<UnitApi['tallies']['$get'], 200>;
export type OfficerTally = TalliesReport['officers'][number];
/** One group of responses as the results model shows it (counts, shares, flag, interval, small-sample mark). */
export type Shares = TalliesReport['total'];
export type SatisfactionRule = TalliesReport['rule'];
export type SipasIndex = NonNullable<TalliesReport['index']>;
export type FormView = InferResponseType<UnitApi['forms']['$get'], 200>['forms'][number];
export type TrendsReport = InferResponseType<UnitApi['trends']['$get'], 200>;
export type CommentsPage = InferResponseType<UnitApi['comments']['$get'], 200>;
export type CommentItem = CommentsPage['comments'][number];
export type UnitSummary = InferResponseType<Api['units']['$get'], 200>['units'][number];
export type LoginResult = InferResponseType<Api['auth']['login']['$post'], 200>;

/**
 * Whether this page should keep its session in the server's HttpOnly cookie: a browser calling
 * the API on its own origin (the web app at /app/). Inside Zalo the page is on Zalo's origin.
 */
export function usesCookieSession(): boolean {
  return !isInsideZalo() && (apiBase() === '' || (typeof window !== 'undefined' && apiBase() === window.location.origin));
}

export async function signIn(username: string, password: string): Promise<LoginResult> {
  let res;
  try {
    res = await api().auth.login.$post({ json: { username, password } }, usesCookieSession() ? { headers: { 'x-session-cookie': '1' } } : undefined);
  } catch {
    throw new StaffApiError(0, NETWORK_MESSAGE);
  }
  if (res.status !== 200) throw await errorOf(res, 'Đăng nhập không thành công.');
  return (await res.json()) as LoginResult;
}

/**
 * Signs in with the Zalo account linked to a staff account (inside Zalo): the same session as
 * signIn. 401 = not linked or the Zalo token was rejected; 503 = Zalo could not be reached in
 * time. The server's Vietnamese message is kept for the screen.
 */
export async function signInWithZalo(zaloAccessToken: string): Promise<LoginResult> {
  let res;
  try {
    res = await api().auth['zalo-login'].$post({ json: { zaloAccessToken } });
  } catch {
    throw new StaffApiError(0, NETWORK_MESSAGE);
  }
  if (res.status !== 200) throw await errorOf(res, 'Đăng nhập bằng Zalo không thành công.');
  return (await res.json()) as LoginResult;
}

export async function signOut(): Promise<void> {
  try {
    await api().auth.logout.$post(undefined, auth());
  } finally {
    endSession();
  }
}

export async function fetchUnits(): Promise<UnitSummary[]> {
  const res = await ok(api().units.$get(undefined, auth()));
  return (await res.json()).units;
}

/** The forms this unit uses, each with its labels, the counter form first. */
export async function fetchForms(unitId: string): Promise<FormView[]> {
  const res = await ok(api().units[':unitId'].forms.$get({ param: { unitId } }, auth()));
  return (await res.json()).forms;
}

let rule: Promise<SatisfactionRule> | undefined;
/** The satisfaction rule (threshold, small sample, confidence): fetched once, it changes only with a new server. */
export function fetchRule(): Promise<SatisfactionRule> {
  rule ??= ok(api().public.rule.$get())
    .then((res) => res.json())
    .catch((e: unknown) => {
      rule = undefined;
      throw e;
    });
  return rule;
}

// `form` undefined: the server reads the counter form (the first of fetchForms).
export async function fetchTallies(unitId: string, from: string, to: string, form?: string): Promise<TalliesReport> {
  const res = await ok(api().units[':unitId'].tallies.$get({ param: { unitId }, query: { from, to, form } }, auth()));
  return (await res.json()) as TalliesReport;
}

export async function fetchTrends(unitId: string, from: string, to: string, form?: string): Promise<TrendsReport> {
  const res = await ok(api().units[':unitId'].trends.$get({ param: { unitId }, query: { from, to, form } }, auth()));
  return (await res.json()) as TrendsReport;
}

type CommentsQuery = Parameters<UnitApi['comments']['$get']>[0]['query'];

/** The screen's filter values ('' = any). */
export interface CommentFilter {
  officerId: string;
  fieldId: string;
  level: string;
  issue: string;
  handled: '' | 'yes' | 'no';
}

export const PAGE_SIZE = 20;

export async function fetchComments(unitId: string, form: string | undefined, f: CommentFilter, before?: number): Promise<CommentsPage> {
  const query: CommentsQuery = { limit: String(PAGE_SIZE), form };
  if (f.officerId) query.officerId = f.officerId;
  if (f.fieldId) query.fieldId = f.fieldId;
  if (f.level) query.level = Number(f.level);
  // Any issue key of the form: the screen lists them from the form, the server checks them (400 otherwise).
  if (f.issue) query.issue = f.issue;
  if (f.handled) query.handled = f.handled;
  if (before !== undefined) query.before = before;
  const res = await ok(api().units[':unitId'].comments.$get({ param: { unitId }, query }, auth()));
  return (await res.json()) as CommentsPage;
}

export async function addNote(unitId: string, responseId: string, handled: boolean, note: string): Promise<void> {
  await ok(api().units[':unitId'].comments[':responseId'].notes.$post({ param: { unitId, responseId }, json: { handled, note } }, auth()));
}
