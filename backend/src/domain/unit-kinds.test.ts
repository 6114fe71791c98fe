import { describe, expect, it } from 'vitest';
import { UNIT_KIND_LABELS, UNIT_KINDS, unitKindLabel } from './unit-kinds.ts';

describe('unit kinds', () => {
  it('has a Vietnamese label for every kind, the special zone included', () => {
    expect(Object.keys(UNIT_KIND_LABELS).sort()).toEqual([...UNIT_KINDS].sort());
    expect(unitKindLabel('special_zone')).toBe('Đặc khu');
    expect(unitKindLabel('ward')).toBe('Phường');
  });

  it('shows a word it does not know as it is', () => {
    expect(unitKindLabel('hamlet')).toBe('hamlet');
  });
});
