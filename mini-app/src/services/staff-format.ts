import { formatIsoDay } from './vietnam-date.ts';

/** vi-VN conventions for the staff screens: comma decimals, dd/mm/yyyy. */
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('vi-VN');

export const formatPercent = (share: number | null | undefined): string => (share === null || share === undefined ? '–' : percent.format(share));
export const formatCount = (n: number): string => integer.format(n);
export const formatDay = (day: string): string => formatIsoDay(day) ?? day;

/** "12,5% – 40,1%" for a 95 % interval. */
export function formatInterval(i: { low: number; high: number } | null): string {
  return i ? `${percent.format(i.low)} – ${percent.format(i.high)}` : '–';
}

/** HH:mm, dd/mm/yyyy of an ISO instant, in Vietnam time. */
export function formatInstant(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 7 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}, ${pad(shifted.getUTCDate())}/${pad(shifted.getUTCMonth() + 1)}/${shifted.getUTCFullYear()}`;
}

/** The Vietnam-local day today, as the server counts days. */
export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function shiftDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// The same 95 % Wilson interval and small-sample bound as the server's tallies (per officer there;
// the screens also need them for fields and criteria, from the level counts the API returns).
export { SMALL_SAMPLE, wilsonInterval } from '@hai-long/backend/domain/wilson';

export const LEVEL_LABELS: readonly { value: 5 | 4 | 3 | 2 | 1; label: string; short: string }[] = [
  { value: 5, label: 'Rất hài lòng', short: 'RHL' },
  { value: 4, label: 'Hài lòng', short: 'HL' },
  { value: 3, label: 'Bình thường', short: 'BT' },
  { value: 2, label: 'Không hài lòng', short: 'KHL' },
  { value: 1, label: 'Rất không hài lòng', short: 'RKHL' },
];

export const QUESTION_LABELS: Record<string, string> = {
  overall: 'Hài lòng chung',
  access: 'Tiếp cận dịch vụ',
  attitude: 'Thái độ của cán bộ, công chức',
  responsibility: 'Tinh thần trách nhiệm',
  guidance: 'Cách thức hướng dẫn, làm việc',
};

export const ISSUE_LABELS: Record<string, string> = {
  harassment: 'Nhũng nhiễu, gây phiền hà',
  extra_cost: 'Chi phí ngoài quy định',
  negative_conduct: 'Biểu hiện tiêu cực khác',
};

export const ROLE_LABELS: Record<string, string> = {
  clerk: 'Công chức Văn phòng – Thống kê',
  chairman: 'Chủ tịch UBND',
  supervisor: 'Phòng Nội vụ',
  admin: 'Quản trị',
};
