/**
 * How many responses a unit must collect for the dossiers it handled (R4.1, seed 004 §III.4):
 * of the year's dossiers, under 100 → 50 %; 100 to under 500 → 30 %; 500 to under 1,000 → 20 %;
 * 1,000 or more → 10 %. The band is set by the YEAR's volume ("số hồ sơ trong năm"), and the share
 * applies to the dossiers of the period asked about. Shares are fractions, so the required count
 * is exact: ceil(dossiers × n / d) in integers.
 */
export interface RequiredShare {
  numerator: number;
  denominator: number;
}

export const COVERAGE_BANDS: readonly { below: number; share: RequiredShare }[] = [
  { below: 100, share: { numerator: 1, denominator: 2 } },
  { below: 500, share: { numerator: 3, denominator: 10 } },
  { below: 1000, share: { numerator: 1, denominator: 5 } },
  { below: Number.POSITIVE_INFINITY, share: { numerator: 1, denominator: 10 } },
];

export function requiredShareFor(yearDossiers: number): RequiredShare {
  return COVERAGE_BANDS.find((b) => yearDossiers < b.below)!.share;
}

export interface Coverage {
  dossiers: number;
  responses: number;
  /** The share R4.1 requires, as a number (0.5, 0.3, 0.2, 0.1). */
  requiredShare: number;
  requiredResponses: number;
  /** Enough responses ("đạt"). */
  met: boolean;
  /** How many more are needed (0 when met). */
  missing: number;
  /** Responses / dossiers; null without dossiers. */
  surveyedShare: number | null;
}

/** Coverage of `dossiers` by `responses`, in the band of the year's dossiers (the period's own count when the year's is unknown). */
export function coverageOf(dossiers: number, responses: number, yearDossiers: number = dossiers): Coverage {
  const share = requiredShareFor(yearDossiers);
  const requiredResponses = Math.floor((dossiers * share.numerator + share.denominator - 1) / share.denominator);
  const missing = Math.max(0, requiredResponses - responses);
  return {
    dossiers,
    responses,
    requiredShare: share.numerator / share.denominator,
    requiredResponses,
    met: missing === 0,
    missing,
    surveyedShare: dossiers === 0 ? null : responses / dossiers,
  };
}
