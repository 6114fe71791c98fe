import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageOf, requiredShareFor } from './coverage.ts';

/** An independent reading of R4.1 in floating point with a tolerance, for the property test. */
function reference(dossiers: number, yearDossiers: number): number {
  const share = yearDossiers < 100 ? 0.5 : yearDossiers < 500 ? 0.3 : yearDossiers < 1000 ? 0.2 : 0.1;
  return Math.max(0, Math.ceil(dossiers * share - 1e-9));
}

describe('coverage against dossiers (R4.1)', () => {
  it('switches bands exactly at 100, 500 and 1,000 dossiers a year', () => {
    expect(coverageOf(99, 0)).toMatchObject({ requiredShare: 0.5, requiredResponses: 50, missing: 50, met: false });
    expect(coverageOf(100, 30)).toMatchObject({ requiredShare: 0.3, requiredResponses: 30, missing: 0, met: true });
    expect(coverageOf(499, 149)).toMatchObject({ requiredShare: 0.3, requiredResponses: 150, missing: 1, met: false });
    expect(coverageOf(500, 100)).toMatchObject({ requiredShare: 0.2, requiredResponses: 100, met: true });
    expect(coverageOf(999, 200)).toMatchObject({ requiredShare: 0.2, requiredResponses: 200, met: true });
    expect(coverageOf(1000, 99)).toMatchObject({ requiredShare: 0.1, requiredResponses: 100, missing: 1 });
    expect(coverageOf(0, 5)).toMatchObject({ requiredResponses: 0, met: true, surveyedShare: null });
  });

  it('takes the band from the year and applies it to the period', () => {
    // A month of 80 dossiers in a year of 1,200: 10 % of 80 = 8, not 50 %.
    expect(coverageOf(80, 5, 1200)).toMatchObject({ requiredShare: 0.1, requiredResponses: 8, missing: 3 });
    expect(requiredShareFor(1200)).toEqual({ numerator: 1, denominator: 10 });
  });

  it('agrees with an independent calculation for any counts', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5000 }), fc.nat({ max: 5000 }), fc.nat({ max: 20000 }), (dossiers, responses, year) => {
        const c = coverageOf(dossiers, responses, year);
        expect(c.requiredResponses).toBe(reference(dossiers, year));
        expect(c.missing).toBe(Math.max(0, c.requiredResponses - responses));
        expect(c.met).toBe(responses >= c.requiredResponses);
      }),
      { numRuns: 3000 },
    );
  });
});
