import PDFDocument from 'pdfkit';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import type { Point } from '../db/points.repository.ts';
import type { Unit } from '../db/units.repository.ts';
import type { Deps } from '../deps.ts';
import type { FormDefinition } from '../domain/form.ts';
import { LEVELS } from '../domain/levels.ts';
import { asSource, reportFonts } from './report/report-fonts.ts';
import { issuingLines } from './report/report-pdf.ts';

const MM = 72 / 25.4;
type Doc = InstanceType<typeof PDFDocument>;

/** An empty box to tick, its top at y. */
const box = (doc: Doc, x: number, y: number, size = 4 * MM) => doc.rect(x, y, size, size).lineWidth(0.8).stroke('#000');

/**
 * The paper form of a point (R6.2): the same questions as the app, from the same form definition,
 * with a box per level to tick, the officers and fields to tick (a counter point), the issue
 * checklist and lines for a comment. A4 portrait, Noto Serif (every Vietnamese diacritic).
 * What a citizen ticks here the clerk types in the paper-ballot screen in the same order.
 */
export async function renderPaperFormPdf(deps: Deps, a: { unit: Unit; point: Point; form: FormDefinition }): Promise<Buffer> {
  const { unit, point, form } = a;
  const [officers, fields] = await Promise.all([listOfficers(deps.db.kysely, unit.id, { activeOnly: true }), listFields(deps.db.kysely, unit.id)]);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 14 * MM, bottom: 14 * MM, left: 16 * MM, right: 14 * MM },
    bufferPages: true,
    info: { Title: `Phiếu khảo sát – ${form.title} – ${unit.name}`, Author: unit.name, Creator: 'Hài Lòng' },
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
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const need = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  // Heading: the unit, the title, how to fill it in.
  doc.font('b').fontSize(11);
  for (const line of issuingLines(unit.name)) doc.text(line, left, doc.y, { width, align: 'left' });
  doc.moveDown(0.6);
  doc.font('b').fontSize(15).text('PHIẾU KHẢO SÁT MỨC ĐỘ HÀI LÒNG', left, doc.y, { width, align: 'center' });
  doc.font('b').fontSize(12).text(form.title, { width, align: 'center' });
  doc.font('i').fontSize(10).text(`Mẫu phiếu "${form.key}", phiên bản ${form.version} · ${point.label}`, { width, align: 'center' });
  doc.moveDown(0.6);
  doc
    .font('r')
    .fontSize(10.5)
    .text('Ông/Bà vui lòng đánh dấu X vào MỘT ô cho mỗi câu hỏi. Phiếu không ghi tên; sau khi điền, xin bỏ phiếu vào hòm phiếu tại Bộ phận tiếp nhận và trả kết quả.', left, doc.y, { width });
  doc.moveDown(0.6);

  // Who and which field (a counter point; a desk point already names its officer).
  const tickList = (title: string, names: string[]) => {
    if (names.length === 0) return;
    need(30);
    doc.font('b').fontSize(10.5).text(title, left, doc.y, { width });
    doc.moveDown(0.2);
    const colW = width / 2;
    for (let i = 0; i < names.length; i += 2) {
      const y = doc.y;
      need(16);
      let h = 0;
      for (const [j, name] of [names[i], names[i + 1]].entries()) {
        if (name === undefined) continue;
        const x = left + j * colW;
        box(doc, x, y + 1.5);
        doc.font('r').fontSize(10).text(name, x + 6 * MM, y, { width: colW - 8 * MM });
        h = Math.max(h, doc.y - y);
      }
      doc.y = y + Math.max(h, 13) + 2;
    }
    doc.moveDown(0.4);
  };
  if (point.officerId === null) tickList('Cán bộ tiếp nhận, giải quyết hồ sơ của Ông/Bà (nếu nhớ):', officers.map((o) => (o.title ? `${o.name} (${o.title})` : o.name)));
  else doc.font('r').fontSize(10.5).text(`Cán bộ: ${officers.find((o) => o.id === point.officerId)?.name ?? ''}`, left, doc.y, { width }).moveDown(0.4);
  tickList('Lĩnh vực thủ tục Ông/Bà vừa thực hiện:', fields.filter((x) => x.active).map((x) => x.name));

  // The questions: a label column and one box column per level, 5 (Rất hài lòng) first as in the app.
  const levelW = 17 * MM;
  const labelW = width - levelW * LEVELS.length;
  const header = () => {
    doc.font('b').fontSize(8.5);
    const hh = Math.max(...LEVELS.map((l) => doc.heightOfString(l.label, { width: levelW - 4 }))) + 8;
    need(hh + 24);
    const y = doc.y;
    doc.save().rect(left, y, width, hh).fill('#eeeeee').restore();
    doc.font('b').fontSize(9.5).fillColor('#000').text('Câu hỏi', left + 4, y + hh / 2 - 6, { width: labelW - 8 });
    LEVELS.forEach((l, i) => doc.font('b').fontSize(8.5).text(l.label, left + labelW + i * levelW + 2, y + 4, { width: levelW - 4, align: 'center' }));
    doc.rect(left, y, width, hh).lineWidth(0.5).stroke('#000');
    doc.y = y + hh;
  };
  header();
  const groups = new Map(form.groups.map((g) => [g.key, g]));
  const shown = new Set<string>();
  let no = 0;
  for (const q of form.questions) {
    // Group headings (aspect → factor) before the first question of each.
    const chain: string[] = [];
    for (let g = q.group; g !== undefined; g = groups.get(g)?.parent) chain.unshift(g);
    for (const [depth, g] of chain.entries()) {
      if (shown.has(g)) continue;
      shown.add(g);
      const label = groups.get(g)!.label;
      doc.font('b').fontSize(depth === 0 ? 10 : 9.5);
      const h = doc.heightOfString(label, { width: width - 8 }) + 6;
      if (doc.y + h + 24 > bottom()) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      doc.text(label, left + 4 + depth * 6, y + 3, { width: width - 8 - depth * 6 });
      doc.rect(left, y, width, h).lineWidth(0.5).stroke('#000');
      doc.y = y + h;
    }
    no++;
    const text = `${no}. ${q.label}${q.mandatory ? '' : ' (không bắt buộc)'}`;
    doc.font(q.key === form.overallKey ? 'b' : 'r').fontSize(10);
    const h = Math.max(doc.heightOfString(text, { width: labelW - 8 }) + 8, 20);
    if (doc.y + h > bottom()) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.text(text, left + 4, y + 4, { width: labelW - 8 });
    doc.rect(left, y, labelW, h).lineWidth(0.5).stroke('#000');
    LEVELS.forEach((_l, i) => {
      const x = left + labelW + i * levelW;
      doc.rect(x, y, levelW, h).lineWidth(0.5).stroke('#000');
      box(doc, x + levelW / 2 - 2.5 * MM, y + h / 2 - 2.5 * MM, 5 * MM);
    });
    doc.y = y + h;
  }
  doc.moveDown(0.8);

  if (form.issues.length > 0) {
    need(20 + 16 * form.issues.length);
    doc.font('b').fontSize(10.5).text('Ông/Bà có gặp điều sau đây không? (đánh dấu nếu có)', left, doc.y, { width });
    doc.moveDown(0.2);
    for (const issue of form.issues) {
      const y = doc.y;
      box(doc, left, y + 1.5);
      doc.font('r').fontSize(10).text(issue.label, left + 6 * MM, y, { width: width - 6 * MM });
      doc.y = Math.max(doc.y, y + 13) + 2;
    }
    doc.moveDown(0.6);
  }
  if (form.comment) {
    need(90);
    doc.font('b').fontSize(10.5).text('Ý kiến góp ý khác của Ông/Bà:', left, doc.y, { width });
    for (let i = 0; i < 4; i++) {
      const y = doc.y + 16;
      doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.4).dash(1.5, { space: 2 }).stroke('#555').undash();
      doc.y = y;
    }
    doc.moveDown(1);
  }
  need(20);
  doc.font('i').fontSize(10).text('Xin trân trọng cảm ơn Ông/Bà!', left, doc.y, { width, align: 'center' });

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    doc.font('i').fontSize(8).fillColor('#444').text(`${unit.name} · ${form.title} · trang ${i + 1}/${pages.count}`, left, doc.page.height - 10 * MM, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
