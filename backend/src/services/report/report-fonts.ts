import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create as createFont, type Font } from 'fontkit';

/**
 * Noto Serif (SIL OFL, from an npm package): a Times-like serif, as Nghị định 30/2020/NĐ-CP asks
 * for administrative documents, drawn for Vietnamese (every diacritic a glyph). Embedded in the PDF.
 */
const fontRoot = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-serif/package.json'));
export const REPORT_FONTS = {
  regular: join(fontRoot, '400Regular/NotoSerif_400Regular.ttf'),
  italic: join(fontRoot, '400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
  bold: join(fontRoot, '700Bold/NotoSerif_700Bold.ttf'),
  boldItalic: join(fontRoot, '700Bold_Italic/NotoSerif_700Bold_Italic.ttf'),
} as const;

/**
 * The fonts parsed once per process, not once per report: decoding Noto Serif's tables was most of
 * a report's time (≈ 450 ms of 550). PDFKit takes a parsed fontkit font as a font source (its
 * PDFFontFactory checks for `layout`), and subsets it per document as before.
 *
 * Call it once per document: fontkit caches a glyph with the characters it was first met with,
 * and PDFKit writes a document's text layer (ToUnicode) from them, so glyphs met in an earlier
 * document left later ones with text that copies wrong ("theo" extracted as "th o"). The glyph
 * cache is emptied for each document; the parsed tables, the costly part, stay.
 */
let parsed: Record<keyof typeof REPORT_FONTS, Font> | undefined;
export function reportFonts(): Record<keyof typeof REPORT_FONTS, Font> {
  if (!parsed) {
    const open = (path: string) => createFont(readFileSync(path)) as Font;
    parsed = { regular: open(REPORT_FONTS.regular), italic: open(REPORT_FONTS.italic), bold: open(REPORT_FONTS.bold), boldItalic: open(REPORT_FONTS.boldItalic) };
  }
  for (const font of Object.values(parsed)) (font as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
  return parsed;
}
/** Parses the fonts and lays out Vietnamese text once, so that the first report after start-up is not the slow one. */
export function warmReportFonts(): void {
  for (const font of Object.values(reportFonts())) font.layout('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc 0123456789,%');
}

// @types/pdfkit knows paths and bytes only.
export const asSource = (f: Font) => f as unknown as PDFKit.Mixins.PDFFontSource;
