import { CASE_STATUS_LABEL } from '@hai-long/backend/domain/cases';
import type { CaseStatus } from '../../services/api/cases.ts';

// A case's statuses and their words: the server's own list (domain/cases.ts), in the order a case moves through them.
export { CASE_STATUSES } from '@hai-long/backend/domain/cases';

export const caseStatusLabel = (s: CaseStatus): string => CASE_STATUS_LABEL[s] ?? s;

export const isOpenCase = (s: string): boolean => s === 'new' || s === 'in_progress';

/** The badge class of a status (a case's, or an alert's `handling`: 'seen' for an alert read without a case). */
export function statusBadgeClass(s: string): string {
  if (s === 'new') return 'badge-open';
  if (s === 'in_progress') return 'badge-info';
  if (s === 'handled') return 'badge-ok';
  return 'badge-muted';
}

/** The step a decision usually takes next: new → in progress → handled; a closed case stays as it is. */
export function nextStatus(s: CaseStatus): CaseStatus {
  if (s === 'new') return 'in_progress';
  if (s === 'in_progress') return 'handled';
  return s;
}
