import { addDays, formatViDate } from './day.ts';
import { periodOf } from './periods.ts';

/**
 * When results are due (R5): monthly on the 28th; the quarters on 25/3 and 25/9, the half-year on
 * 25/6 and the year on 25/12 (seed 002 §II.1); results of other survey forms (ballot box, kiosk)
 * at least every six months, before 10/6 and 10/11 (seed 004 §III.6.a). A date that falls on a
 * Saturday or Sunday is due on the Friday before: offices are closed at the weekend. Public
 * holidays (Tết, 30/4, 2/9) are not modelled: the clerk sees the nominal date beside it.
 */
export interface DueDate {
  /** Unique per year: 'month:2026-11', 'quarter:2026-Q3', 'half:2026-H1', 'year:2026', 'other:2026-06'. */
  key: string;
  kind: 'month' | 'quarter' | 'half' | 'year' | 'other';
  /** The day the plan names. */
  nominal: string;
  /** The working day it is due: the nominal day, or the Friday before a weekend. */
  due: string;
  /** The period whose results are published. */
  periodKey: string;
  label: string;
  /** Why `due` differs from `nominal`, when it does. */
  note: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
const WEEKDAY_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** The working day a date is due on: itself, or the Friday before when it falls at the weekend. */
export function workingDayOnOrBefore(day: string): string {
  const w = weekday(day);
  return w === 6 ? addDays(day, -1) : w === 0 ? addDays(day, -2) : day;
}

function due(kind: DueDate['kind'], key: string, nominal: string, periodKey: string, label: string): DueDate {
  const d = workingDayOnOrBefore(nominal);
  const note = d === nominal ? null : `${formatViDate(nominal)} là ${WEEKDAY_VI[weekday(nominal)]}: công bố trước, ngày ${formatViDate(d)}`;
  return { key, kind, nominal, due: d, periodKey, label, note };
}

/** Every due date of a year, in date order. */
export function dueDatesOf(year: number): DueDate[] {
  const out: DueDate[] = [];
  for (let m = 1; m <= 12; m++) {
    const key = `${year}-${pad(m)}`;
    out.push(due('month', `month:${key}`, `${key}-28`, key, `Kết quả tháng ${pad(m)}/${year}`));
  }
  out.push(due('quarter', `quarter:${year}-Q1`, `${year}-03-25`, `${year}-Q1`, `Kết quả ${periodOf(`${year}-Q1`)!.label}`));
  out.push(due('half', `half:${year}-H1`, `${year}-06-25`, `${year}-H1`, `Kết quả ${periodOf(`${year}-H1`)!.label}`));
  out.push(due('quarter', `quarter:${year}-Q3`, `${year}-09-25`, `${year}-Q3`, `Kết quả ${periodOf(`${year}-Q3`)!.label}`));
  out.push(due('year', `year:${year}`, `${year}-12-25`, `${year}`, `Kết quả năm ${year}`));
  // Other forms: before 10/6 and 10/11, so the 9th is the last day to publish.
  out.push(due('other', `other:${year}-06`, `${year}-06-09`, `${year}-H1`, `Kết quả khảo sát bằng phiếu giấy, kiosk (trước 10/6/${year})`));
  out.push(due('other', `other:${year}-11`, `${year}-11-09`, `${year}-H2`, `Kết quả khảo sát bằng phiếu giấy, kiosk (trước 10/11/${year})`));
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.key.localeCompare(b.key)));
}

/** The due dates from `today` on (today's included), the next `count` of them. */
export function nextDueDates(today: string, count = 6): DueDate[] {
  const y = Number(today.slice(0, 4));
  return [...dueDatesOf(y), ...dueDatesOf(y + 1)].filter((d) => d.due >= today).slice(0, count);
}

/** The day `n` working days (Monday to Friday) after `day` (before it when n < 0): a case opened on Friday with 5 days is due the next Friday. */
export function addWorkingDays(day: string, n: number): string {
  const dir = n < 0 ? -1 : 1;
  let d = day;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, dir);
    const w = weekday(d);
    if (w !== 0 && w !== 6) left--;
  }
  return d;
}
