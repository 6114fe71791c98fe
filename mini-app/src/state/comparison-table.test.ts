import { describe, expect, it } from 'vitest';
import { ariaSort, comparisonRootOf, coverageShare, nextSort, sortFromParams, sortRows, TREE_ORDER, type SortableRow } from './comparison-table.ts';

const row = (name: string, o: Partial<SortableRow> = {}): SortableRow => ({
  name,
  responses: 20,
  satisfiedShare: 0.8,
  dissatisfiedShare: 0.1,
  sipasIndex: null,
  coverage: null,
  rank: null,
  ...o,
});

const names = (rows: readonly SortableRow[]) => rows.map((r) => r.name);

describe('sorting the comparison table', () => {
  const rows = [
    row('Xã Đồng Tiến', { dissatisfiedShare: 0.3, satisfiedShare: 0.6, rank: 3 }),
    row('Phường Bến Thủy', { responses: 0, dissatisfiedShare: null, satisfiedShare: null }),
    row('Xã An Phú', { dissatisfiedShare: 0.05, satisfiedShare: 0.9, rank: 1 }),
    row('Đặc khu Hòn Ngư', { dissatisfiedShare: 0.3, satisfiedShare: 0.6, rank: 3 }),
    row('Xã Ân Thi', { responses: 4, dissatisfiedShare: 0.5, satisfiedShare: 0.5 }),
  ];

  it('puts units without a value last in both directions', () => {
    expect(names(sortRows(rows, { key: 'dissatisfied', dir: 'desc' }))).toEqual(['Xã Ân Thi', 'Xã Đồng Tiến', 'Đặc khu Hòn Ngư', 'Xã An Phú', 'Phường Bến Thủy']);
    expect(names(sortRows(rows, { key: 'dissatisfied', dir: 'asc' }))).toEqual(['Xã An Phú', 'Xã Đồng Tiến', 'Đặc khu Hòn Ngư', 'Xã Ân Thi', 'Phường Bến Thủy']);
    // Ranks: 1 first ascending; the unranked (small n, no responses) after the ranked, in their order.
    expect(names(sortRows(rows, { key: 'rank', dir: 'asc' }))).toEqual(['Xã An Phú', 'Xã Đồng Tiến', 'Đặc khu Hòn Ngư', 'Phường Bến Thủy', 'Xã Ân Thi']);
    expect(names(sortRows(rows, { key: 'rank', dir: 'desc' }))).toEqual(['Xã Đồng Tiến', 'Đặc khu Hòn Ngư', 'Xã An Phú', 'Phường Bến Thủy', 'Xã Ân Thi']);
    // No responses is no count: last also when the fewest come first.
    expect(names(sortRows(rows, { key: 'responses', dir: 'asc' }))[0]).toBe('Xã Ân Thi');
    expect(names(sortRows(rows, { key: 'responses', dir: 'asc' })).at(-1)).toBe('Phường Bến Thủy');
  });

  it('keeps ties in the server order (stable), whichever the direction', () => {
    // Đồng Tiến and Hòn Ngư tie on 30 %: Đồng Tiến came first, it stays first both ways.
    for (const dir of ['asc', 'desc'] as const) {
      const sorted = names(sortRows(rows, { key: 'satisfied', dir }));
      expect(sorted.indexOf('Xã Đồng Tiến')).toBe(sorted.indexOf('Đặc khu Hòn Ngư') - 1);
    }
    const same = [row('c'), row('a'), row('b')];
    expect(names(sortRows(same, { key: 'dissatisfied', dir: 'desc' }))).toEqual(['c', 'a', 'b']);
    expect(names(sortRows(same, { key: 'dissatisfied', dir: 'asc' }))).toEqual(['c', 'a', 'b']);
  });

  it('sorts names the Vietnamese way and leaves the input as it was', () => {
    const before = names(rows);
    expect(names(sortRows(rows, { key: 'name', dir: 'asc' }))).toEqual(['Đặc khu Hòn Ngư', 'Phường Bến Thủy', 'Xã An Phú', 'Xã Ân Thi', 'Xã Đồng Tiến']);
    expect(names(sortRows(rows, { key: 'name', dir: 'desc' }))[0]).toBe('Xã Đồng Tiến');
    expect(names(rows)).toEqual(before);
    expect(names(sortRows(rows, TREE_ORDER))).toEqual(before);
  });

  it('sorts coverage by the share of the required responses reached, units without dossier counts last', () => {
    const cov = [
      row('none'),
      row('half', { responses: 10, coverage: { requiredResponses: 20, met: false } }),
      row('met', { responses: 30, coverage: { requiredResponses: 20, met: true } }),
      row('zero-required', { responses: 0, coverage: { requiredResponses: 0, met: true } }),
    ];
    expect(coverageShare(cov[1]!)).toBe(0.5);
    expect(names(sortRows(cov, { key: 'coverage', dir: 'desc' }))).toEqual(['met', 'zero-required', 'half', 'none']);
    expect(names(sortRows(cov, { key: 'coverage', dir: 'asc' }))).toEqual(['half', 'zero-required', 'met', 'none']);
  });

  it('turns a column round on a second click, starts another in its natural direction, and says so in aria-sort', () => {
    let s = nextSort(TREE_ORDER, 'dissatisfied');
    expect(s).toEqual({ key: 'dissatisfied', dir: 'desc' });
    expect(ariaSort(s, 'dissatisfied')).toBe('descending');
    expect(ariaSort(s, 'name')).toBe('none');
    s = nextSort(s, 'dissatisfied');
    expect(ariaSort(s, 'dissatisfied')).toBe('ascending');
    expect(nextSort(s, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort(s, 'rank')).toEqual({ key: 'rank', dir: 'asc' });
  });

  it('reads a sort from the address, the tree order for anything unknown', () => {
    expect(sortFromParams('sipas', 'asc')).toEqual({ key: 'sipas', dir: 'asc' });
    expect(sortFromParams('sipas', null)).toEqual({ key: 'sipas', dir: 'desc' });
    expect(sortFromParams('price', 'up')).toEqual(TREE_ORDER);
  });
});

describe('the unit compared', () => {
  const units = [
    { id: 'tinh', parentId: null },
    { id: 'xa-1', parentId: 'tinh' },
    { id: 'xa-2', parentId: 'tinh' },
  ];
  it('is the chosen unit when units hang below it, else its parent', () => {
    expect(comparisonRootOf(units, units[0]!).id).toBe('tinh');
    expect(comparisonRootOf(units, units[2]!).id).toBe('tinh');
    expect(comparisonRootOf([units[1]!], units[1]!).id).toBe('xa-1');
  });
});
