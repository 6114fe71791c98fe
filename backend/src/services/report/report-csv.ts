import { spreadsheetText } from '../../domain/spreadsheet-safe.ts';
import type { ReportData } from './report-data.ts';
import { reportTables, type Cell } from './report-tables.ts';

/** Excel opens a CSV as UTF-8 (and shows Vietnamese right) only when it starts with this mark. */
export const BOM = '\uFEFF';

/** One CSV field: text neutralised against formulas, then quoted when it must be (RFC 4180). */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1e6) / 1e6);
  const text = spreadsheetText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\r\n`;

/**
 * The report as one CSV: UTF-8 with BOM, one section per table (its title, its header, its rows,
 * a blank line). Shares are fractions (0.383 = 38,3 %), as in the XLSX's cells.
 */
export function renderReportCsv(r: ReportData): Buffer {
  let out = BOM;
  for (const t of reportTables(r)) {
    out += csvLine([`# ${t.title}`]);
    out += csvLine(t.columns.map((c) => c.header));
    for (const row of t.rows) out += csvLine(row);
    if (t.note) out += csvLine([t.note]);
    out += '\r\n';
  }
  return Buffer.from(out, 'utf8');
}
