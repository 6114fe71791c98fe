/**
 * Sorting the comparison table (issue 29): pure, so that the order a supervisor sees is tested
 * apart from the screen. A unit without a value (no responses, no SIPAS index, no dossier count,
 * no rank) always goes last, whichever the direction: "no data" is never the best nor the worst.
 * Equal values keep the server's order (the tree: each parent before its children).
 */

export const SORT_KEYS = ['tree', 'name', 'responses', 'satisfied', 'dissatisfied', 'sipas', 'coverage', 'rank'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface SortState {
  readonly key: SortKey;
  readonly dir: SortDir;
}

/** What sorting reads of a row (the API's comparison row has these and more). */
export interface SortableRow {
  readonly name: string;
  readonly responses: number;
  readonly satisfiedShare: number | null;
  readonly dissatisfiedShare: number | null;
  readonly sipasIndex: number | null;
  readonly coverage: { readonly requiredResponses: number; readonly met: boolean } | null;
  readonly rank: number | null;
}

export const TREE_ORDER: SortState = { key: 'tree', dir: 'asc' };

/** The direction a column starts in: names A→Z, ranks 1 first, the other figures largest first. */
export const firstDir = (key: SortKey): SortDir => (key === 'name' || key === 'rank' || key === 'tree' ? 'asc' : 'desc');

/** A header clicked: the same column turns round, another starts in its first direction. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: firstDir(key) };
}

/** The share of the required responses reached (R4.1): 1 or more is met; null without a dossier count. */
export function coverageShare(r: Pick<SortableRow, 'responses' | 'coverage'>): number | null {
  if (!r.coverage) return null;
  if (r.coverage.requiredResponses <= 0) return r.coverage.met ? 1 : 0;
  return r.responses / r.coverage.requiredResponses;
}

function valueOf(r: SortableRow, key: Exclude<SortKey, 'tree' | 'name'>): number | null {
  switch (key) {
    // A unit without responses has no count to compare: it goes with the other empty ones, last.
    case 'responses':
      return r.responses > 0 ? r.responses : null;
    case 'satisfied':
      return r.satisfiedShare;
    case 'dissatisfied':
      return r.dissatisfiedShare;
    case 'sipas':
      return r.sipasIndex;
    case 'coverage':
      return coverageShare(r);
    case 'rank':
      return r.rank;
  }
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** The rows in the order asked for; a new array, the input untouched. */
export function sortRows<R extends SortableRow>(rows: readonly R[], sort: SortState): R[] {
  const indexed = rows.map((row, i) => ({ row, i }));
  if (sort.key === 'tree') return sort.dir === 'asc' ? rows.slice() : indexed.sort((a, b) => b.i - a.i).map((x) => x.row);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const key = sort.key;
  indexed.sort((a, b) => {
    if (key === 'name') return sign * collator.compare(a.row.name, b.row.name) || a.i - b.i;
    const va = valueOf(a.row, key);
    const vb = valueOf(b.row, key);
    if (va === null || vb === null) return va === vb ? a.i - b.i : va === null ? 1 : -1;
    return sign * (va - vb) || a.i - b.i;
  });
  return indexed.map((x) => x.row);
}

/** `aria-sort` of a column's header. */
export function ariaSort(sort: SortState, key: SortKey): 'ascending' | 'descending' | 'none' {
  if (sort.key !== key) return 'none';
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

/** A sort from the address (`?sort=dissatisfied&dir=desc`), the tree order when there is none or it is unknown. */
export function sortFromParams(key: string | null, dir: string | null): SortState {
  const k = (SORT_KEYS as readonly string[]).includes(key ?? '') ? (key as SortKey) : 'tree';
  return { key: k, dir: dir === 'asc' || dir === 'desc' ? dir : firstDir(k) };
}

/**
 * The unit whose subtree the screen compares: the unit chosen if units hang below it, else its
 * parent (after a drill-down to a commune, the commune's province, the commune among its peers).
 */
export function comparisonRootOf<U extends { readonly id: string; readonly parentId: string | null }>(units: readonly U[], chosen: U): U {
  if (units.some((u) => u.parentId === chosen.id)) return chosen;
  return units.find((u) => u.id === chosen.parentId) ?? chosen;
}
