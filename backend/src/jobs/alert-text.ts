import { formatViDate, formatViTime, vietnamDay } from '../domain/day.ts';
import { RULE, thresholdText } from '../domain/rule.ts';

/** Short Vietnamese messages for the chairman's Zalo, each with a link to the staff screen. */

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1).replace('.', ',')}%`);

/**
 * The staff screen an alert points to: the Mini App's alerts screen for that unit, with the alert
 * highlighted. In a browser the staff screens live behind the hash (`/app/#/staff/…`): `/app/` is
 * the page that loads the app (its asset paths are relative), and StaffHashSync opens the screen
 * the hash names, query included.
 */
export function alertLink(publicUrl: string, unitId: string, alertId?: string): string {
  const q = new URLSearchParams({ unit: unitId, ...(alertId ? { alert: alertId } : {}) });
  return `${publicUrl}/app/#/staff/alerts?${q.toString()}`;
}

/** HH:MM dd/mm/yyyy, Vietnam time (the ZNS template's `time` and the alerts' own wording). */
export function viTime(iso: string): string {
  return `${formatViTime(iso)} ${formatViDate(vietnamDay(new Date(iso)))}`;
}

export function responseAlertText(a: {
  unitName: string;
  officerName: string | null;
  levelLabel: string | null;
  fieldName: string | null;
  issueLabels: string[];
  comment: string | null;
  receivedAt: string;
  selfRating: boolean;
  link: string;
}): string {
  const lines = [
    `⚠ ${a.unitName}: phản ánh cần chú ý`,
    `Cán bộ: ${a.officerName ?? 'không chọn'}`,
    a.levelLabel ? `Mức đánh giá: ${a.levelLabel}` : null,
    a.fieldName ? `Lĩnh vực: ${a.fieldName}` : null,
    a.issueLabels.length > 0 ? `Phản ánh: ${a.issueLabels.join('; ')}` : null,
    a.comment ? `Ý kiến: "${a.comment.length > 300 ? `${a.comment.slice(0, 300)}…` : a.comment}"` : null,
    a.selfRating ? '(Phiếu do chính cán bộ gửi – không tính vào kết quả của cán bộ)' : null,
    `Thời gian: ${viTime(a.receivedAt)}`,
    `Xem: ${a.link}`,
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}

export function crossingAlertText(a: {
  unitName: string;
  officerName: string;
  month: string;
  n: number;
  dissatisfied: number;
  share: number;
  interval: { low: number; high: number } | null;
  smallSample: boolean;
  link: string;
}): string {
  const [y, m] = a.month.split('-');
  return [
    `⚠ ${a.unitName}: cán bộ ${a.officerName} có tỷ lệ không hài lòng trên ${thresholdText()} (tháng ${m}/${y})`,
    `${a.dissatisfied}/${a.n} phiếu không hài lòng = ${pct(a.share)}${a.interval ? ` (khoảng tin cậy 95%: ${pct(a.interval.low)}–${pct(a.interval.high)})` : ''}`,
    a.smallSample ? `Lưu ý: ít dữ liệu (dưới ${RULE.smallSample} phiếu).` : null,
    `Xem: ${a.link}`,
  ]
    .filter((l): l is string => l !== null)
    .join('\n');
}

export function digestText(a: {
  unitName: string;
  day: string;
  responses: number;
  satisfiedShare: number | null;
  dissatisfiedShare: number | null;
  flagged: { name: string; n: number; share: number | null; smallSample: boolean }[];
  link: string;
}): string {
  const lines = [
    `${a.unitName} – tổng hợp ngày ${formatViDate(a.day)}`,
    `Số phiếu: ${a.responses}; hài lòng ${pct(a.satisfiedShare)}; không hài lòng ${pct(a.dissatisfiedShare)}`,
  ];
  if (a.flagged.length === 0) lines.push(`Không có cán bộ nào trên ${thresholdText()} không hài lòng (từ đầu tháng).`);
  else {
    lines.push(`Cán bộ trên ${thresholdText()} không hài lòng (từ đầu tháng):`);
    for (const f of a.flagged.slice(0, 20)) lines.push(`- ${f.name}: ${pct(f.share)} của ${f.n} phiếu${f.smallSample ? ' (ít dữ liệu)' : ''}`);
  }
  lines.push(`Xem: ${a.link}`);
  return lines.join('\n');
}

export const LINKED_TEXT = (who: string) => `Đã liên kết Zalo với tài khoản ${who} trên hệ thống Hài Lòng. Cảnh báo sẽ được gửi về đây.`;
export const BAD_CODE_TEXT = 'Mã liên kết không đúng hoặc đã hết hạn. Vui lòng tạo mã mới trên màn hình cán bộ.';
