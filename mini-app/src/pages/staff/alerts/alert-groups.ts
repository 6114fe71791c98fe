import type { AlertItem } from '../../../services/api/alerts.ts';

/** A line of the list: one alert, or the single-response alerts of one officer on one day. */
export type AlertRow = { readonly type: 'one'; readonly alert: AlertItem } | { readonly type: 'group'; readonly key: string; readonly officer: AlertItem['officer']; readonly day: string; readonly alerts: readonly AlertItem[] };

/**
 * Groups the response alerts (one per low rating or report) by officer and day, so that a bad day
 * at one desk is one line, not ten; a group sits where its newest alert was. Other kinds, and a
 * response alert alone on its day, stay as they are. The order is the list's (newest first).
 */
export function groupAlerts(alerts: readonly AlertItem[]): AlertRow[] {
  const keyOf = (a: AlertItem) => `${a.officer?.id ?? '-'}|${a.day}`;
  const members = new Map<string, AlertItem[]>();
  for (const a of alerts) if (a.kind === 'response') members.set(keyOf(a), [...(members.get(keyOf(a)) ?? []), a]);
  const rows: AlertRow[] = [];
  const placed = new Set<string>();
  for (const a of alerts) {
    const group = a.kind === 'response' ? members.get(keyOf(a)) : undefined;
    if (!group || group.length < 2) {
      rows.push({ type: 'one', alert: a });
      continue;
    }
    const key = keyOf(a);
    if (placed.has(key)) continue;
    placed.add(key);
    rows.push({ type: 'group', key, officer: a.officer, day: a.day, alerts: group });
  }
  return rows;
}

/** Whether an alert still asks for something: its case is open, or (no case) nobody has seen it. */
export const isOpenAlert = (a: Pick<AlertItem, 'handling'>): boolean => a.handling === 'new' || a.handling === 'in_progress';
