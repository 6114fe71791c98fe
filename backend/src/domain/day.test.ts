import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatViDate, formatViInstant, formatViTime, isValidDay, vietnamDay } from './day.ts';

describe('vietnamDay', () => {
  it('puts 16:59:59Z and 17:00:00Z on different Vietnam days', () => {
    expect(vietnamDay(new Date('2026-11-24T16:59:59Z'))).toBe('2026-11-24');
    expect(vietnamDay(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
  });
  it('counts 23:30 UTC on 24 Nov as 25 Nov (ARCHITECTURE.md example)', () => {
    expect(vietnamDay(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
  });
  it('rolls over years in local time', () => {
    expect(vietnamDay(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});

describe('calendar helpers', () => {
  it('accepts real dates only', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2025-02-29')).toBe(false);
    expect(isValidDay('2025-13-01')).toBe(false);
    expect(isValidDay('25-01-01')).toBe(false);
  });
  it('adds and counts days inclusively', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysBetween('2026-05-05', '2026-05-05')).toBe(1);
  });
  it('writes dd/mm/yyyy, and times in Vietnam time whatever the device', () => {
    expect(formatViDate('2026-11-05')).toBe('05/11/2026');
    expect(formatViDate('not a day')).toBe('not a day');
    expect(formatViTime('2026-11-24T17:05:00Z')).toBe('00:05');
    expect(formatViInstant('2026-11-24T17:05:00Z')).toBe('00:05, 25/11/2026');
    expect(formatViInstant(new Date('2026-11-24T03:00:00Z'))).toBe('10:00, 24/11/2026');
  });
});
