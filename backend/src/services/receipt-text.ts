import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create as createFont, type Font } from 'fontkit';

/**
 * Text on a receipt, as outlines (docs/tickets.md): the same shapes go into the SVG as paths and
 * into the PNG through receipt-raster.ts, so neither needs a font where it is printed. Be Vietnam
 * Pro (SIL OFL, the posters' font, scripts/lib/qr/poster-fonts.ts): a sans drawn for Vietnamese,
 * every diacritic a glyph, that stays legible at 203 dpi where the reports' serif thins out.
 */
const fontRoot = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
const FONT_FILES = {
  regular: join(fontRoot, '400Regular/BeVietnamPro_400Regular.ttf'),
  bold: join(fontRoot, '700Bold/BeVietnamPro_700Bold.ttf'),
} as const;
export type ReceiptWeight = keyof typeof FONT_FILES;

let fonts: Record<ReceiptWeight, Font> | undefined;
/** Parsed once per process. */
function receiptFonts(): Record<ReceiptWeight, Font> {
  fonts ??= { regular: createFont(readFileSync(FONT_FILES.regular)) as Font, bold: createFont(readFileSync(FONT_FILES.bold)) as Font };
  return fonts;
}

/** A path in pixels, y down: move, line, quadratic, cubic, close. */
export type PathCmd = ['M', number, number] | ['L', number, number] | ['Q', number, number, number, number] | ['C', number, number, number, number, number, number] | ['Z'];

/** Width in pixels of `text` at `sizePx` (the em). */
export function textWidth(text: string, weight: ReceiptWeight, sizePx: number): number {
  const font = receiptFonts()[weight];
  return font.layout(text.normalize('NFC')).positions.reduce((w, p) => w + p.xAdvance, 0) * (sizePx / font.unitsPerEm);
}

/** The outlines of `text` with its baseline's left end at (x, baseline). */
export function textOutline(text: string, weight: ReceiptWeight, sizePx: number, x: number, baseline: number): PathCmd[] {
  const font = receiptFonts()[weight];
  const k = sizePx / font.unitsPerEm;
  const run = font.layout(text.normalize('NFC'));
  const out: PathCmd[] = [];
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i]!;
    const ox = x + (pen + pos.xOffset) * k;
    const oy = baseline - pos.yOffset * k;
    const px = (gx: number) => ox + gx * k;
    const py = (gy: number) => oy - gy * k;
    for (const { command, args: a } of glyph.path.commands) {
      if (command === 'moveTo') out.push(['M', px(a[0]!), py(a[1]!)]);
      else if (command === 'lineTo') out.push(['L', px(a[0]!), py(a[1]!)]);
      else if (command === 'quadraticCurveTo') out.push(['Q', px(a[0]!), py(a[1]!), px(a[2]!), py(a[3]!)]);
      else if (command === 'bezierCurveTo') out.push(['C', px(a[0]!), py(a[1]!), px(a[2]!), py(a[3]!), px(a[4]!), py(a[5]!)]);
      else out.push(['Z']);
    }
    pen += pos.xAdvance;
  });
  return out;
}

/**
 * Lines of at most `maxPx`: words kept whole where they fit, a word longer than a line (a long
 * dossier code) cut between characters.
 */
export function wrapText(text: string, weight: ReceiptWeight, sizePx: number, maxPx: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s, weight, sizePx) <= maxPx;
  for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    const tried = line ? `${line} ${word}` : word;
    if (fits(tried)) {
      line = tried;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      const chars = [...rest];
      let n = chars.length - 1;
      while (n > 1 && !fits(chars.slice(0, n).join(''))) n--;
      lines.push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** The height of a line of text at `sizePx` and where its baseline sits below the line's top (the font's own ascent and descent: Vietnamese stacks marks high). */
export function lineBox(weight: ReceiptWeight, sizePx: number): { height: number; baseline: number } {
  const font = receiptFonts()[weight];
  const k = sizePx / font.unitsPerEm;
  return { height: (font.ascent - font.descent) * k, baseline: font.ascent * k };
}
