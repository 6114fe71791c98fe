import { describe, expect, it } from 'vitest';
import { formatDay, formatInterval, formatPercent, shiftDay, vietnamToday, wilsonInterval } from './staff-format.ts';

describe('staff number and date formats (vi-VN)', () => {
  it('writes percentages with a comma decimal and dates as dd/mm/yyyy', () => {
    expect(formatPercent(2 / 3)).toMatch(/^66,7\s?%$/);
    expect(formatPercent(null)).toBe('–');
    expect(formatDay('2026-11-05')).toBe('05/11/2026');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(vietnamToday(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
  });
  it('gives the 95 % Wilson interval like the backend', () => {
    const i = wilsonInterval(1, 1)!;
    expect(i.low).toBeCloseTo(0.2065, 3);
    expect(i.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(formatInterval(i)).toMatch(/^20,7\s?% – 100,0\s?%$/);
  });
});
