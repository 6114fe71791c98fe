import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnelBand, funnelLimit, sharesOf } from './results.ts';
import { isOverThreshold, RULE, thresholdText } from './rule.ts';
import type { LevelCounts } from './tally.ts';

const counts = (n1: number, n2: number, n3: number, n4: number, n5: number): LevelCounts => ({ '1': n1, '2': n2, '3': n3, '4': n4, '5': n5 });

describe('the rule (R3.1: strictly over 25 %)', () => {
  it('is one object: levels 1–2 dissatisfied, 4–5 satisfied, over 1/4 strictly, small sample under 10', () => {
    expect(RULE).toMatchObject({ dissatisfiedLevels: [1, 2], satisfiedLevels: [4, 5], threshold: { numerator: 1, denominator: 4 }, thresholdShare: 0.25, smallSample: 10 });
    expect(thresholdText()).toBe('25%');
  });
  it('does not flag exactly 25 %, flags 2 of 7, never flags n = 0', () => {
    expect(isOverThreshold(1, 4)).toBe(false);
    expect(isOverThreshold(25, 100)).toBe(false);
    expect(isOverThreshold(2, 7)).toBe(true);
    expect(isOverThreshold(0, 0)).toBe(false);
  });
  it('agrees with exact rational arithmetic for any counts', () => {
    const n = fc.nat({ max: 500 });
    fc.assert(
      fc.property(n, n, n, n, n, (a, b, c, d, e) => {
        const s = sharesOf(counts(a, b, c, d, e));
        const total = a + b + c + d + e;
        expect(s.flagged).toBe(total > 0 && (a + b) * 4 > total);
        expect(s.responses).toBe(total);
        expect(s.dissatisfied).toBe(a + b);
        expect(s.satisfied).toBe(d + e);
        expect(s.smallSample).toBe(total < 10);
        if (total === 0) expect(s.dissatisfiedInterval).toBeNull();
        else {
          expect(s.dissatisfiedInterval!.low).toBeLessThanOrEqual(s.dissatisfiedShare! + 1e-12);
          expect(s.dissatisfiedInterval!.high).toBeGreaterThanOrEqual(s.dissatisfiedShare! - 1e-12);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the results model', () => {
  it('gives shares, the flag, the Wilson interval and the small-sample mark from level counts', () => {
    const s = sharesOf(counts(1, 1, 0, 0, 5));
    expect(s).toMatchObject({ responses: 7, dissatisfied: 2, satisfied: 5, flagged: true, smallSample: true });
    expect(s.dissatisfiedShare).toBeCloseTo(2 / 7);
    expect(s.dissatisfiedInterval!.low).toBeCloseTo(0.0822, 3);
    expect(s.dissatisfiedInterval!.high).toBeCloseTo(0.6411, 3);
    expect(sharesOf(counts(0, 0, 0, 0, 0))).toMatchObject({ responses: 0, satisfiedShare: null, dissatisfiedShare: null, flagged: false, dissatisfiedInterval: null, smallSample: true });
  });
  it('puts an officer in the funnel by chance at their n, not by the bare share', () => {
    expect(funnelBand(2, 3)).toBe('within'); // 67 % of 3: could be chance
    expect(funnelBand(40, 100)).toBe('above-99.8'); // 40 % of 100: not chance
    expect(funnelBand(0, 0)).toBe('none');
    const l = funnelLimit(100);
    expect(l.high95).toBeCloseTo(0.25 + 1.959964 * Math.sqrt(0.25 * 0.75 / 100), 9);
  });
});
