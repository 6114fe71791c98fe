import { useCallback, useState } from 'react';
import { ALERT_PAGE_SIZE, fetchAlerts, type AlertFilter, type AlertItem } from '../../../services/api/alerts.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import { useLoaded, type Loaded } from '../../../services/api/use-loaded.ts';

/** The alerts shown (each with its case summed up by the API) and the next page's cursor. */
export interface AlertListing {
  readonly alerts: readonly AlertItem[];
  readonly nextBefore: string | null;
}

const listing = (unitId: string, filter: AlertFilter, limit: number, before?: string | null): Promise<AlertListing | null> => fetchAlerts(unitId, filter, { limit, before });

const REFRESH_MS = 60_000;

/**
 * The alerts list with "Xem thêm" (the API's `nextBefore` cursor) and a refresh that keeps every
 * page shown (after a decision, a case handled further down stays in view). null: the server has
 * no alerts route.
 */
export function useAlertPages(unitId: string, filter: AlertFilter) {
  // Pages added by "Xem thêm", or the list as refreshed: shown instead of the first page.
  const [shown, setShown] = useState<AlertListing | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const load = useCallback(() => {
    setShown(null);
    setMoreError(null);
    return listing(unitId, filter, ALERT_PAGE_SIZE);
  }, [unitId, filter]);
  // The timer refreshes the first page only, so it stops once more pages are shown.
  const { state, reload } = useLoaded(load, `${unitId}|${filter.kind}|${filter.status}`, shown ? undefined : REFRESH_MS);
  const current = shown ?? (state.kind === 'ok' ? state.data : null);

  async function more() {
    if (!current?.nextBefore) return;
    setMoreError(null);
    try {
      const next = await listing(unitId, filter, ALERT_PAGE_SIZE, current.nextBefore);
      if (next) setShown({ alerts: [...current.alerts, ...next.alerts], nextBefore: next.nextBefore });
    } catch (e) {
      setMoreError(e instanceof StaffApiError ? e.message : 'Chưa tải thêm được.');
    }
  }

  async function refresh() {
    if (!shown) return reload();
    try {
      const again = await listing(unitId, filter, Math.min(200, Math.max(ALERT_PAGE_SIZE, shown.alerts.length)));
      if (again) setShown(again);
    } catch (e) {
      setMoreError(e instanceof StaffApiError ? e.message : 'Chưa tải lại được.');
    }
  }

  const listState: Loaded<AlertListing | null> = shown ? { kind: 'ok', data: shown, at: new Date() } : state;
  return { state: listState, more, refresh, reload, moreError };
}
