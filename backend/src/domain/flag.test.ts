import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFlagged, isShareFlagged } from './flag.ts';
import { dissatisfiedShare, satisfiedShare, type LevelCounts } from './tally.ts';

const counts = (n1: number, n2: number, n3: number, n4: number, n5: number): LevelCounts => ({ '1': n1, '2': n2, '3': n3, '4': n4, '5': n5 });

describe('the 25 % rule (R3.1: strictly over 25 %)', () => {
  it('does not flag exactly 25 %', () => {
    expect(isFlagged(counts(1, 0, 0, 3, 0))).toBe(false);
    expect(isFlagged(counts(0, 25, 25, 25, 25))).toBe(false);
    expect(isShareFlagged(0.25)).toBe(false);
  });
  it('flags 2 of 7', () => {
    const c = counts(1, 1, 0, 0, 5);
    expect(dissatisfiedShare(c)).toBeCloseTo(2 / 7);
    expect(isFlagged(c)).toBe(true);
  });
  it('gives null shares and no flag for zero responses', () => {
    const c = counts(0, 0, 0, 0, 0);
    expect(dissatisfiedShare(c)).toBeNull();
    expect(satisfiedShare(c)).toBeNull();
    expect(isFlagged(c)).toBe(false);
    expect(isShareFlagged(null)).toBe(false);
  });
  it('agrees with (n1 + n2) / n > 0.25 for any counts', () => {
    const n = fc.nat({ max: 500 });
    fc.assert(
      fc.property(n, n, n, n, n, (a, b, c, d, e) => {
        const l = counts(a, b, c, d, e);
        const total = a + b + c + d + e;
        // Exact rational comparison as the reference: (a+b)/total > 1/4.
        const reference = total > 0 && (a + b) * 4 > total;
        expect(isFlagged(l)).toBe(reference);
        expect(isShareFlagged(dissatisfiedShare(l))).toBe(reference);
      }),
      { numRuns: 2000 },
    );
  });
});
