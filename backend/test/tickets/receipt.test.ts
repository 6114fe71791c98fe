import jsQR from 'jsqr';
import { JSDOM } from 'jsdom';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { expectErrorShape, seedUnit } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { clerkOf, issue } from './ticket-helpers.ts';

const decode = (png: PNG) => jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;

/** Dots per inch from the PNG's pHYs chunk (pixels per metre). */
function dpiOf(bytes: Buffer): number | null {
  const at = bytes.indexOf('pHYs', 0, 'latin1');
  if (at < 0 || bytes[at + 12] !== 1) return null;
  return Math.round(bytes.readUInt32BE(at + 4) * 0.0254);
}

describe('the receipt snippet', () => {
  const bed = useTestbed({ fresh: 'file' });
  const url = (token: string, q: string, unitId = bed.unit.unitId) => `/api/units/${unitId}/tickets/receipt?token=${encodeURIComponent(token)}&${q}`;

  for (const [paper, width, dpi] of [
    ['58mm', 384, 203],
    ['80mm', 576, 203],
    ['a5', 1748, 300],
  ] as const) {
    it(`PNG for ${paper}: ${width} px wide at ${dpi} dpi, its QR decodes (jsqr) to exactly the ticket's link`, async () => {
      const t = await issue(bed, { dossierCode: '000.00.12.H56-240115-0001', officerId: bed.unit.officers[0], fieldId: bed.unit.fields[0] });
      const res = await bed.t.get(url(t.token, `paper=${paper}&format=png`), await clerkOf(bed));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="phieu-hen_000.00.12.H56-240115-0001_${paper}.png"`);
      const bytes = Buffer.from(await res.arrayBuffer());
      const png = PNG.sync.read(bytes);
      expect(png.width).toBe(width);
      expect(png.height).toBeGreaterThan(paper === 'a5' ? 400 : width);
      expect(dpiOf(bytes)).toBe(dpi);
      expect(decode(png)).toBe(t.deepLink);
      if (paper !== 'a5') {
        // A thermal head prints black or nothing: no grey in a roll's receipt.
        const greys = new Set<number>();
        for (let i = 0; i < png.data.length; i += 4) greys.add(png.data[i]!);
        expect([...greys].sort((a, b) => a - b)).toEqual([0, 255]);
      }
    });
  }

  it('the longest dossier code (64 Vietnamese characters) still fits a 58 mm roll and decodes', async () => {
    const code = 'Hồ sơ đăng ký đất đai số ' + 'ĐẤT'.repeat(13);
    expect([...code]).toHaveLength(64);
    const t = await issue(bed, { dossierCode: code, officerId: bed.unit.officers[1], fieldId: bed.unit.fields[1] });
    const png = PNG.sync.read(Buffer.from(await (await bed.t.get(url(t.token, 'paper=58mm'), await clerkOf(bed))).arrayBuffer()));
    expect(png.width).toBe(384);
    expect(decode(png)).toBe(t.deepLink);
  });

  it('SVG: well-formed XML at the paper\'s size in mm, QR and words as paths, the words in its title', async () => {
    const t = await issue(bed, { dossierCode: 'HS <&> "Đặc biệt"' });
    for (const paper of ['58mm', '80mm', 'a5']) {
      const res = await bed.t.get(url(t.token, `paper=${paper}&format=svg`), await clerkOf(bed));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^inline; filename="phieu-hen_HS-Dac-biet_${paper}\\.svg"$`));
      const text = await res.text();
      // A strict XML parse: a malformed document throws.
      const doc = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
      const svg = doc.documentElement;
      expect(svg.tagName).toBe('svg');
      expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
      expect(svg.getAttribute('width')).toBe(paper === '58mm' ? '48.05mm' : paper === '80mm' ? '72.07mm' : '148mm');
      const title = doc.getElementsByTagName('title')[0]!.textContent!;
      expect(title).toContain('Quét mã để đánh giá');
      expect(title).toContain('HS <&> "Đặc biệt"');
      expect(title).toMatch(/Hạn: 10:00 ngày 28\/11\/2026/);
      expect(doc.getElementsByTagName('path').length).toBeGreaterThan(5);
      expect(doc.getElementsByTagName('text')).toHaveLength(0);
    }
  });

  it('defaults to 80 mm PNG; 404 for another unit\'s or a forged token, 410 once expired, 400 for an unknown paper', async () => {
    const h = await clerkOf(bed);
    const t = await issue(bed, { dossierCode: 'HS-MAC-DINH', ttlHours: 1 });
    const res = await bed.t.get(`/api/units/${bed.unit.unitId}/tickets/receipt?token=${t.token}`, h);
    expect(res.status).toBe(200);
    expect(PNG.sync.read(Buffer.from(await res.arrayBuffer())).width).toBe(576);
    const other = await seedUnit(bed.deps, 'xa-khac-receipt');
    const theirs = await issue(bed, { dossierCode: 'HS-KHAC' }, other.unitId, bed.t.admin);
    await expectErrorShape(await bed.t.get(url(theirs.token, 'paper=58mm'), h), 404);
    await expectErrorShape(await bed.t.get(url(t.token.slice(0, -2) + 'xx', 'paper=58mm'), h), 404);
    // The other unit's staff cannot print this unit's.
    expect((await bed.t.get(url(t.token, 'paper=58mm'), await bed.t.login(other.clerk.username, other.clerk.password))).status).toBe(403);
    await expectErrorShape(await bed.t.get(url(t.token, 'paper=a4'), h), 400, 'invalid_input');
    bed.deps.setNow('2026-11-25T04:00:00.000Z');
    await expectErrorShape(await bed.t.get(url(t.token, 'paper=58mm'), h), 410, 'ticket_expired');
    bed.deps.setNow('2026-11-25T03:00:00.000Z');
  });
});
