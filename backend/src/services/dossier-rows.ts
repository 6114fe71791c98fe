import type { SourceRecord } from '../files/csv-records.ts';
import type { LineError } from '../files/tabular.ts';

/** One count to store: unit by code, field by name ('' = the whole unit), normalised period. */
export interface DossierRow {
  line: number;
  unitCode: string;
  fieldName: string;
  period: string;
  count: number;
}

const ALIASES: Record<string, string[]> = {
  unitCode: ['unitcode', 'unit_code', 'unit', 'ma_don_vi'],
  field: ['field', 'linh_vuc', 'lĩnh vực', 'fieldname'],
  period: ['period', 'ky', 'kỳ'],
  year: ['year', 'nam', 'năm'],
  month: ['month', 'thang', 'tháng'],
  quarter: ['quarter', 'quy', 'quý'],
  count: ['count', 'dossiers', 'so_ho_so', 'số hồ sơ'],
};

const column = (headers: string[], key: string): string | undefined => headers.find((h) => ALIASES[key]!.includes(h));

/** 'YYYY', 'YYYY-MM' (also 'YYYY-M', 'M/YYYY') or 'YYYY-Qn'; undefined when unreadable. */
export function normalisePeriod(p: { period?: string; year?: string; month?: string; quarter?: string }): string | undefined {
  const pad = (m: number) => String(m).padStart(2, '0');
  const okYear = (y: number) => y >= 2000 && y <= 2100;
  if (p.period) {
    const s = p.period.trim().toUpperCase();
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})$/.exec(s)) && okYear(+m[1]!)) return m[1];
    if ((m = /^(\d{4})-(\d{1,2})$/.exec(s)) && okYear(+m[1]!) && +m[2]! >= 1 && +m[2]! <= 12) return `${m[1]}-${pad(+m[2]!)}`;
    if ((m = /^(\d{1,2})\/(\d{4})$/.exec(s)) && okYear(+m[2]!) && +m[1]! >= 1 && +m[1]! <= 12) return `${m[2]}-${pad(+m[1]!)}`;
    if ((m = /^(\d{4})-?Q([1-4])$/.exec(s)) && okYear(+m[1]!)) return `${m[1]}-Q${m[2]}`;
    return undefined;
  }
  if (!p.year || !/^\d{4}$/.test(p.year) || !okYear(+p.year)) return undefined;
  if (p.month && p.quarter) return undefined;
  if (p.month) return /^\d{1,2}$/.test(p.month) && +p.month >= 1 && +p.month <= 12 ? `${p.year}-${pad(+p.month)}` : undefined;
  if (p.quarter) return /^[1-4]$/.test(p.quarter.replace(/^Q/i, '')) ? `${p.year}-Q${p.quarter.replace(/^Q/i, '')}` : undefined;
  return p.year;
}

/**
 * Validates every row of a dossier-count file: columns unitCode, field (empty = whole unit),
 * period or year [+ month | quarter], count. Returns rows or all problems with their lines.
 */
export function toDossierRows(headers: string[], records: SourceRecord[]): { rows: DossierRow[]; errors: LineError[] } {
  const col = Object.fromEntries(Object.keys(ALIASES).map((k) => [k, column(headers, k)])) as Record<string, string | undefined>;
  const missing = ['unitCode', 'count'].filter((k) => !col[k]);
  if (!col['period'] && !col['year']) missing.push('period (or year)');
  if (headers.length === 0) return { rows: [], errors: [{ line: 1, message: 'Tệp trống: cần một dòng tiêu đề.' }] };
  if (missing.length > 0) return { rows: [], errors: [{ line: 1, message: `Thiếu cột: ${missing.join(', ')}.` }] };
  const rows: DossierRow[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records) {
    const get = (k: string) => (col[k] ? (cells[col[k]!] ?? '').trim() : '');
    const unitCode = get('unitCode');
    const fieldName = get('field').normalize('NFC');
    const period = normalisePeriod({ period: get('period') || undefined, year: get('year') || undefined, month: get('month') || undefined, quarter: get('quarter') || undefined });
    const countText = get('count').replace(/[.,\s](?=\d{3}\b)/g, '');
    const before = errors.length;
    if (!unitCode) errors.push({ line, message: 'Thiếu mã đơn vị (unitCode).' });
    if (!period) errors.push({ line, message: 'Kỳ phải có dạng YYYY, YYYY-MM hoặc YYYY-Qn (hoặc cột năm kèm tháng hoặc quý).' });
    if (!/^\d{1,9}$/.test(countText)) errors.push({ line, message: `Số hồ sơ phải là số nguyên không âm (đang là "${get('count')}").` });
    if (errors.length > before) continue;
    const key = `${unitCode}|${fieldName.toLowerCase()}|${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line, message: `Trùng đơn vị, lĩnh vực và kỳ với dòng ${first}.` });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, unitCode, fieldName, period: period!, count: Number(countText) });
  }
  return { rows, errors };
}
