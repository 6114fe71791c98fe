import { periodForRange, periodOf, presetPeriods, type Period } from '@hai-long/backend/domain/periods';
import type { DayRange } from '../../services/api/reports.ts';

/** The kinds of named period a screen offers (coverage has no half-years: dossier counts are kept by month, quarter, year). */
export type NamedKind = 'month' | 'quarter' | 'half' | 'year';
export const ALL_KINDS: readonly NamedKind[] = ['month', 'quarter', 'half', 'year'];

/** A button of the picker: a label and the range it sets. */
export interface RangePreset {
  readonly key: string;
  readonly label: string;
  readonly range: DayRange;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "Tháng này", "Quý này", "6 tháng đầu năm", "Năm nay" (periods.ts), those of the kinds asked for. */
export function periodPresets(today: string, kinds: readonly NamedKind[] = ALL_KINDS): RangePreset[] {
  return presetPeriods(today)
    .filter((p) => kinds.includes(p.key))
    .map((p) => ({ key: p.period.key, label: p.label, range: { from: p.period.from, to: p.period.to } }));
}

const HOW_MANY: Record<NamedKind, number> = { month: 24, quarter: 8, half: 4, year: 5 };
const GROUP_LABELS: Record<NamedKind, string> = { month: 'Tháng', quarter: 'Quý', half: '6 tháng', year: 'Năm' };

/** Keys of the last `n` periods of a kind, newest first, the current one included. */
function recentKeys(today: string, kind: NamedKind, n: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    if (kind === 'year') keys.push(String(y - i));
    else if (kind === 'half') {
      const h = (m <= 6 ? 0 : 1) + 2 * y - i;
      keys.push(`${Math.floor(h / 2)}-H${(h % 2) + 1}`);
    } else if (kind === 'quarter') {
      const q = Math.ceil(m / 3) - 1 + 4 * y - i;
      keys.push(`${Math.floor(q / 4)}-Q${(q % 4) + 1}`);
    } else {
      const mm = m - 1 + 12 * y - i;
      keys.push(`${Math.floor(mm / 12)}-${pad((mm % 12) + 1)}`);
    }
  }
  return keys;
}

/** The named periods a picker lists, grouped by kind, newest first ("Tháng 11/2026", "Quý IV/2026"…). */
export function recentPeriods(today: string, kinds: readonly NamedKind[] = ALL_KINDS): { kind: NamedKind; label: string; periods: Period[] }[] {
  return kinds.map((kind) => ({
    kind,
    label: GROUP_LABELS[kind],
    periods: recentKeys(today, kind, HOW_MANY[kind]).flatMap((k) => periodOf(k) ?? []),
  }));
}

/** The period a range is: a named one (month, quarter, half-year, year) when it is exactly one, else the range itself. */
export const periodOfRange = (r: DayRange): Period => periodForRange(r.from, r.to);

export const sameRange = (a: DayRange, b: DayRange): boolean => a.from === b.from && a.to === b.to;
