import PDFDocument from 'pdfkit';
import { asSource, reportFonts, warmReportFonts } from './report-fonts.ts';

/**
 * What the first report after start-up would otherwise pay for on the clerk's clock: parsing the
 * fonts, loading exceljs (large, loaded on first use), and the first run of PDFKit's and
 * exceljs's code. The server runs it once, a second after it listens; `npm run bench:reports`
 * runs it before timing, as the server would have.
 */
export async function warmUpReports(): Promise<void> {
  warmReportFonts();
  const f = reportFonts();
  const doc = new PDFDocument({ size: 'A4' });
  doc.registerFont('r', asSource(f.regular));
  doc.font('r').fontSize(12).text('Báo cáo kết quả khảo sát mức độ hài lòng – khởi động');
  const done = new Promise<void>((res) => doc.on('end', () => res()));
  doc.on('data', () => {});
  doc.end();
  await done;
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Khởi động').getCell('A1').value = 0.5;
  await wb.xlsx.writeBuffer();
}
