import type { PaperBatchStatus } from '../../../services/api/paper.ts';

/** A batch's status in words, and the badge it wears. */
export const BATCH_STATUS: Record<PaperBatchStatus, { readonly label: string; readonly badge: string }> = {
  open: { label: 'Đang nhập phiếu', badge: 'badge-open' },
  committing: { label: 'Đang ghi vào kết quả', badge: 'badge-info' },
  committed: { label: 'Đã ghi vào kết quả', badge: 'badge-ok' },
  discarded: { label: 'Đã hủy', badge: 'badge-muted' },
};

/** Who did it, from a staff id: the unit's staff by name, the admin (no id), or a former colleague. */
export function whoOf(staffId: string | null, names: ReadonlyMap<string, string>): string {
  if (staffId === null) return 'Quản trị';
  return names.get(staffId) ?? 'Cán bộ khác';
}

/** "Đã nhập 3/5 phiếu". */
export const enteredWords = (entered: number, expected: number): string => `Đã nhập ${entered}/${expected} phiếu`;
