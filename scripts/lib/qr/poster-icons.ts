/** Simple line icons for the poster's three steps, drawn as vectors (crisp at any print size). */
type Doc = PDFKit.PDFDocument;

export const COLORS = {
  primary: '#0b4f9c',
  zalo: '#0068ff',
  soft: '#e7effb',
  text: '#1b1f24',
  muted: '#5a6270',
  rule: '#c9d3e0',
  good: '#1e8e3e',
} as const;

/** Step 1: a phone with Zalo's speech bubble. */
export function drawPhoneIcon(doc: Doc, cx: number, cy: number): void {
  doc.save().lineWidth(2.2).strokeColor(COLORS.primary);
  doc.roundedRect(cx - 13, cy - 22, 26, 44, 5).stroke();
  doc.moveTo(cx - 4, cy + 17).lineTo(cx + 4, cy + 17).stroke();
  doc.roundedRect(cx - 9, cy - 13, 18, 12, 4).fill(COLORS.zalo);
  doc.polygon([cx - 5, cy - 2], [cx - 1, cy - 2], [cx - 6, cy + 3]).fill(COLORS.zalo);
  doc.fillColor('#ffffff').font('bold').fontSize(7).text('Z', cx - 9, cy - 12.2, { width: 18, align: 'center', lineBreak: false, height: 20 });
  doc.restore();
}

/** Step 2: a viewfinder over a small QR pattern. */
export function drawScanIcon(doc: Doc, cx: number, cy: number): void {
  const s = 20;
  const k = 7;
  doc.save().lineWidth(2.4).strokeColor(COLORS.primary).lineCap('round');
  for (const [sx, sy] of [[-1, -1], [1, -1], [-1, 1], [1, 1]] as const) {
    doc.moveTo(cx + sx * s, cy + sy * (s - k)).lineTo(cx + sx * s, cy + sy * s).lineTo(cx + sx * (s - k), cy + sy * s).stroke();
  }
  doc.fillColor(COLORS.primary);
  for (const [x, y] of [[-11, -11], [3, -11], [-11, 3]] as const) {
    doc.rect(cx + x, cy + y, 8, 8).fill();
    doc.rect(cx + x + 2, cy + y + 2, 4, 4).fill('#ffffff');
    doc.rect(cx + x + 3, cy + y + 3, 2, 2).fill(COLORS.primary);
  }
  doc.rect(cx + 4, cy + 4, 3, 3).rect(cx + 8, cy + 8, 3, 3).rect(cx + 4, cy + 9, 2, 2).fill(COLORS.primary);
  doc.moveTo(cx - s - 3, cy).lineTo(cx + s + 3, cy).lineWidth(1.6).strokeColor('#e53935').stroke();
  doc.restore();
}

/** Step 3: a smiling face with a check mark (choose the level, press send). */
export function drawRateIcon(doc: Doc, cx: number, cy: number): void {
  doc.save().lineWidth(2.2).strokeColor(COLORS.primary).lineCap('round');
  doc.circle(cx - 3, cy, 17).stroke();
  doc.circle(cx - 9, cy - 5, 2.2).circle(cx + 3, cy - 5, 2.2).fill(COLORS.primary);
  doc.moveTo(cx - 12, cy + 5).bezierCurveTo(cx - 8, cy + 12, cx + 2, cy + 12, cx + 6, cy + 5).stroke();
  doc.circle(cx + 14, cy + 13, 8).fill(COLORS.good);
  doc.moveTo(cx + 10, cy + 13).lineTo(cx + 13, cy + 16).lineTo(cx + 18, cy + 10).lineWidth(2).strokeColor('#ffffff').stroke();
  doc.restore();
}

/** A padlock before the privacy line. */
export function drawLockIcon(doc: Doc, x: number, y: number): void {
  doc.save().lineWidth(1.6).strokeColor(COLORS.good);
  doc.moveTo(x + 3, y + 6).lineTo(x + 3, y + 3.5).bezierCurveTo(x + 3, y - 1.5, x + 10, y - 1.5, x + 10, y + 3.5).lineTo(x + 10, y + 6).stroke();
  doc.roundedRect(x, y + 6, 13, 10, 2).fill(COLORS.good);
  doc.restore();
}
