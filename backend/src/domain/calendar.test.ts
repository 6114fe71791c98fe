import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueDatesOf, nextDueDates, workingDayOnOrBefore } from './calendar.ts';

describe('the publication calendar (R5: seeds 002 and 004)', () => {
  it('has every date of 2026: the 28th of each month, 25/3, 25/6, 25/9, 25/12, and before 10/6 and 10/11', () => {
    const dates = dueDatesOf(2026);
    expect(dates.map((d) => `${d.kind} ${d.nominal}`)).toEqual([
      'month 2026-01-28',
      'month 2026-02-28',
      'quarter 2026-03-25',
      'month 2026-03-28',
      'month 2026-04-28',
      'month 2026-05-28',
      'other 2026-06-09',
      'half 2026-06-25',
      'month 2026-06-28',
      'month 2026-07-28',
      'month 2026-08-28',
      'quarter 2026-09-25',
      'month 2026-09-28',
      'month 2026-10-28',
      'other 2026-11-09',
      'month 2026-11-28',
      'year 2026-12-25',
      'month 2026-12-28',
    ]);
  });

  it('moves a date that falls at the weekend to the Friday before, and says so', () => {
    const dates = dueDatesOf(2026);
    // 28/02/2026 is a Saturday, 28/06/2026 a Sunday, 28/11/2026 a Saturday; 25/12/2026 is a Friday.
    const feb = dates.find((d) => d.key === 'month:2026-02')!;
    expect(feb).toMatchObject({ nominal: '2026-02-28', due: '2026-02-27', periodKey: '2026-02' });
    expect(feb.note).toBe('28/02/2026 là Thứ Bảy: công bố trước, ngày 27/02/2026');
    expect(dates.find((d) => d.key === 'month:2026-06')).toMatchObject({ nominal: '2026-06-28', due: '2026-06-26' });
    expect(dates.find((d) => d.key === 'month:2026-06')!.note).toContain('Chủ nhật');
    expect(dates.find((d) => d.key === 'year:2026')).toMatchObject({ due: '2026-12-25', note: null, periodKey: '2026' });
    // Against an independent count: which 28ths of 2026 fall at the weekend.
    const weekend28 = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2026, m, 28))).filter((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6).length;
    expect(dates.filter((d) => d.kind === 'month' && d.due !== d.nominal)).toHaveLength(weekend28);
    for (const d of dates) expect([1, 2, 3, 4, 5]).toContain(new Date(`${d.due}T00:00:00Z`).getUTCDay());
  });

  it('names the period each date publishes', () => {
    const byKey = new Map(dueDatesOf(2026).map((d) => [d.key, d]));
    expect(byKey.get('quarter:2026-Q1')).toMatchObject({ periodKey: '2026-Q1', label: 'Kết quả Quý I/2026' });
    expect(byKey.get('half:2026-H1')).toMatchObject({ periodKey: '2026-H1', label: 'Kết quả 6 tháng đầu năm 2026' });
    expect(byKey.get('quarter:2026-Q3')!.periodKey).toBe('2026-Q3');
  });

  it('gives the next dates from a day on, across the new year', () => {
    expect(nextDueDates('2026-12-20', 3).map((d) => d.key)).toEqual(['year:2026', 'month:2026-12', 'month:2027-01']);
    expect(nextDueDates('2026-02-27', 1)[0]!.key).toBe('month:2026-02');
    expect(workingDayOnOrBefore('2026-03-01')).toBe('2026-02-27');
  });
});

describe('working days', () => {
  it('skips weekends both ways', () => {
    expect(addWorkingDays('2026-12-04', 5)).toBe('2026-12-11'); // Friday → next Friday
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07'); // Saturday → Monday
    expect(addWorkingDays('2026-12-07', -1)).toBe('2026-12-04'); // Monday → Friday before
    expect(addWorkingDays('2026-12-09', 0)).toBe('2026-12-09');
  });
});
