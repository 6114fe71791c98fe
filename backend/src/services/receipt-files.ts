import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { fillPath, fillRect, toGrey } from './receipt-raster.ts';
import type { Drawing } from './receipt-layout.ts';
import type { PathCmd } from './receipt-text.ts';

const n2 = (v: number) => String(Math.round(v * 100) / 100);
const escapeXml = (s: string) => s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

function pathData(cmds: readonly PathCmd[]): string {
  return cmds.map((c) => (c[0] === 'Z' ? 'Z' : `${c[0]}${c.slice(1).map((v) => n2(v as number)).join(' ')}`)).join('');
}

/** SVG at the paper's physical size (width and height in mm), modules and letters as paths: it prints the same without the font. */
export function receiptSvg(d: Drawing): string {
  const mm = (px: number) => n2((px / d.dpi) * 25.4);
  const title = d.texts.map((t) => t.text).join(' ');
  const modules = d.rects.map((r) => `M${r.x} ${r.y}h${r.w}v${r.h}h${-r.w}Z`).join('');
  const lines = d.texts.map((t) => `<path aria-label="${escapeXml(t.text)}" d="${pathData(t.cmds)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${mm(d.width)}mm" height="${mm(d.height)}mm" viewBox="0 0 ${d.width} ${d.height}" role="img">
<title>${escapeXml(title)}</title>
<rect width="${d.width}" height="${d.height}" fill="#ffffff"/>
<g fill="#000000">
<path d="${modules}" shape-rendering="crispEdges"/>
${lines}
</g>
</svg>
`;
}

/** A pHYs chunk: the dots per metre, so that printing "actual size" gives the paper's millimetres. */
function physChunk(dpi: number): Buffer {
  const perMetre = Math.round(dpi / 0.0254);
  const body = Buffer.alloc(13);
  body.write('pHYs', 0, 'latin1');
  body.writeUInt32BE(perMetre, 4);
  body.writeUInt32BE(perMetre, 8);
  body.writeUInt8(1, 12);
  const chunk = Buffer.alloc(4 + 13 + 4);
  chunk.writeUInt32BE(9, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 17);
  return chunk;
}

/** Greyscale PNG at the paper's dpi (black and white for a thermal head). */
export function receiptPng(d: Drawing): Buffer {
  const cov = new Float32Array(d.width * d.height);
  for (const r of d.rects) fillRect(cov, d.width, r.x, r.y, r.w, r.h);
  for (const t of d.texts) fillPath(cov, d.width, d.height, t.cmds);
  const grey = toGrey(cov, d.raster);
  const png = new PNG({ width: d.width, height: d.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(grey.buffer, grey.byteOffset, grey.byteLength);
  const bytes = PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
  // After IHDR (8-byte signature + 25-byte chunk), as the PNG spec wants pHYs before IDAT.
  return Buffer.concat([bytes.subarray(0, 33), physChunk(d.dpi), bytes.subarray(33)]);
}
