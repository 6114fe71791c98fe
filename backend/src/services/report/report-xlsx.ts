import { spreadsheetText } from '../../domain/spreadsheet-safe.ts';
import type { ReportData } from './report-data.ts';
import { reportTables, type Cell, type ReportColumn } from './report-tables.ts';

const NUMBER_FORMAT: Record<ReportColumn['kind'], string | undefined> = {
  text: undefined,
  count: '#,##0',
  share: '0.0%',
  instant: 'dd/mm/yyyy hh:mm',
};

/** A cell's value as the spreadsheet stores it: numbers as numbers, instants as dates (in Vietnam time), text neutralised. */
function valueOf(cell: Cell, column: ReportColumn): string | number | Date | null {
  if (cell === null) return null;
  if (column.kind === 'instant' && typeof cell === 'string') {
    // Excel has no time zones: write the Vietnam wall-clock time the clerk expects.
    return new Date(Date.parse(cell) + 7 * 3600_000);
  }
  return typeof cell === 'string' ? spreadsheetText(cell) : cell;
}

/**
 * The report as an XLSX workbook: one sheet per table, a title row, a bold frozen header row,
 * counts as numbers, shares as percentages (0.0%), every text cell neutralised against formulas.
 */
export async function renderReportXlsx(r: ReportData): Promise<Buffer> {
  // Loaded on first use: exceljs is large and most requests never need it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hài Lòng';
  wb.created = new Date(r.generatedAt);
  wb.title = `Báo cáo kết quả khảo sát mức độ hài lòng – ${r.unit.name} – ${r.period.label}`;
  for (const table of reportTables(r)) {
    const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = table.columns.map((c) => ({ width: c.width ?? Math.max(12, Math.min(24, c.header.length + 2)), style: NUMBER_FORMAT[c.kind] ? { numFmt: NUMBER_FORMAT[c.kind] } : {} }));
    const title = ws.getRow(1);
    title.getCell(1).value = spreadsheetText(`${table.title} – ${r.unit.name} – ${r.period.label}`);
    title.font = { bold: true, size: 13 };
    const header = ws.getRow(2);
    table.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: c.kind === 'text' ? 'left' : 'center' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const row of table.rows) ws.addRow(row.map((cell, i) => valueOf(cell, table.columns[i]!)));
    if (table.rows.length > 0) ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: table.columns.length } };
    if (table.note) {
      ws.addRow([]);
      ws.addRow([spreadsheetText(table.note)]).font = { italic: true };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
