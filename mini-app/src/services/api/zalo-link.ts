import type { InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';
import { auth, ok, staffApi as api } from './staff-http.ts';

/*
 * The signed-in staff member's own Zalo link (backend zalo-link.routes.ts): a one-time code to
 * send to the Official Account in Zalo, the link's state, and unlinking.
 */
type LinkApi = ApiClient['api']['auth']['zalo-link'];
export type ZaloLinkState = InferResponseType<LinkApi['$get'], 200>;
export type LinkCode = InferResponseType<LinkApi['$post'], 201>;

export async function fetchZaloLink(): Promise<ZaloLinkState> {
  const res = await ok(api().auth['zalo-link'].$get(undefined, auth()));
  return (await res.json()) as ZaloLinkState;
}

/** A new code (valid for minutes, single use); an earlier code of this account stops mattering once one is used. */
export async function issueZaloLinkCode(): Promise<LinkCode> {
  const res = await ok(api().auth['zalo-link'].$post(undefined, auth()));
  return (await res.json()) as LinkCode;
}

export async function unlinkZalo(): Promise<void> {
  await ok(api().auth['zalo-link'].$delete(undefined, auth()));
}
