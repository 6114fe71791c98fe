import { describe, expect, it } from 'vitest';
import { capitalize, formatDay, formatInterval, formatPercent, formatPercentShort, overThreshold, shiftDay, vietnamToday } from './staff.ts';

describe('staff number and date formats (vi-VN)', () => {
  it('writes percentages with a comma decimal and dates as dd/mm/yyyy', () => {
    expect(formatPercent(2 / 3)).toMatch(/^66,7\s?%$/);
    expect(formatPercent(null)).toBe('–');
    expect(formatDay('2026-11-05')).toBe('05/11/2026');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(vietnamToday(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
  });
  it('writes an interval the API gives as two percentages', () => {
    expect(formatInterval({ low: 0.2065, high: 1 })).toMatch(/^20,7\s?% – 100,0\s?%$/);
    expect(formatInterval(null)).toBe('–');
  });
  it('words the threshold from the rule it is given, without a trailing ",0"', () => {
    expect(formatPercentShort(0.998)).toMatch(/^99,8\s?%$/);
    expect(overThreshold({ thresholdShare: 0.25, strictlyGreater: true })).toMatch(/^trên 25\s?%$/);
    expect(overThreshold({ thresholdShare: 0.3, strictlyGreater: true })).toMatch(/^trên 30\s?%$/);
    expect(overThreshold({ thresholdShare: 0.125, strictlyGreater: false })).toMatch(/^từ 12,5\s?% trở lên$/);
    expect(capitalize(overThreshold({ thresholdShare: 0.2, strictlyGreater: true }))).toMatch(/^Trên 20/);
  });
});
