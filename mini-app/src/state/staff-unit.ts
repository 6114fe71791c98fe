import { createContext, useContext } from 'react';
import type { UnitSummary } from '../services/api/staff.ts';

/** The unit the staff screens show (a supervisor picks one of several). */
export interface StaffUnitState {
  readonly units: readonly UnitSummary[];
  readonly unit: UnitSummary;
  readonly setUnitId: (id: string) => void;
}

export const StaffUnitContext = createContext<StaffUnitState | null>(null);

export function useStaffUnit(): StaffUnitState {
  const v = useContext(StaffUnitContext);
  if (!v) throw new Error('useStaffUnit outside StaffUnitContext');
  return v;
}
