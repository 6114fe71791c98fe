import { addDays, daysBetween, formatViDate } from './day.ts';

/**
 * Reporting periods (seed 002 §II, seed 004 §III.6): a year, a half-year, a quarter, a month, or
 * any range of Vietnam-local days. A period has a key ('2026', '2026-H1', '2026-Q4', '2026-11';
 * dossier counts use the same keys), its first and last day, and a Vietnamese label.
 */
export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'range';

export interface Period {
  key: string;
  kind: PeriodKind;
  from: string;
  to: string;
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthRange(y: number, first: number, last: number): { from: string; to: string } {
  return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(last)}-${pad(lastDayOfMonth(y, last))}` };
}

/** The period a key names, or null for a key that is none (or a year out of 2000–2100). */
export function periodOf(key: string): Period | null {
  let m: RegExpExecArray | null;
  const okYear = (y: number) => y >= 2000 && y <= 2100;
  if ((m = /^(\d{4})$/.exec(key)) && okYear(+m[1]!)) {
    const y = +m[1]!;
    return { key, kind: 'year', ...monthRange(y, 1, 12), label: `Năm ${y}` };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(key)) && okYear(+m[1]!)) {
    const y = +m[1]!;
    const h = +m[2]!;
    return { key, kind: 'half', ...monthRange(y, h === 1 ? 1 : 7, h === 1 ? 6 : 12), label: h === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}` };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key)) && okYear(+m[1]!)) {
    const y = +m[1]!;
    const q = +m[2]!;
    return { key, kind: 'quarter', ...monthRange(y, q * 3 - 2, q * 3), label: `Quý ${ROMAN[q - 1]}/${y}` };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(key)) && okYear(+m[1]!) && +m[2]! >= 1 && +m[2]! <= 12) {
    const y = +m[1]!;
    const mo = +m[2]!;
    return { key, kind: 'month', ...monthRange(y, mo, mo), label: `Tháng ${pad(mo)}/${y}` };
  }
  return null;
}

/** Any range of days (inclusive) as a period. */
export function rangePeriod(from: string, to: string): Period {
  return { key: `${from}..${to}`, kind: 'range', from, to, label: `Từ ${formatViDate(from)} đến ${formatViDate(to)}` };
}

/** The named period a range is exactly, else the range itself (a report of 01/01–31/03 is "Quý I"). */
export function periodForRange(from: string, to: string): Period {
  const y = Number(from.slice(0, 4));
  const keys = [`${y}`, `${y}-H1`, `${y}-H2`, ...[1, 2, 3, 4].map((q) => `${y}-Q${q}`), `${from.slice(0, 7)}`];
  for (const k of keys) {
    const p = periodOf(k);
    if (p && p.from === from && p.to === to) return p;
  }
  return rangePeriod(from, to);
}

/**
 * The presets a range picker offers, as of a Vietnam-local day: "Tháng này", "Quý này",
 * "6 tháng đầu năm", "Năm nay" — each up to today, and their full extents.
 */
export function presetPeriods(today: string): { key: 'month' | 'quarter' | 'half' | 'year'; label: string; period: Period }[] {
  const y = Number(today.slice(0, 4));
  const mo = Number(today.slice(5, 7));
  const q = Math.ceil(mo / 3);
  return [
    { key: 'month', label: 'Tháng này', period: periodOf(`${y}-${pad(mo)}`)! },
    { key: 'quarter', label: 'Quý này', period: periodOf(`${y}-Q${q}`)! },
    { key: 'half', label: '6 tháng đầu năm', period: periodOf(`${y}-H1`)! },
    { key: 'year', label: 'Năm nay', period: periodOf(`${y}`)! },
  ];
}

/** The months ('YYYY-MM') a period touches, in order; used to add up dossier counts kept by month. */
export function monthsOf(p: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = [];
  const last = p.to.slice(0, 7);
  for (let y = +p.from.slice(0, 4), m = +p.from.slice(5, 7); ; ) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= last) return out;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
}

export type BucketUnit = 'day' | 'week' | 'month';

export interface Bucket {
  key: string;
  from: string;
  to: string;
  label: string;
}

/**
 * How a trend over a range is cut: by day up to two months (62 days), by week (Monday to Sunday,
 * clipped to the range) up to half a year (186 days), by month beyond — a year is 12 points, not
 * 365 (issue 26).
 */
export function bucketUnitFor(from: string, to: string): BucketUnit {
  const days = daysBetween(from, to);
  if (days <= 62) return 'day';
  if (days <= 186) return 'week';
  return 'month';
}

const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6

export function bucketsOf(from: string, to: string, unit: BucketUnit = bucketUnitFor(from, to)): Bucket[] {
  const out: Bucket[] = [];
  if (unit === 'day') {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push({ key: d, from: d, to: d, label: formatViDate(d).slice(0, 5) });
    return out;
  }
  if (unit === 'week') {
    for (let start = from; start <= to; ) {
      const end = addDays(start, 6 - weekday(start));
      const last = end < to ? end : to;
      out.push({ key: start, from: start, to: last, label: `${formatViDate(start).slice(0, 5)}–${formatViDate(last).slice(0, 5)}` });
      start = addDays(last, 1);
    }
    return out;
  }
  for (let start = from; start <= to; ) {
    const y = +start.slice(0, 4);
    const mo = +start.slice(5, 7);
    const end = `${y}-${pad(mo)}-${pad(lastDayOfMonth(y, mo))}`;
    const last = end < to ? end : to;
    out.push({ key: start.slice(0, 7), from: start, to: last, label: `${pad(mo)}/${y}` });
    start = addDays(last, 1);
  }
  return out;
}
