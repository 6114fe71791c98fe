import { describe, expect, it } from 'vitest';
import { bucketsOf, bucketUnitFor, monthsOf, periodForRange, periodOf, presetPeriods } from './periods.ts';

describe('periods', () => {
  it('reads the keys dossier counts and reports use', () => {
    expect(periodOf('2026')).toEqual({ key: '2026', kind: 'year', from: '2026-01-01', to: '2026-12-31', label: 'Năm 2026' });
    expect(periodOf('2026-H1')).toMatchObject({ from: '2026-01-01', to: '2026-06-30', label: '6 tháng đầu năm 2026' });
    expect(periodOf('2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31', label: 'Quý IV/2026' });
    expect(periodOf('2024-02')).toMatchObject({ from: '2024-02-01', to: '2024-02-29', label: 'Tháng 02/2024' });
    for (const bad of ['2026-13', '2026-Q5', '26', '2026-H3', '1999', '2026-1']) expect(periodOf(bad)).toBeNull();
  });

  it('offers "Tháng này", "Quý này", "6 tháng đầu năm", "Năm nay"', () => {
    expect(presetPeriods('2026-11-25').map((p) => [p.label, p.period.from, p.period.to])).toEqual([
      ['Tháng này', '2026-11-01', '2026-11-30'],
      ['Quý này', '2026-10-01', '2026-12-31'],
      ['6 tháng đầu năm', '2026-01-01', '2026-06-30'],
      ['Năm nay', '2026-01-01', '2026-12-31'],
    ]);
  });

  it('names a range that is exactly a period, else says its days', () => {
    expect(periodForRange('2026-01-01', '2026-03-31').label).toBe('Quý I/2026');
    expect(periodForRange('2026-11-01', '2026-11-30').label).toBe('Tháng 11/2026');
    expect(periodForRange('2026-11-03', '2026-11-30')).toMatchObject({ kind: 'range', label: 'Từ 03/11/2026 đến 30/11/2026' });
    expect(monthsOf(periodOf('2026-Q2')!)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('cuts a year by month, a quarter by week, a month by day', () => {
    expect(bucketUnitFor('2026-01-01', '2026-12-31')).toBe('month');
    expect(bucketUnitFor('2026-10-01', '2026-12-31')).toBe('week');
    expect(bucketUnitFor('2026-11-01', '2026-11-30')).toBe('day');
    const year = bucketsOf('2026-01-01', '2026-12-31');
    expect(year).toHaveLength(12);
    expect(year[1]).toEqual({ key: '2026-02', from: '2026-02-01', to: '2026-02-28', label: '02/2026' });
    const quarter = bucketsOf('2026-10-01', '2026-12-31');
    // 1/10/2026 is a Thursday: a short first week to Sunday 4/10, then Monday to Sunday.
    expect(quarter[0]).toMatchObject({ from: '2026-10-01', to: '2026-10-04' });
    expect(quarter[1]).toMatchObject({ from: '2026-10-05', to: '2026-10-11' });
    expect(quarter.at(-1)!.to).toBe('2026-12-31');
    // Every day of the range in exactly one bucket.
    const days = quarter.reduce((n, b) => n + (Date.parse(b.to) - Date.parse(b.from)) / 86_400_000 + 1, 0);
    expect(days).toBe(92);
  });
});
