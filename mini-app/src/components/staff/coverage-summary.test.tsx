import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { coverage, COVERAGE_NOTE } from '../../pages/staff/report-data-fixtures.ts';
import { CoverageSummary } from './coverage-summary.tsx';

describe('CoverageSummary, the Decision 766 line', () => {
  it('counts responses when the unit issues no receipt tickets, and says so', () => {
    render(<CoverageSummary c={coverage('2026-11')} />);
    const line = screen.getByText(/Tỷ lệ hài lòng trên số phiếu/).closest('p')!;
    expect(line.textContent).toContain('24/30 phiếu');
    expect(line.textContent).toContain(COVERAGE_NOTE);
  });

  it('counts dossiers when it does: satisfied of rated, and rated of issued', () => {
    const c = coverage('2026-11', {
      source: 'tickets',
      rate766: { basis: 'dossiers', rated: 40, satisfied: 36, share: 0.9, dossiers: 50, ratedShare: 0.8, note: 'Theo hồ sơ, ghi chú thử.' },
    });
    render(<CoverageSummary c={c} />);
    const line = screen.getByText(/Tỷ lệ hài lòng theo hồ sơ/).closest('p')!;
    expect(line.textContent).toContain('36/40 hồ sơ được đánh giá');
    expect(line.textContent).toContain('40/50 hồ sơ có đánh giá');
    expect(line.textContent).toContain('Theo hồ sơ, ghi chú thử.');
    expect(screen.queryByText(/trên số phiếu/)).toBeNull();
  });
});
