import QRCode from 'qrcode';
import { lineBox, textOutline, textWidth, wrapText, type PathCmd, type ReceiptWeight } from './receipt-text.ts';

/** The papers a receipt snippet is drawn for (docs/tickets.md). */
export const RECEIPT_PAPERS = ['58mm', '80mm', 'a5'] as const;
export type ReceiptPaper = (typeof RECEIPT_PAPERS)[number];

interface PaperSpec {
  dpi: number;
  /** Printable width in dots: 384 on a 58 mm roll, 576 on an 80 mm one (203 dpi); an A5 sheet's 148 mm at 300 dpi. */
  widthPx: number;
  /** QR above the words (a roll), or beside them (a strip across an A5 receipt). */
  layout: 'column' | 'row';
  marginMm: number;
  /** Font sizes (the em) in mm. */
  sizesMm: { small: number; body: number; heading: number };
  /** The QR's side in mm beside the words (row layout). */
  qrMm?: number;
  /** A thermal head prints no grey: black and white, no anti-aliasing. */
  raster: 'threshold' | 'antialiased';
}

export const PAPERS: Record<ReceiptPaper, PaperSpec> = {
  '58mm': { dpi: 203, widthPx: 384, layout: 'column', marginMm: 1.5, sizesMm: { small: 2.6, body: 3.1, heading: 3.8 }, raster: 'threshold' },
  '80mm': { dpi: 203, widthPx: 576, layout: 'column', marginMm: 2, sizesMm: { small: 2.8, body: 3.4, heading: 4.4 }, raster: 'threshold' },
  a5: { dpi: 300, widthPx: 1748, layout: 'row', marginMm: 5, sizesMm: { small: 3, body: 3.8, heading: 5 }, qrMm: 40, raster: 'antialiased' },
};

/** Error correction M (15 %): a receipt is handed over fresh, and M keeps a ~100-character link at 45–49 modules. */
const QR_ECC = 'M';
/** Light modules around the symbol (ISO/IEC 18004 asks for 4). */
const QUIET = 4;

export interface ReceiptContent {
  /** What the QR carries: the ticket's link. */
  link: string;
  unitName: string;
  dossierCode: string;
  expiresAt: Date;
}

export interface Drawing {
  width: number;
  height: number;
  dpi: number;
  raster: PaperSpec['raster'];
  /** Dark, pixel-aligned rectangles: the QR's modules, a frame. */
  rects: { x: number; y: number; w: number; h: number }[];
  /** Text lines as outlines, with the words they say. */
  texts: { text: string; cmds: PathCmd[] }[];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** "10:00 ngày 28/11/2026", Vietnam time. */
export function vietnamDeadline(at: Date): string {
  const v = new Date(at.getTime() + 7 * 3_600_000);
  return `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())} ngày ${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

const HEADING = ['Quét mã để đánh giá', 'sự hài lòng'];

interface Line {
  text: string;
  weight: ReceiptWeight;
  size: number;
}

/** The words of a receipt, wrapped to `maxPx`. */
function wordsOf(c: ReceiptContent, px: PaperSpec['sizesMm'], maxPx: number): Line[][] {
  const block = (text: string, weight: ReceiptWeight, size: number) => wrapText(text, weight, size, maxPx).map((t) => ({ text: t, weight, size }));
  const fits = (text: string, weight: ReceiptWeight, size: number) => textWidth(text, weight, size) <= maxPx;
  // The call to act breaks between its two phrases, never inside one where it can help it.
  const heading = fits(HEADING.join(' '), 'bold', px.heading) ? block(HEADING.join(' '), 'bold', px.heading) : HEADING.flatMap((h) => block(h, 'bold', px.heading));
  // A dossier code is read and typed whole: a smaller size before a broken line.
  let codeSize = px.body;
  while (!fits(c.dossierCode, 'bold', codeSize) && codeSize > px.small * 0.85) codeSize *= 0.95;
  return [
    block(c.unitName, 'regular', px.small),
    heading,
    [...block('Mã hồ sơ:', 'regular', px.body), ...block(c.dossierCode, 'bold', fits(c.dossierCode, 'bold', codeSize) ? codeSize : px.body)],
    block(`Hạn: ${vietnamDeadline(c.expiresAt)}`, 'regular', px.body),
    block('Mỗi hồ sơ được đánh giá một lần. Xin cảm ơn!', 'regular', px.small),
  ];
}

/** Height of blocks of lines, a small gap between blocks. */
const blocksHeight = (blocks: Line[][], gap: number) => blocks.reduce((h, b) => h + b.reduce((s, l) => s + lineBox(l.weight, l.size).height, 0), 0) + gap * (blocks.length - 1);

/** Lays lines out from `top`, each centred in [left, left + width) or flush left. */
function placeLines(d: Drawing, blocks: Line[][], top: number, left: number, width: number, gap: number, align: 'center' | 'left'): number {
  let y = top;
  for (const block of blocks) {
    for (const l of block) {
      const box = lineBox(l.weight, l.size);
      const x = align === 'center' ? left + (width - textWidth(l.text, l.weight, l.size)) / 2 : left;
      d.texts.push({ text: l.text, cmds: textOutline(l.text, l.weight, l.size, x, y + box.baseline) });
      y += box.height;
    }
    y += gap;
  }
  return y - gap;
}

function placeQr(d: Drawing, link: string, x: number, y: number, sidePx: number): number {
  const qr = QRCode.create(link, { errorCorrectionLevel: QR_ECC });
  const n = qr.modules.size;
  const scale = Math.floor(sidePx / (n + 2 * QUIET));
  if (scale < 2) throw new Error(`receipt QR of ${n} modules does not fit ${sidePx} px`);
  const size = scale * (n + 2 * QUIET);
  // Whole pixels: a module is a block of dots, never smeared over two.
  const ox = Math.round(x) + Math.floor((sidePx - size) / 2) + QUIET * scale;
  const oy = Math.round(y) + QUIET * scale;
  for (let r = 0; r < n; r++) {
    // A row's dark run as one rectangle: fewer SVG paths, same pixels.
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      let e = c;
      while (e + 1 < n && qr.modules.get(r, e + 1)) e++;
      d.rects.push({ x: ox + c * scale, y: oy + r * scale, w: (e - c + 1) * scale, h: scale });
      c = e;
    }
  }
  return size;
}

/** The receipt snippet for a paper: where every module and letter goes, in pixels at the paper's dpi. */
export function layoutReceipt(content: ReceiptContent, paper: ReceiptPaper): Drawing {
  const spec = PAPERS[paper];
  const mm = spec.dpi / 25.4;
  const px = { small: spec.sizesMm.small * mm, body: spec.sizesMm.body * mm, heading: spec.sizesMm.heading * mm };
  const margin = Math.round(spec.marginMm * mm);
  const gap = Math.round(1.2 * mm);
  const d: Drawing = { width: spec.widthPx, height: 0, dpi: spec.dpi, raster: spec.raster, rects: [], texts: [] };
  const inner = spec.widthPx - 2 * margin;
  if (spec.layout === 'column') {
    const [unit, heading, ...rest] = wordsOf(content, px, inner);
    let y = placeLines(d, [unit!, heading!], margin, margin, inner, gap, 'center');
    y += placeQr(d, content.link, margin, y, inner);
    y = placeLines(d, rest, y, margin, inner, gap, 'center');
    d.height = Math.ceil(y + margin);
    return d;
  }
  const qrSide = Math.round(spec.qrMm! * mm);
  const textLeft = margin + qrSide + Math.round(4 * mm);
  const blocks = wordsOf(content, px, spec.widthPx - margin - textLeft);
  const textHeight = blocksHeight(blocks, gap);
  const height = Math.ceil(Math.max(qrSide, textHeight) + 2 * margin);
  d.height = height;
  placeQr(d, content.link, margin, Math.round((height - qrSide) / 2), qrSide);
  placeLines(d, blocks, (height - textHeight) / 2, textLeft, 0, gap, 'left');
  // A hairline frame (0.25 mm): where the snippet ends on the receipt.
  const t = Math.max(1, Math.round(0.25 * mm));
  d.rects.push({ x: 0, y: 0, w: d.width, h: t }, { x: 0, y: height - t, w: d.width, h: t }, { x: 0, y: 0, w: t, h: height }, { x: d.width - t, y: 0, w: t, h: height });
  return d;
}
