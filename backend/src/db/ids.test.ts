import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newRowId } from './ids.ts';

describe('newRowId', () => {
  it('is a version-7 UUID with the RFC variant that the API and zod accept', () => {
    for (let i = 0; i < 1000; i++) {
      const id = newRowId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(id).success).toBe(true);
    }
  });

  it('begins with the time, so later ids sort after earlier ones', () => {
    const t = Date.parse('2026-11-25T10:00:00Z');
    expect(newRowId(t).replace(/-/g, '').slice(0, 12)).toBe(t.toString(16).padStart(12, '0'));
    const ids = [t, t + 1, t + 1000, t + 86_400_000].map((ms) => newRowId(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat', () => {
    const t = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => newRowId(t)));
    expect(ids.size).toBe(10_000);
  });
});
