import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

export interface Column {
  title: string;
  /** Share of the text width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableFonts {
  regular: string;
  bold: string;
}

/**
 * A ruled table drawn with pdfkit: a bold header row, rows whose height follows their tallest
 * cell, page breaks between rows (the header repeats on the new page), never inside a row.
 */
export function drawTable(doc: Doc, fonts: TableFonts, columns: Column[], rows: string[][], opts: { size?: number; boldRows?: ReadonlySet<number> } = {}): void {
  const size = opts.size ?? 11;
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * width);
  const pad = 3;
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    if (shade) doc.save().rect(left, y, width, h).fill('#eeeeee').restore();
    let x = left;
    cells.forEach((t, i) => {
      doc.font(font).fontSize(size).fillColor('#000').text(t, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' });
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke('#000');
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = y + h;
  };
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const header = columns.map((c) => c.title);
  if (doc.y + heightOf(header, fonts.bold) + heightOf(rows[0] ?? header, fonts.regular) > bottom()) doc.addPage();
  drawRow(header, fonts.bold, true);
  rows.forEach((r, i) => {
    const font = opts.boldRows?.has(i) ? fonts.bold : fonts.regular;
    if (doc.y + heightOf(r, font) > bottom()) {
      doc.addPage();
      drawRow(header, fonts.bold, true);
    }
    drawRow(r, font, false);
  });
  doc.moveDown(0.5);
}
