import PDFDocument from 'pdfkit';
import { asSource, reportFonts } from './report-fonts.ts';
import { formatViDate, formatViInstant, vietnamDay } from '../../domain/day.ts';
import { LEVELS } from '../../domain/levels.ts';
import { verdictOf, type Shares } from '../../domain/results.ts';
import { thresholdText } from '../../domain/rule.ts';
import type { IndexGroup } from '../../domain/sipas.ts';
import { drawTable, type Column } from '../../files/pdf-table.ts';
import type { ReportData, ReportRow } from './report-data.ts';

const MM = 72 / 25.4;
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1).replace('.', ',')}%`);
const num = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

/** "UBND xã Nam Dong" → "ỦY BAN NHÂN DÂN / XÃ NAM DONG", as the issuing body's name is written. */
export function issuingLines(name: string): string[] {
  const m = /^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(.*)$/i.exec(name.trim());
  return m ? ['ỦY BAN NHÂN DÂN', m[2]!.toLocaleUpperCase('vi-VN')] : [name.toLocaleUpperCase('vi-VN')];
}

/**
 * The report as a PDF in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): the issuing body top
 * left and the national motto top right, the number and the place-date line, the title, numbered
 * sections, tables, a chart, "Nơi nhận" and the signature block. A4, margins 20/15/20/30 mm, the
 * body at 13 pt. Resolves to the bytes.
 */
export function renderReportPdf(r: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
    bufferPages: true,
    info: {
      Title: `Báo cáo kết quả khảo sát mức độ hài lòng – ${r.unit.name} – ${r.period.label}`,
      Author: r.unit.name,
      Subject: r.form.title,
      Creator: 'Hài Lòng',
      CreationDate: new Date(r.generatedAt),
    },
  });
  const f = reportFonts();
  doc.registerFont('r', asSource(f.regular));
  doc.registerFont('i', asSource(f.italic));
  doc.registerFont('b', asSource(f.bold));
  doc.registerFont('bi', asSource(f.boldItalic));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const fonts = { regular: 'r', bold: 'b' };
  const internal = r.audience === 'internal';
  const small = r.rule.smallSample;
  const mark = (s: Shares) => (!internal && s.responses > 0 && s.smallSample ? '*' : '');

  // Header: the issuing body (left) and the national motto (right), each with a short rule under it.
  const colL = width * 0.42;
  const colR = width * 0.58;
  const top = doc.y;
  doc.font('r').fontSize(12);
  const body = issuingLines(r.unit.name);
  if (r.unit.parentName) doc.text(r.unit.parentName.toLocaleUpperCase('vi-VN'), left, top, { width: colL, align: 'center' });
  doc.font('b').text(body.join('\n'), left, doc.y, { width: colL, align: 'center' });
  const ruleL = doc.y + 7; // below the descenders, not on them
  doc.moveTo(left + colL * 0.35, ruleL).lineTo(left + colL * 0.65, ruleL).lineWidth(0.6).stroke();
  doc.font('b').fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + colL, top, { width: colR, align: 'center' });
  doc.font('b').fontSize(13).text('Độc lập - Tự do - Hạnh phúc', left + colL, doc.y, { width: colR, align: 'center' });
  const ruleR = doc.y + 7;
  doc.moveTo(left + colL + colR * 0.2, ruleR).lineTo(left + colL + colR * 0.8, ruleR).stroke();
  const second = Math.max(ruleL, ruleR) + 10;
  const [y, m, d] = vietnamDay(new Date(r.generatedAt)).split('-');
  doc.font('r').fontSize(13).text('Số:        /BC-UBND', left, second, { width: colL, align: 'center' });
  doc.font('i').fontSize(13).text(`${r.unit.place}, ngày ${d} tháng ${m} năm ${y}`, left + colL, second, { width: colR, align: 'center' });

  // Title.
  doc.moveDown(1.5);
  doc.font('b').fontSize(14).text('BÁO CÁO', left, doc.y, { width, align: 'center' });
  doc.text(`Kết quả khảo sát mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của Bộ phận tiếp nhận và trả kết quả ${r.period.label.toLocaleLowerCase('vi-VN').startsWith('từ') ? r.period.label.toLocaleLowerCase('vi-VN') : r.period.label}`, { width, align: 'center' });
  if (!internal) doc.font('i').fontSize(13).text('(Bản công khai)', { width, align: 'center' });
  doc.moveTo(left + width * 0.4, doc.y + 7).lineTo(left + width * 0.6, doc.y + 7).stroke();
  doc.y += 7;
  doc.moveDown(1);

  const heading = (t: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.4).font('b').fontSize(13).text(t, left, doc.y, { width });
    doc.moveDown(0.2);
  };
  const para = (t: string, font = 'r') => doc.font(font).fontSize(13).text(t, left, doc.y, { width, align: 'justify', indent: 28, paragraphGap: 3 });

  // I. General information.
  heading('I. THÔNG TIN CHUNG');
  para(`Kỳ báo cáo: ${r.period.label} (từ ngày ${formatViDate(r.period.from)} đến ngày ${formatViDate(r.period.to)})${r.dataUntil < r.period.to ? `; số liệu đến hết ngày ${formatViDate(r.dataUntil)}` : ''}.`);
  para(`Phiếu khảo sát: ${r.form.title} (mẫu "${r.form.key}", phiên bản ${r.form.version}).`);
  para(`Tổng số phiếu: ${num(r.total.responses)} phiếu.`);
  para(`Kênh khảo sát: ${r.channels.length === 0 ? 'chưa có phiếu' : r.channels.map((c) => `${c.label} ${num(c.responses)} phiếu`).join('; ')}.`);
  para(
    `Cách tính: tỷ lệ hài lòng = số phiếu "Hài lòng" và "Rất hài lòng" chia cho tổng số phiếu; tỷ lệ không hài lòng = số phiếu "Không hài lòng" và "Rất không hài lòng" chia cho tổng số phiếu. Cán bộ có tỷ lệ không hài lòng trên ${thresholdText(r.rule)} (không tính trường hợp đúng ${thresholdText(r.rule)}) là có kết quả thấp theo quy định; dưới ${small} phiếu là ít dữ liệu.`,
  );

  // II. Results.
  heading('II. KẾT QUẢ KHẢO SÁT');
  doc.font('b').fontSize(13).text('1. Mức độ hài lòng chung', left, doc.y);
  drawTable(
    doc,
    fonts,
    [
      { title: 'Mức độ', width: 4 },
      { title: 'Số phiếu', width: 2, align: 'right' },
      { title: 'Tỷ lệ', width: 2, align: 'right' },
    ],
    [
      ...LEVELS.map((l) => {
        const n = r.total.levels[String(l.value) as keyof Shares['levels']];
        return [l.label, num(n), pct(r.total.responses === 0 ? null : n / r.total.responses)];
      }),
      ['Tổng số', num(r.total.responses), r.total.responses === 0 ? '–' : '100%'],
    ],
    { boldRows: new Set([5]) },
  );

  const sharesTable = (rows: ReportRow[], nameTitle: string, opts: { flagged?: boolean } = {}) => {
    const columns: Column[] = [
      { title: nameTitle, width: 6 },
      { title: 'Số phiếu', width: 2, align: 'right' },
      { title: 'Hài lòng', width: 2, align: 'right' },
      { title: 'Không hài lòng', width: 2.4, align: 'right' },
    ];
    if (opts.flagged) columns.push({ title: `Khoảng tin cậy ${Math.round(r.rule.confidence * 100)}%`, width: 3, align: 'right' }, { title: 'Đánh giá (theo quy định)', width: 4.6 });
    drawTable(
      doc,
      fonts,
      columns,
      rows.map((row) => {
        const s = row.shares;
        const cells = [`${row.name}${row.detail ? `\n(${row.detail})` : ''}`, `${num(s.responses)}${mark(s)}`, pct(s.satisfiedShare), pct(s.dissatisfiedShare)];
        if (opts.flagged) {
          cells.push(s.dissatisfiedInterval ? `${pct(s.dissatisfiedInterval.low)} – ${pct(s.dissatisfiedInterval.high)}` : '–');
          cells.push(verdictOf(s, r.rule).label);
        }
        return cells;
      }),
    );
  };

  doc.font('b').fontSize(13).text('2. Theo tiêu chí', left, doc.y);
  sharesTable(r.questions, 'Tiêu chí');

  doc.font('b').fontSize(13).text(`3. Diễn biến tỷ lệ hài lòng theo ${r.trend.unit === 'day' ? 'ngày' : r.trend.unit === 'week' ? 'tuần' : 'tháng'}`, left, doc.y);
  drawBarChart(doc, r, width);

  doc.font('b').fontSize(13).text('4. Theo lĩnh vực', left, doc.y);
  if (r.fields.length === 0) para('Chưa có phiếu.', 'i');
  else sharesTable(r.fields, 'Lĩnh vực');

  let n = 5;
  if (r.officers) {
    doc.font('b').fontSize(13).text(`${n++}. Theo cán bộ, công chức`, left, doc.y);
    if (r.officers.length === 0) para('Chưa có phiếu gắn với cán bộ.', 'i');
    else sharesTable(r.officers, 'Cán bộ, công chức', { flagged: true });
    const flagged = r.officers.filter((o) => o.shares.flagged);
    para(
      flagged.length === 0
        ? `Không có cán bộ nào có tỷ lệ không hài lòng trên ${thresholdText(r.rule)}.`
        : `Cán bộ có tỷ lệ không hài lòng trên ${thresholdText(r.rule)}: ${flagged.map((o) => `${o.name} (${num(o.shares.dissatisfied)}/${num(o.shares.responses)} phiếu = ${pct(o.shares.dissatisfiedShare)})`).join('; ')}.`,
    );
  }
  if (r.index) {
    doc.font('b').fontSize(13).text(`${n++}. Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)`, left, doc.y);
    const rows: string[][] = [['Chỉ số chung', pct(r.index.index), '']];
    const walk = (g: IndexGroup, depth: number) => {
      rows.push([`${'   '.repeat(depth)}${g.label}`, pct(g.index), num(g.items.reduce((a, i) => a + i.answers, 0) + g.groups.reduce((a, s) => a + s.items.reduce((b, i) => b + i.answers, 0), 0))]);
      for (const s of g.groups) walk(s, depth + 1);
    };
    for (const g of r.index.groups) walk(g, 0);
    drawTable(doc, fonts, [{ title: 'Khía cạnh, yếu tố', width: 7 }, { title: 'Chỉ số', width: 2, align: 'right' }, { title: 'Lượt trả lời', width: 2, align: 'right' }], rows, { boldRows: new Set([0]) });
  }
  if (!internal && [r.total, ...r.questions.map((q) => q.shares), ...r.fields.map((f) => f.shares)].some((s) => s.responses > 0 && s.smallSample)) {
    doc.font('i').fontSize(11).text(`(*) Dưới ${small} phiếu: số liệu chỉ mang tính tham khảo.`, left, doc.y, { width });
  }

  // III. Coverage against dossiers (R4).
  heading('III. SỐ PHIẾU SO VỚI SỐ HỒ SƠ GIẢI QUYẾT');
  if (!r.coverage) para('Báo cáo theo khoảng ngày tùy chọn: độ bao phủ được tính theo tháng, quý hoặc năm.', 'i');
  else if (r.coverage.dossierSource === 'none') para('Chưa nhập số hồ sơ của kỳ này.', 'i');
  else {
    const c = r.coverage;
    para(
      `Số hồ sơ: ${num(c.dossiers)}; số phiếu: ${num(c.responses)}; yêu cầu tối thiểu ${pct(c.requiredShare)} số hồ sơ (${num(c.requiredResponses)} phiếu)${c.yearDossiers !== null ? `, theo ${num(c.yearDossiers)} hồ sơ trong năm` : ''}: ${c.met ? 'đạt' : `chưa đạt, còn thiếu ${num(c.missing)} phiếu`}.`,
    );
    const rows = c.fields.filter((f) => f.dossiers > 0 || f.responses > 0);
    if (rows.length > 0) {
      drawTable(
        doc,
        fonts,
        [
          { title: 'Lĩnh vực', width: 5 },
          { title: 'Số hồ sơ', width: 2, align: 'right' },
          { title: 'Số phiếu', width: 2, align: 'right' },
          { title: 'Yêu cầu', width: 2, align: 'right' },
          { title: 'Kết quả', width: 3 },
        ],
        rows.map((f) => [f.name, num(f.dossiers), num(f.responses), `${num(f.requiredResponses)} (${pct(f.requiredShare)})`, f.met ? 'Đạt' : `Thiếu ${num(f.missing)} phiếu`]),
      );
    }
  }

  // IV. Misconduct reports and their handling.
  heading('IV. PHẢN ÁNH TIÊU CỰC, NHŨNG NHIỄU VÀ KẾT QUẢ XỬ LÝ');
  if (r.issueCounts.length > 0) {
    drawTable(
      doc,
      fonts,
      [
        { title: 'Nội dung phản ánh', width: 6 },
        { title: 'Số phiếu', width: 2, align: 'right' },
        { title: 'Đã xử lý', width: 2, align: 'right' },
      ],
      r.issueCounts.map((i) => [i.label, num(i.count), num(i.handled)]),
    );
  }
  if (r.comments) {
    // On paper: every misconduct report and every comment with a low rating (what needs handling);
    // the other comments are counted here and listed in full in the XLSX and CSV.
    const needing = r.comments.filter((c) => c.issues.length > 0 || (c.level !== null && r.rule.dissatisfiedLevels.includes(c.level as 1 | 2)));
    const others = r.comments.length - needing.length;
    if (r.comments.length === 0) para('Không có góp ý, phản ánh trong kỳ.', 'i');
    else if (needing.length === 0) para(`Không có phản ánh tiêu cực hoặc góp ý kèm đánh giá không hài lòng; ${num(others)} góp ý khác có trong tệp Excel (.xlsx) của báo cáo.`, 'i');
    else {
      para(`Phản ánh tiêu cực và góp ý kèm đánh giá không hài lòng: ${num(needing.length)}${others > 0 ? `; ${num(others)} góp ý khác có trong tệp Excel (.xlsx) của báo cáo` : ''}.`);
      drawTable(
        doc,
        fonts,
        [
          { title: 'Thời gian', width: 2.4 },
          { title: 'Cán bộ, lĩnh vực', width: 3 },
          { title: 'Phản ánh, góp ý', width: 6 },
          { title: 'Xử lý', width: 4 },
        ],
        needing.map((c) => [
          formatViInstant(c.receivedAt),
          [c.officer ?? 'Không chọn cán bộ', c.field].filter(Boolean).join('\n'),
          [c.issues.join('; '), c.comment ? `"${c.comment}"` : ''].filter(Boolean).join('\n'),
          c.handling ? `${c.handling.handled ? 'Đã xử lý' : 'Mở lại'} (${c.handling.by}, ${formatViInstant(c.handling.at)})${c.handling.note ? `: ${c.handling.note}` : ''}` : 'Chưa xử lý',
        ]),
        { size: 10 },
      );
    }
  }

  // V. How anyone can check the figures.
  heading('V. SỐ LIỆU KIỂM CHỨNG');
  para(
    r.chainHead
      ? `Mọi số liệu trong báo cáo được tính lại được từ các phiếu đã lưu. Các phiếu được nối thành chuỗi băm (SHA-256); đến hết kỳ báo cáo, chuỗi có ${num(r.chainHead.seq)} phiếu, mã băm cuối: ${r.chainHead.hash}.`
      : 'Chưa có phiếu nào được lưu đến hết kỳ báo cáo.',
  );

  // "Nơi nhận" (left) and the signature block (right), kept together.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 150) doc.addPage();
  doc.moveDown(1);
  const sigTop = doc.y;
  doc.font('bi').fontSize(12).text('Nơi nhận:', left, sigTop, { width: width * 0.45 });
  doc.font('r').fontSize(11).text(['- Chủ tịch, các Phó Chủ tịch UBND;', '- Cơ quan quản lý cấp trên (Sở Nội vụ);', '- Niêm yết tại Bộ phận một cửa;', '- Lưu: VT, VP.'].join('\n'), left, doc.y, { width: width * 0.45 });
  doc.font('b').fontSize(13).text('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', left + width * 0.45, sigTop, { width: width * 0.55, align: 'center' });
  doc.font('i').fontSize(12).text('(Ký, ghi rõ họ tên và đóng dấu)', left + width * 0.45, doc.y, { width: width * 0.55, align: 'center' });

  // Page numbers, from the second page on (NĐ 30: centred at the top).
  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.font('r').fontSize(12).text(String(i + 1), left, 8 * MM, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

/** Bars of the satisfied share per bucket, with n under each (vector shapes: sharp when printed). */
function drawBarChart(doc: InstanceType<typeof PDFDocument>, r: ReportData, width: number): void {
  const rows = r.trend.rows;
  const left = doc.page.margins.left;
  const h = 120;
  if (doc.y + h + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y + 6;
  const axis = 30;
  const plotW = width - axis;
  doc.font('r').fontSize(8).fillColor('#000');
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    const y = top + h - p * h;
    doc.moveTo(left + axis, y).lineTo(left + width, y).lineWidth(0.3).stroke(p === 0 ? '#000' : '#bbbbbb');
    doc.text(`${p * 100}%`, left, y - 4, { width: axis - 4, align: 'right', lineBreak: false });
  }
  // The rule's threshold, for the dissatisfied share shown in red.
  const ty = top + h - r.rule.thresholdShare * h;
  doc.moveTo(left + axis, ty).lineTo(left + width, ty).dash(3, { space: 2 }).lineWidth(0.6).stroke('#c4161c').undash();
  const slot = plotW / Math.max(1, rows.length);
  const barW = Math.min(24, slot * 0.7);
  rows.forEach((row, i) => {
    const x = left + axis + i * slot + (slot - barW) / 2;
    const s = row.shares.satisfiedShare;
    if (s !== null) doc.rect(x, top + h - s * h, barW / 2, s * h).fill('#0b7a43');
    const d = row.shares.dissatisfiedShare;
    if (d !== null) doc.rect(x + barW / 2, top + h - d * h, barW / 2, d * h).fill('#c4161c');
    if (rows.length <= 31) {
      doc.fillColor('#000').fontSize(rows.length > 16 ? 6 : 8).text(row.name, left + axis + i * slot, top + h + 2, { width: slot, align: 'center', lineBreak: false });
      doc.fontSize(6).text(`n=${row.shares.responses}`, left + axis + i * slot, top + h + 11, { width: slot, align: 'center', lineBreak: false });
    }
  });
  doc.fillColor('#000');
  doc.y = top + h + 24;
  doc.font('i').fontSize(10).text(`Cột xanh: tỷ lệ hài lòng; cột đỏ: tỷ lệ không hài lòng; đường đỏ nét đứt: ngưỡng ${thresholdText(r.rule)}.`, left, doc.y, { width });
  doc.moveDown(0.5);
}
