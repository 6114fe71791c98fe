/**
 * Vietnam-local days and times, the one module for them: the server, the scripts and the Mini App
 * (through `@hai-long/backend/domain/day`) all read days here. Vietnam is UTC+7 all year
 * (Asia/Ho_Chi_Minh has no DST), whatever time zone a device is set to.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Vietnam-local calendar day ("YYYY-MM-DD") an instant falls on. */
export function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isValidDay(day: string): boolean {
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Inclusive number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** dd/mm/yyyy, as Vietnamese readers write dates; anything but YYYY-MM-DD comes back as it is. */
export function formatViDate(day: string): string {
  const m = DAY_RE.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** HH:mm of an instant in Vietnam time. */
export function formatViTime(at: Date | string): string {
  const local = new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + VIETNAM_OFFSET_MS);
  return `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
}

/** "HH:mm, dd/mm/yyyy" of an instant in Vietnam time. */
export function formatViInstant(at: Date | string): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  return `${formatViTime(instant)}, ${formatViDate(vietnamDay(instant))}`;
}
