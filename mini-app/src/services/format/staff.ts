import { addDays, formatViDate, formatViInstant, vietnamDay } from '@hai-long/backend/domain/day';

/** vi-VN conventions for the staff screens: comma decimals, dd/mm/yyyy. */
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
// For the rule's own figures (a threshold, a confidence): "25%", "99,8%", never "25,0%".
const percentShort = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('vi-VN');

export const formatPercent = (share: number | null | undefined): string => (share === null || share === undefined ? '–' : percent.format(share));
export const formatPercentShort = (share: number): string => percentShort.format(share);
export const formatCount = (n: number): string => integer.format(n);
// Days and instants: the one Vietnam-day module the server uses too.
export const formatDay = formatViDate;

/** "12,5% – 40,1%" for a 95 % interval. */
export function formatInterval(i: { low: number; high: number } | null): string {
  return i ? `${percent.format(i.low)} – ${percent.format(i.high)}` : '–';
}

/** HH:mm, dd/mm/yyyy of an ISO instant, in Vietnam time. */
export const formatInstant = (iso: string): string => formatViInstant(iso);

/** The Vietnam-local day today, as the server counts days. */
export const vietnamToday = (now = new Date()): string => vietnamDay(now);

export const shiftDay = addDays;

/**
 * "trên 25%": the rule's threshold as the regulation words it ("trên" is strictly greater), built
 * from the rule the API sends so that no screen writes the figure itself.
 */
export function overThreshold(rule: { readonly thresholdShare: number; readonly strictlyGreater: boolean }): string {
  const share = formatPercentShort(rule.thresholdShare);
  return rule.strictlyGreater ? `trên ${share}` : `từ ${share} trở lên`;
}

/** Sentence case for a phrase that opens a label. */
export const capitalize = (s: string): string => s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);

// The five levels are fixed by regulation; screens prefer the `levels` a response's form carries.
export const LEVEL_LABELS: readonly { value: 5 | 4 | 3 | 2 | 1; label: string; short: string }[] = [
  { value: 5, label: 'Rất hài lòng', short: 'RHL' },
  { value: 4, label: 'Hài lòng', short: 'HL' },
  { value: 3, label: 'Bình thường', short: 'BT' },
  { value: 2, label: 'Không hài lòng', short: 'KHL' },
  { value: 1, label: 'Rất không hài lòng', short: 'RKHL' },
];

export const ROLE_LABELS: Record<string, string> = {
  clerk: 'Công chức Văn phòng – Thống kê',
  chairman: 'Chủ tịch UBND',
  supervisor: 'Phòng Nội vụ',
  enumerator: 'Điều tra viên',
  admin: 'Quản trị',
};
