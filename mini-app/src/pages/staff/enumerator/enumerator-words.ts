import type { CampaignStatus, DayEntry, EntryStatus, EnumeratorDay, SyncOp } from '../../../services/api/campaigns.ts';
import type { SyncSummary } from '../../../services/offline/enumerator-sync.ts';
import { formatDay } from '../../../services/format/staff.ts';

/** The enumerator's screens in words. */
export const STATUS_LABELS: Record<EntryStatus, string> = {
  pending: 'Chưa phỏng vấn',
  done: 'Đã phỏng vấn',
  refused: 'Từ chối',
  unreachable: 'Không liên lạc được',
};

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  upcoming: 'Chưa đến đợt',
  open: 'Đang khảo sát',
  closed: 'Đã kết thúc',
};

export const OP_LABELS: Record<SyncOp['kind'], string> = {
  response: 'Phiếu khảo sát',
  refused: 'Từ chối',
  unreachable: 'Không liên lạc được',
};

/** "Chính thức 3", "Dự phòng 1". */
export const listLabel = (e: Pick<DayEntry, 'list' | 'order'>): string => `${e.list === 'official' ? 'Chính thức' : 'Dự phòng'} ${e.order}`;

/** "26/10/2021 – 05/11/2021". */
export const windowText = (c: { opensOn: string; closesOn: string }): string => `${formatDay(c.opensOn)} – ${formatDay(c.closesOn)}`;

/** "4 phiếu chưa gửi", with the list changes when there are any. */
export function unsentText(ops: readonly SyncOp[]): string {
  const forms = ops.filter((o) => o.kind === 'response').length;
  const changes = ops.length - forms;
  return `${forms} phiếu chưa gửi${changes > 0 ? ` · ${changes} thay đổi danh sách chưa gửi` : ''}`;
}

/** What a sync run came to, for the line under "Gửi dữ liệu". */
export function syncResultText(s: SyncSummary): string {
  const parts: string[] = [];
  if (s.acknowledged > 0) parts.push(`Đã gửi ${s.acknowledged} mục.`);
  if (s.rejected > 0) parts.push(`${s.rejected} mục bị từ chối (xem bên dưới).`);
  if (s.error) parts.push(s.error);
  else if (s.left === 0 && s.rejected === 0) parts.push('Mọi dữ liệu đã được gửi.');
  return parts.join(' ');
}

/** A field's name and a respondent kind's label as the campaign names them (the key where it does not). */
export function groupTitle(day: Pick<EnumeratorDay, 'fields' | 'respondentKinds'>, fieldKey: string, kind: string): { field: string; kind: string } {
  return {
    field: day.fields.find((f) => f.key === fieldKey)?.name ?? fieldKey,
    kind: day.respondentKinds.find((k) => k.key === kind)?.label ?? kind,
  };
}
