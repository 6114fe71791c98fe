import type { PublicPoint } from '../services/api/types.ts';

/** A kiosk point's idle time when the point does not say (an older server, a copy kept on the device). */
export const DEFAULT_KIOSK_IDLE_SECONDS = 90;

/** The countdown before a half-filled form is cleared is shown for at most this long. */
export const KIOSK_WARNING_SECONDS = 15;

/**
 * Whether the rating screen runs as a kiosk (a shared tablet at the counter): opened with
 * `kiosk=1`, or the point is a kiosk point. A copy of a point kept by an older app has no `point`.
 */
export function isKioskMode(kioskParam: boolean, point: PublicPoint | null): boolean {
  return kioskParam || point?.point?.kind === 'kiosk';
}

/** How long a form may be left alone before it is cleared for the next person. */
export function kioskIdleSeconds(point: PublicPoint): number {
  const seconds = point.point?.kioskIdleSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : DEFAULT_KIOSK_IDLE_SECONDS;
}

/**
 * How many of the idle seconds show the countdown: the last 15, or the last half of a short
 * idle time (a 6 s idle time shows 3 s of countdown), at least one.
 */
export function kioskWarningSeconds(idleSeconds: number): number {
  return Math.max(1, Math.min(KIOSK_WARNING_SECONDS, Math.floor(idleSeconds / 2)));
}
