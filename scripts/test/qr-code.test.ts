import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPng, qrSvg } from '../lib/qr/qr-code.ts';
import { slugify } from '../lib/qr/slug.ts';

const DEEP_LINK = 'https://zalo.me/s/1234567890123456789/?q=AbCdEfGh_-12.0123456789abcdef';

function decodePng(buf: Buffer): string | undefined {
  const png = PNG.sync.read(buf);
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
}

/** Well-formedness check with a strict XML parser; returns the root element's name. */
function xmlRoot(xml: string): string {
  const parser = new SaxesParser({ xmlns: true });
  let root: string | undefined;
  parser.on('opentag', (t) => (root ??= t.local));
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root ?? '';
}

describe('QR images', () => {
  it('PNG decodes back to the exact deep link', async () => {
    expect(decodePng(await qrPng(DEEP_LINK))).toBe(DEEP_LINK);
  });

  it('PNG still decodes with part of the symbol scratched off (error correction H)', async () => {
    const png = PNG.sync.read(await qrPng(DEEP_LINK));
    // Paint a white band over ~12 % of the symbol's rows, away from the finder patterns.
    const modulePx = 12;
    const size = png.width / modulePx;
    const from = Math.floor(size * 0.45) * modulePx;
    for (let y = from; y < from + Math.ceil(size * 0.12) * modulePx; y++) {
      for (let x = Math.floor(png.width * 0.3); x < Math.floor(png.width * 0.7); x++) png.data.fill(255, (y * png.width + x) * 4, (y * png.width + x) * 4 + 4);
    }
    expect(decodePng(PNG.sync.write(png))).toBe(DEEP_LINK);
  });

  it('PNG has a quiet zone of 4 modules on every side', async () => {
    const png = PNG.sync.read(await qrPng(DEEP_LINK));
    const modules = qrMatrix(DEEP_LINK).size;
    const px = png.width / (modules + 8);
    expect(Number.isInteger(px)).toBe(true);
    let dark = 0;
    for (let i = 0; i < 4 * px; i++) {
      for (let j = 0; j < png.width; j++) {
        for (const [x, y] of [[i, j], [j, i], [png.width - 1 - i, j], [j, png.width - 1 - i]] as const) {
          if (png.data[(y * png.width + x) * 4] !== 255) dark++;
        }
      }
    }
    expect(dark).toBe(0);
    // …and the symbol starts right after it: the top-left finder pattern's corner is dark.
    expect(png.data[(4 * px * png.width + 4 * px) * 4]).toBe(0);
  });

  it('SVG is well-formed XML with an <svg> root and encodes the same symbol', async () => {
    const svg = await qrSvg(DEEP_LINK);
    expect(xmlRoot(svg)).toBe('svg');
    const size = qrMatrix(DEEP_LINK).size;
    expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
  });

  it('is deterministic', async () => {
    expect((await qrPng(DEEP_LINK)).equals(await qrPng(DEEP_LINK))).toBe(true);
    expect(await qrSvg(DEEP_LINK)).toBe(await qrSvg(DEEP_LINK));
  });
});

describe('slugify', () => {
  it('turns Vietnamese labels into ASCII file names', () => {
    expect(slugify('Bàn Tư pháp – Hộ tịch')).toBe('ban-tu-phap-ho-tich');
    expect(slugify('Quầy tiếp nhận và trả kết quả')).toBe('quay-tiep-nhan-va-tra-ket-qua');
    expect(slugify('Đất đai / Địa chính')).toBe('dat-dai-dia-chinh');
    expect(slugify('***')).toBe('diem');
  });
});
