import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_BACKOFF_MS } from './backoff.ts';

describe('backoffMs', () => {
  it('doubles per attempt, jittered between half and the full delay', () => {
    expect(backoffMs(1, 1000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, () => 0)).toBe(2000);
    expect(backoffMs(3, 1000, () => 1)).toBe(4000);
  });
  it('is capped', () => {
    expect(backoffMs(60, 1000, () => 1)).toBe(MAX_BACKOFF_MS);
  });
});
