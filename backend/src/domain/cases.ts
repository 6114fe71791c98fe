/**
 * A case's statuses (issue 27, docs/cases.md) in the order a case moves through them, with the
 * words every screen shows: one list for the server and the app.
 */
export const CASE_STATUSES = [
  { value: 'new', label: 'Mới' },
  { value: 'in_progress', label: 'Đang xử lý' },
  { value: 'handled', label: 'Đã xử lý' },
  { value: 'unfounded', label: 'Không có căn cứ' },
] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number]['value'];

export const CASE_STATUS_LABEL = Object.fromEntries(CASE_STATUSES.map((s) => [s.value, s.label])) as Record<CaseStatus, string>;

export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['new', 'in_progress'];
export const isOpenCase = (s: CaseStatus): boolean => OPEN_CASE_STATUSES.includes(s);

/** Open and past its due day. */
export const isOverdueCase = (c: { status: CaseStatus; dueDay: string }, today: string): boolean => isOpenCase(c.status) && c.dueDay < today;
