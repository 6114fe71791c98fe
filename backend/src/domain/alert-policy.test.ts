import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertPeriodOf, nextAlertState } from './alert-policy.ts';
import { sharesOf, verdictOf } from './results.ts';
import { emptyLevels, type LevelCounts } from './tally.ts';

const policy = { minResponses: 10 };

/** The shares after some dissatisfied (level 1) and satisfied (level 5) ratings. */
const shares = (dissatisfied: number, satisfied: number) => sharesOf({ ...emptyLevels(), '1': dissatisfied, '5': satisfied });

/** Feeds ratings one at a time, as the write path does (only dissatisfied ones are looked at); returns the n where an instant alert fires. */
function alertsOf(levels: number[]): number[] {
  const counts: LevelCounts = emptyLevels();
  const out: number[] = [];
  let standing = false;
  for (const level of levels) {
    const before = sharesOf({ ...counts });
    counts[String(level) as keyof LevelCounts]++;
    if (level > 2) continue;
    const next = nextAlertState(standing, before, sharesOf(counts), policy);
    standing = next.standing;
    if (next.alert) out.push(before.responses + 1);
  }
  return out;
}

/**
 * Independently, in integers (over 25 % is 4·k > n): at a dissatisfied rating, alert when n ≥ 10
 * and over, unless an alert was sent since the last time the officer was seen (at a dissatisfied
 * rating, just before or just after it) at or under the threshold.
 */
function reference(levels: number[]): number[] {
  const out: number[] = [];
  let k = 0;
  let alertedSinceBelow = false;
  levels.forEach((level, i) => {
    const n = i + 1;
    const overBefore = i > 0 && 4 * k > i;
    if (level <= 2) k++;
    if (level > 2) return;
    const overNow = 4 * k > n;
    if (!overBefore || !overNow) alertedSinceBelow = false;
    if (overNow && n >= 10 && !alertedSinceBelow) {
      out.push(n);
      alertedSinceBelow = true;
    }
  });
  return out;
}

describe('the instant alert rule', () => {
  it('n = 1 at 100 % is flagged but raises no instant alert', () => {
    expect(shares(1, 0).flagged).toBe(true);
    expect(alertsOf([1])).toEqual([]);
  });

  it('n = 10 at 30 % raises one alert', () => {
    expect(alertsOf([5, 5, 5, 5, 5, 5, 5, 1, 1, 1])).toEqual([10]);
  });

  it('down to 20 % and up to 30 % again raises a second alert', () => {
    const first = [5, 5, 5, 5, 5, 5, 5, 1, 1, 1]; // 3/10 = 30 %: alert at n = 10
    const down = [5, 5, 5, 5, 5]; // 3/15 = 20 %
    const up = [1, 1]; // 5/17 ≈ 29 %: alert again at n = 17
    expect(alertsOf([...first, ...down, ...up])).toEqual([10, 17]);
  });

  it('reaching the minimum through a satisfied rating alerts at the next dissatisfied one that leaves the officer over', () => {
    // 3/9 = 33 % (too few); a 10th, satisfied rating: 3/10 = 30 % with n = 10 — no rating to look at;
    // the 11th, dissatisfied: 4/11 = 36 % → the alert.
    expect(alertsOf([1, 1, 1, 5, 5, 5, 5, 5, 5, 5])).toEqual([]);
    expect(alertsOf([1, 1, 1, 5, 5, 5, 5, 5, 5, 5, 1])).toEqual([11]);
  });

  it('a standing alert is not repeated while the officer stays over', () => {
    expect(alertsOf([5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 1, 1])).toEqual([10]);
  });

  it('agrees with an independent calculation on any sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 120 }), (levels) => {
        expect(alertsOf(levels)).toEqual(reference(levels));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('one wording for the two questions', () => {
  it('says over by the rule, and whether chance explains it', () => {
    expect(verdictOf(shares(1, 0)).label).toBe('Vượt 25% (theo quy định) – có thể do ngẫu nhiên (ít phiếu)');
    expect(verdictOf(shares(7, 12)).certainty).toBe('chance'); // 36.8 % of 19
    expect(verdictOf(shares(40, 60))).toMatchObject({ overRule: true, certainty: 'certain', label: 'Vượt 25% (theo quy định) – chắc chắn' });
    expect(verdictOf(shares(1, 3))).toMatchObject({ overRule: false, certainty: null, label: 'Không vượt 25%' });
    expect(verdictOf(shares(0, 0)).label).toBe('Chưa có phiếu');
  });

  it('"chắc chắn" exactly when the interval lies above the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), (n, k0) => {
        const k = k0 % (n + 1);
        const s = shares(k, n - k);
        const v = verdictOf(s);
        if (!s.flagged) expect(v.certainty).toBeNull();
        // Away from the boundary itself (equal up to rounding), the two readings agree.
        else if (Math.abs(s.dissatisfiedInterval!.low - 0.25) > 1e-9) expect(v.certainty === 'certain').toBe(s.dissatisfiedInterval!.low > 0.25);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('alert periods', () => {
  it('month or quarter of a day', () => {
    expect(alertPeriodOf('2026-11-30', 'month')).toMatchObject({ key: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(alertPeriodOf('2026-11-30', 'quarter')).toMatchObject({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
  });
});
