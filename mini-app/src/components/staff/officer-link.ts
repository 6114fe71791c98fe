import type { DayRange } from '../../services/api/reports.ts';

/**
 * The officer's page (#/staff/officers/:officerId) over a range of days: the figures behind a row
 * of an officers table, a point of the funnel plot or an alert. `form` names a form other than the
 * one the screens show (an alert about the SIPAS form).
 */
export function officerHref(officerId: string, range?: DayRange, form?: string): string {
  const q = new URLSearchParams();
  if (range) {
    q.set('from', range.from);
    q.set('to', range.to);
  }
  if (form) q.set('form', form);
  const query = q.toString();
  return `/staff/officers/${encodeURIComponent(officerId)}${query ? `?${query}` : ''}`;
}
