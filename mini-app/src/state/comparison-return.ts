import { useSyncExternalStore } from 'react';

/**
 * The way back from a drill-down: the comparison the supervisor came from (its address, with the
 * compared unit, the period and the sort) and the unit they opened. Kept for the session's tab
 * only (module state): it follows them from Today to Reports and is gone on a reload.
 */
export interface ComparisonReturn {
  /** `/staff/comparison?unit=…&from=…`: the comparison as it was. */
  readonly href: string;
  /** The compared unit's name ("UBND tỉnh Sông Lam"). */
  readonly rootName: string;
  /** The unit opened from the table or the plot. */
  readonly unitId: string;
  readonly unitName: string;
}

let current: ComparisonReturn | null = null;
const listeners = new Set<() => void>();

export function setComparisonReturn(r: ComparisonReturn | null): void {
  current = r;
  for (const l of listeners) l();
}

export const getComparisonReturn = (): ComparisonReturn | null => current;

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useComparisonReturn(): ComparisonReturn | null {
  return useSyncExternalStore(subscribe, getComparisonReturn, getComparisonReturn);
}
