import { spreadsheetText } from '../../domain/spreadsheet-safe.ts';
import type { Cell } from '../report/report-tables.ts';
import { comparisonTable } from './comparison-tables.ts';
import type { ComparisonReport } from './comparison.service.ts';

const NUMBER_FORMAT = { text: undefined, count: '#,##0', share: '0.0%', instant: undefined } as const;

const safe = (cell: Cell) => (typeof cell === 'string' ? spreadsheetText(cell) : cell);

/**
 * The province report as an XLSX workbook, in the reports' style (report-xlsx.ts): the table of
 * units on the first sheet (title row, bold frozen header with a filter, counts as numbers,
 * shares as percentages, every text neutralised against formulas: unit names are typed by
 * people), then a sheet of overall figures and notes on the funnel and the ranking.
 */
export async function renderComparisonXlsx(r: ComparisonReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const t = comparisonTable(r);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hài Lòng';
  wb.title = spreadsheetText(`${t.title} – ${t.subtitle}`);
  const ws = wb.addWorksheet('So sánh', { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = t.columns.map((c) => ({ width: c.width, style: NUMBER_FORMAT[c.kind] ? { numFmt: NUMBER_FORMAT[c.kind] } : {} }));
  ws.getRow(1).getCell(1).value = spreadsheetText(t.title);
  ws.getRow(1).font = { bold: true, size: 13 };
  ws.getRow(2).getCell(1).value = spreadsheetText(t.subtitle);
  ws.getRow(2).font = { italic: true };
  const header = ws.getRow(3);
  t.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: c.kind === 'text' ? 'left' : 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.addRows(t.rows.map((row) => row.map(safe)));
  if (t.rows.length > 0) ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: t.columns.length } };

  const notes = wb.addWorksheet('Ghi chú');
  notes.columns = [{ width: 40 }, { width: 110 }];
  notes.getRow(1).getCell(1).value = 'Thông tin chung';
  notes.getRow(1).font = { bold: true, size: 13 };
  notes.addRows(t.info.map(([k, v]) => [k, spreadsheetText(v)]));
  notes.addRow([]);
  notes.addRow(['Cách đọc bảng']).font = { bold: true };
  for (const n of t.notes) notes.addRow(['', spreadsheetText(n)]);
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
