import { periodOf, type Period } from './periods.ts';
import type { Shares } from './results.ts';

/**
 * When an officer's share raises an instant alert (issue 27). The flag is the rule's (over 25 %,
 * any n); an instant alert also needs at least `minResponses` in the period, so that 1 of 1 does
 * not wake the chairman. It fires when a dissatisfied rating leaves the officer alertable while no
 * alert is standing; the standing alert is reset when the officer is seen at or under the
 * threshold, so crossing up again later in the period alerts again (not once a month). The
 * period's end then evaluates every flagged officer whatever n is ("ít dữ liệu" when small).
 *
 * Only batches with a dissatisfied rating are looked at (the others cannot raise a share, and
 * reading the period's sums for every rating would cost the write path): an officer who reaches
 * the minimum n through a satisfied rating while already over is alerted at the next dissatisfied
 * rating that leaves them over, or at the period's end.
 */
export interface AlertPolicy {
  minResponses: number;
  period: 'month' | 'quarter';
}

type Counted = Pick<Shares, 'flagged' | 'responses'>;

export const alertable = (s: Counted, policy: Pick<AlertPolicy, 'minResponses'>): boolean => s.flagged && s.responses >= policy.minResponses;

/**
 * One batch of an officer's ratings that holds a dissatisfied one: the shares before and after it,
 * and whether an alert was standing. Returns whether to alert now and whether one stands after.
 */
export function nextAlertState(standing: boolean, before: Counted, after: Counted, policy: Pick<AlertPolicy, 'minResponses'>): { alert: boolean; standing: boolean } {
  // Seen at or under the threshold (before the batch, or after it): the standing alert is over.
  const still = standing && before.flagged && after.flagged;
  if (alertable(after, policy) && !still) return { alert: true, standing: true };
  return { alert: false, standing: still };
}

/** The alert period a day belongs to ('2026-11' or '2026-Q4'). */
export function alertPeriodOf(day: string, period: AlertPolicy['period']): Period {
  const key = period === 'month' ? day.slice(0, 7) : `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
  return periodOf(key)!;
}
