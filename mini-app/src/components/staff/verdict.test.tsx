import { render, screen } from '@testing-library/react';
import { RULE as SERVER_RULE } from '@hai-long/backend/domain/rule';
import { describe, expect, it } from 'vitest';
import { RULE } from '../../pages/staff/report-fixtures.tsx';
import { VerdictBadge, verdictFor, verdictWords } from './verdict.tsx';

const counted = (dissatisfied: number, responses: number, rule = RULE) => ({
  responses,
  dissatisfied,
  flagged: responses > 0 && dissatisfied * rule.threshold.denominator > rule.threshold.numerator * responses,
});

describe('the verdict on the staff screens', () => {
  it("is the server's verdictOf, worded from the rule the API serves, with a tone per answer", () => {
    expect(verdictFor(counted(0, 0), RULE)).toMatchObject({ tone: 'none', label: 'Chưa có phiếu' });
    expect(verdictFor(counted(3, 10), RULE)).toMatchObject({ tone: 'ok', label: 'Không vượt 30%' });
    expect(verdictFor(counted(2, 3), RULE)).toMatchObject({ tone: 'chance', label: 'Vượt 30% (theo quy định) – có thể do ngẫu nhiên (ít phiếu)' });
    expect(verdictFor(counted(8, 12), RULE)).toMatchObject({ tone: 'certain', label: 'Vượt 30% (theo quy định) – chắc chắn' });
    // With the real rule: exactly a quarter is not over; 4 of 10 is over, but chance may explain it.
    expect(verdictFor(counted(1, 4, SERVER_RULE), SERVER_RULE).tone).toBe('ok');
    expect(verdictFor(counted(4, 10, SERVER_RULE), SERVER_RULE).tone).toBe('chance');
    expect(verdictWords(RULE)).toEqual({ certain: 'Vượt 30% (theo quy định) – chắc chắn', chance: 'Vượt 30% (theo quy định) – có thể do ngẫu nhiên (ít phiếu)', ok: 'Không vượt 30%' });
  });

  it('draws the verdict as a badge coloured by its tone', () => {
    render(<VerdictBadge shares={counted(8, 12)} rule={RULE} />);
    expect(screen.getByText('Vượt 30% (theo quy định) – chắc chắn').className).toBe('badge verdict-badge verdict-certain');
  });
});
