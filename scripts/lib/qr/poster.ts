import PDFDocument from 'pdfkit';
import { qrMatrix } from './qr-code.ts';
import { POSTER_FONTS } from './poster-fonts.ts';
import { COLORS, drawLockIcon, drawPhoneIcon, drawRateIcon, drawScanIcon } from './poster-icons.ts';

export type PosterSize = 'A4' | 'A5';

export interface PosterData {
  unitName: string;
  pointLabel: string;
  /** Set for a desk point: the officer the QR rates. */
  officer: { name: string; title: string | null } | null;
  /** A kiosk point's poster says so: it is stuck on the tablet's stand, the QR sets the tablet up. */
  kiosk?: boolean;
  deepLink: string;
  webLink: string;
  pointId: string;
}

/** Page sizes in points; A5 is A4 scaled by 1/√2, so one layout serves both. */
export const PAGE = { A4: [595.28, 841.89], A5: [419.53, 595.28] } as const;

/** Fixed so that the same data gives byte-identical files (the PDF /ID is a hash of the info). */
const FIXED_DATE = new Date('2024-01-01T00:00:00.000Z');

export const POSTER_TEXT = {
  kicker: 'KHẢO SÁT SỰ HÀI LÒNG CỦA NGƯỜI DÂN',
  headline: 'Quét mã QR bằng Zalo để đánh giá mức độ hài lòng',
  steps: ['Mở Zalo, chạm vào biểu tượng quét mã QR', 'Quét mã QR trên tờ này', 'Chọn mức độ hài lòng và bấm Gửi'],
  noZalo: 'Không dùng Zalo? Mở trình duyệt trên điện thoại và truy cập:',
  privacy: 'Đánh giá ẩn danh; không cần thông tin cá nhân.',
  thanks: 'Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn. Xin cảm ơn!',
} as const;

type Doc = PDFKit.PDFDocument;

/** A box height for every text call: with one, PDFKit never starts a new page (the A5 page is drawn scaled). */
const BOX = 200;

/** The largest font size (down to `min`) at which `text` fits in `lines` lines of `width`. */
function fitSize(doc: Doc, font: string, text: string, width: number, max: number, min: number, lines: number): number {
  for (let size = max; size > min; size -= 0.5) {
    doc.font(font).fontSize(size);
    if (doc.heightOfString(text, { width }) <= doc.currentLineHeight(true) * lines + 0.1) return size;
  }
  return min;
}

/** Dark modules as one path of row runs, on a white square that includes the 4-module quiet zone. */
function drawQr(doc: Doc, text: string, x: number, y: number, side: number): void {
  const m = qrMatrix(text);
  const total = m.size + 8;
  const unit = side / total;
  doc.rect(x, y, side, side).fill('#ffffff');
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.dark(r, c)) c++;
      // A hair of overlap so no white seams appear between rows when printed.
      doc.rect(x + (start + 4) * unit, y + (r + 4) * unit, (c - start) * unit, unit + 0.05);
    }
  }
  doc.fill('#000000');
}

function layout(doc: Doc, d: PosterData): void {
  const [W] = PAGE.A4;
  const M = 42;
  const inner = W - 2 * M;

  // Header band: who is being rated.
  doc.rect(0, 0, W, 132).fill(COLORS.primary);
  doc.fillColor('#cfe0f7').font('semibold').fontSize(11).text(POSTER_TEXT.kicker, M, 26, { width: inner, align: 'center', height: BOX });
  const unitSize = fitSize(doc, 'bold', d.unitName, inner, 30, 16, 1);
  doc.fillColor('#ffffff').font('bold').fontSize(unitSize).text(d.unitName, M, 46, { width: inner, align: 'center', height: BOX });
  const label = d.kiosk ? `Kiosk · ${d.pointLabel}` : d.pointLabel;
  const labelSize = fitSize(doc, 'medium', label, inner, 16, 10, 1);
  doc.fillColor('#ffffff').font('medium').fontSize(labelSize).text(label, M, 92, { width: inner, align: 'center', height: BOX });

  // Headline.
  let y = 152;
  doc.fillColor(COLORS.text).font('bold').fontSize(25).text(POSTER_TEXT.headline, M + 10, y, { width: inner - 20, align: 'center', lineGap: 2, height: BOX });
  y = doc.y + 10;

  // Desk point: the officer this QR rates.
  if (d.officer) {
    const who = `Cán bộ: ${d.officer.name}`;
    const title = d.officer.title ?? '';
    doc.roundedRect(M + 40, y, inner - 80, title ? 48 : 32, 8).fill(COLORS.soft);
    doc.fillColor(COLORS.primary).font('bold').fontSize(fitSize(doc, 'bold', who, inner - 100, 15, 10, 1)).text(who, M + 50, y + 7, { width: inner - 100, align: 'center', height: BOX });
    if (title) doc.fillColor(COLORS.muted).font('regular').fontSize(fitSize(doc, 'regular', title, inner - 100, 11, 8, 1)).text(title, M + 50, y + 27, { width: inner - 100, align: 'center', height: BOX });
    y += (title ? 48 : 32) + 10;
  } else {
    y += 6;
  }

  // The QR code, framed.
  const side = d.officer ? 276 : 312;
  const qx = (W - side) / 2;
  doc.roundedRect(qx - 10, y - 10, side + 20, side + 20, 14).lineWidth(3).strokeColor(COLORS.zalo).stroke();
  drawQr(doc, d.deepLink, qx, y, side);
  y += side + 30;

  // Three steps.
  const colW = inner / 3;
  const icons = [drawPhoneIcon, drawScanIcon, drawRateIcon];
  POSTER_TEXT.steps.forEach((step, i) => {
    const cx = M + colW * i + colW / 2;
    doc.circle(cx, y + 30, 30).fill(COLORS.soft);
    icons[i]!(doc, cx, y + 30);
    doc.circle(cx - 27, y + 6, 11).fill(COLORS.zalo);
    doc.fillColor('#ffffff').font('bold').fontSize(12).text(String(i + 1), cx - 38, y - 1.5, { width: 22, align: 'center', lineBreak: false, height: BOX });
    doc.fillColor(COLORS.text).font('semibold').fontSize(12).text(step, cx - colW / 2 + 8, y + 70, { width: colW - 16, align: 'center', lineGap: 1, height: BOX });
  });
  y += 128;

  // Web link for phones without Zalo.
  doc.moveTo(M, y).lineTo(W - M, y).lineWidth(0.8).strokeColor(COLORS.rule).stroke();
  y += 12;
  doc.fillColor(COLORS.muted).font('regular').fontSize(11).text(POSTER_TEXT.noZalo, M, y, { width: inner, align: 'center', height: BOX });
  y = doc.y + 3;
  doc.fillColor(COLORS.primary).font('semibold').fontSize(fitSize(doc, 'semibold', d.webLink, inner, 12, 7, 1)).text(d.webLink, M, y, { width: inner, align: 'center', link: d.webLink, height: BOX });
  y = doc.y + 14;

  // Privacy.
  doc.font('semibold').fontSize(12.5);
  const pw = doc.widthOfString(POSTER_TEXT.privacy) + 20;
  drawLockIcon(doc, (W - pw) / 2, y - 1);
  doc.fillColor(COLORS.good).text(POSTER_TEXT.privacy, (W - pw) / 2 + 20, y, { lineBreak: false, height: BOX });
  y += 22;
  doc.fillColor(COLORS.muted).font('regular').fontSize(10.5).text(POSTER_TEXT.thanks, M, y, { width: inner, align: 'center', height: BOX });

  // Footer: which point this is, for the clerk.
  doc.fillColor('#8a93a0').font('regular').fontSize(8).text(`Mã điểm ${d.pointId.slice(0, 8)}`, M, 812, { width: inner, align: 'right', lineBreak: false, height: BOX });
}

/** A printable poster for one QR point, A4 or A5; the same data always gives the same bytes. */
export function renderPoster(d: PosterData, size: PosterSize): Promise<Buffer> {
  const doc = new PDFDocument({
    size,
    margin: 0,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: `${d.unitName} – ${d.pointLabel}`,
      Subject: POSTER_TEXT.headline,
      Author: d.unitName,
      Creator: 'Hài Lòng',
      Producer: 'Hài Lòng (PDFKit)',
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  for (const [name, path] of Object.entries(POSTER_FONTS)) doc.registerFont(name, path);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.addPage({ size, margin: 0 });
  if (size === 'A5') doc.scale(PAGE.A5[0] / PAGE.A4[0]);
  layout(doc, { ...d, unitName: d.unitName.normalize('NFC'), pointLabel: d.pointLabel.normalize('NFC') });
  doc.end();
  return done;
}
