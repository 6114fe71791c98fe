import type { InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';
import { auth, ok, StaffApiError, staffApi as api } from './staff-http.ts';

/*
 * The alerts screen's calls (backend alerts.routes.ts): the list with its filters and cursor,
 * acknowledging, and whether alerts reach their recipients over Zalo. Types from the routes.
 */
type UnitApi = ApiClient['api']['units'][':unitId'];
type AlertsQuery = NonNullable<Parameters<UnitApi['alerts']['$get']>[0]['query']>;
export type AlertsList = InferResponseType<UnitApi['alerts']['$get'], 200>;
export type AlertItem = AlertsList['alerts'][number];
export type AlertKind = AlertItem['kind'];
export type AlertDelivery = InferResponseType<UnitApi['alert-delivery']['$get'], 200>;
export type RecipientState = AlertDelivery['recipients'][number];

/** The screen's filters ('' = any). */
export interface AlertFilter {
  readonly kind: '' | AlertKind;
  readonly status: '' | 'open' | 'closed';
}

export const ALERT_PAGE_SIZE = 30;

/** A page of alerts, newest first; null while the backend has no alerts route (404): the screen says so. */
export async function fetchAlerts(unitId: string, filter: AlertFilter, opts: { limit?: number; before?: string | null } = {}): Promise<AlertsList | null> {
  const query: AlertsQuery = { limit: String(opts.limit ?? ALERT_PAGE_SIZE) };
  if (filter.kind) query.kind = filter.kind;
  if (filter.status) query.status = filter.status;
  if (opts.before) query.before = opts.before;
  try {
    const res = await ok(api().units[':unitId'].alerts.$get({ param: { unitId }, query }, auth()));
    return (await res.json()) as AlertsList;
  } catch (e) {
    if (e instanceof StaffApiError && e.status === 404) return null;
    throw e;
  }
}

export async function acknowledgeAlert(unitId: string, alertId: string, note: string): Promise<void> {
  await ok(
    api().units[':unitId'].alerts[':alertId'].ack.$post(
      { param: { unitId, alertId } },
      { headers: { ...auth().headers, 'content-type': 'application/json' }, init: { body: JSON.stringify(note ? { note } : {}) } },
    ),
  );
}

/** Whether the unit's alerts reach the chairman (and clerks) over Zalo, and what each can do when not. */
export async function fetchAlertDelivery(unitId: string): Promise<AlertDelivery> {
  const res = await ok(api().units[':unitId']['alert-delivery'].$get({ param: { unitId } }, auth()));
  return (await res.json()) as AlertDelivery;
}
