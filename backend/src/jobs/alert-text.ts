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

/** "tháng 11/2026" or "quý IV/2026": the alert period in words. */
export function periodWords(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `quý ${['I', 'II', 'III', 'IV'][Number(q[2]) - 1]}/${q[1]}`;
  const [y, m] = key.split('-');
  return `tháng ${m}/${y}`;
}

export function crossingAlertText(a: {
  unitName: string;
  officerName: string;
  period: string;
  n: number;
  dissatisfied: number;
  share: number;
  interval: { low: number; high: number } | null;
  smallSample: boolean;
  /** verdictOf's label (domain/results.ts), the one wording of the rule and of chance. */
  verdict: string;
  /** The period's end evaluation rather than an instant crossing. */
  evaluation?: boolean;
  link: string;
}): string {
  return [
    a.evaluation
      ? `⚠ ${a.unitName}: kết quả ${periodWords(a.period)} của cán bộ ${a.officerName}: ${a.verdict}`
      : `⚠ ${a.unitName}: cán bộ ${a.officerName}: ${a.verdict} (${periodWords(a.period)})`,
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
  flagged: { name: string; n: number; share: number | null; smallSample: boolean; verdict?: string }[];
  cases?: { open: number; overdue: number };
  link: string;
}): string {
  const lines = [
    `${a.unitName} – tổng hợp ngày ${formatViDate(a.day)}`,
    `Số phiếu: ${a.responses}; hài lòng ${pct(a.satisfiedShare)}; không hài lòng ${pct(a.dissatisfiedShare)}`,
  ];
  if (a.flagged.length === 0) lines.push(`Không có cán bộ nào trên ${thresholdText()} không hài lòng (từ đầu tháng).`);
  else {
    lines.push(`Cán bộ trên ${thresholdText()} không hài lòng (từ đầu tháng):`);
    for (const f of a.flagged.slice(0, 20)) lines.push(`- ${f.name}: ${pct(f.share)} của ${f.n} phiếu${f.verdict ? ` – ${f.verdict}` : f.smallSample ? ' (ít dữ liệu)' : ''}`);
  }
  if (a.cases) {
    lines.push(a.cases.open === 0 ? 'Không có phản ánh nào đang chờ xử lý.' : `Phản ánh đang chờ xử lý: ${a.cases.open}${a.cases.overdue > 0 ? `, trong đó ${a.cases.overdue} đã quá hạn` : ''}.`);
  }
  lines.push(`Xem: ${a.link}`);
  return lines.join('\n');
}

export const LINKED_TEXT = (who: string) => `Đã liên kết Zalo với tài khoản ${who} trên hệ thống Hài Lòng. Cảnh báo sẽ được gửi về đây.`;
export const BAD_CODE_TEXT = 'Mã liên kết không đúng hoặc đã hết hạn. Vui lòng tạo mã mới trên màn hình cán bộ.';
