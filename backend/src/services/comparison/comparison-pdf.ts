import PDFDocument from 'pdfkit';
import { drawTable } from '../../files/pdf-table.ts';
import type { Cell } from '../report/report-tables.ts';
import { asSource, reportFonts } from '../report/report-fonts.ts';
import { comparisonTable } from './comparison-tables.ts';
import type { ComparisonReport } from './comparison.service.ts';

const MM = 72 / 25.4;
const num = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const pct = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')}%`;

/**
 * The province report as a PDF: A4 landscape in the reports' fonts (Noto Serif, embedded), the
 * title with the unit and the period, the overall figures, the table of units (its header
 * repeated on every page) and a closing page on how to read the funnel and the ranking.
 */
export function renderComparisonPdf(r: ComparisonReport): Promise<Buffer> {
  const t = comparisonTable(r);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 15 * MM, bottom: 15 * MM, left: 15 * MM, right: 15 * MM },
    info: { Title: `${t.title} – ${t.subtitle}`, Author: r.unit.name, Creator: 'Hài Lòng' },
  });
  const f = reportFonts();
  doc.registerFont('r', asSource(f.regular));
  doc.registerFont('i', asSource(f.italic));
  doc.registerFont('b', asSource(f.bold));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('b').fontSize(14).text(t.title.toLocaleUpperCase('vi-VN'), left, doc.y, { width, align: 'center' });
  doc.font('i').fontSize(11).text(t.subtitle, { width, align: 'center' });
  doc.moveDown(0.8);
  for (const [k, v] of t.info) doc.font('b').fontSize(9.5).text(`${k}: `, { continued: true }).font('r').text(v, { width });
  doc.moveDown(0.6);

  const text = (cell: Cell, kind: string): string => {
    if (cell === null) return '–';
    if (typeof cell === 'string') return cell;
    return kind === 'share' ? pct(cell) : num(cell);
  };
  drawTable(
    doc,
    { regular: 'r', bold: 'b' },
    t.columns.map((c) => ({ title: c.header, width: c.pdfWidth, align: c.kind === 'text' ? ('left' as const) : ('right' as const) })),
    t.rows.map((row) => row.map((cell, i) => text(cell, t.columns[i]!.kind))),
    { size: 7.5 },
  );

  doc.addPage();
  doc.font('b').fontSize(12).text('CÁCH ĐỌC BẢNG', left, doc.y, { width });
  doc.moveDown(0.4);
  for (const n of t.notes) doc.font('r').fontSize(10.5).text(`• ${n}`, { width, paragraphGap: 4 });
  doc.end();
  return done;
}
