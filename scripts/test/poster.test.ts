import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPoster, POSTER_TEXT, type PosterData } from '../lib/qr/poster.ts';

const dir = mkdtempSync(join(tmpdir(), 'hailong-poster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const desk: PosterData = {
  unitName: 'UBND xã Đồng Hưng',
  pointLabel: 'Bàn Tư pháp – Hộ tịch',
  officer: { name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch' },
  deepLink: 'https://zalo.me/s/1234567890123456789/?q=AbCdEfGh_-12.0123456789abcdef',
  webLink: 'https://hailong.example.vn/app/?q=AbCdEfGh_-12.0123456789abcdef',
  pointId: '3f2a9c1e-0000-4000-8000-000000000000',
};

function pdf(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
const text = (path: string) => execFileSync('/usr/bin/pdftotext', [path, '-'], { encoding: 'utf8' }).normalize('NFC');
const info = (path: string) => execFileSync('/usr/bin/pdfinfo', [path], { encoding: 'utf8' });
/** pdftotext splits wrapped lines: compare with whitespace collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('poster PDF', () => {
  it.each(['A4', 'A5'] as const)('%s: one page of the right size with the unit, the instructions and the privacy line', async (size) => {
    const path = pdf(`desk-${size}.pdf`, await renderPoster(desk, size));
    const meta = info(path);
    expect(meta).toMatch(/Pages:\s+1\n/);
    expect(meta).toMatch(size === 'A4' ? /Page size:\s+595\.28 x 841\.89 pts/ : /Page size:\s+419\.53 x 595\.28 pts/);
    const t = flat(text(path));
    expect(t).toContain('UBND xã Đồng Hưng');
    expect(t).toContain('Quét mã QR bằng Zalo để đánh giá mức độ hài lòng');
    for (const step of POSTER_TEXT.steps) expect(t).toContain(step);
    expect(t).toContain('Cán bộ: Nguyễn Thị Lan');
    expect(t).toContain('Bàn Tư pháp – Hộ tịch');
    expect(t).toContain(desk.webLink);
    expect(t).toContain('Đánh giá ẩn danh; không cần thông tin cá nhân.');
  });

  it('a counter poster names no officer', async () => {
    const t = flat(text(pdf('counter.pdf', await renderPoster({ ...desk, officer: null, pointLabel: 'Quầy tiếp nhận và trả kết quả' }, 'A4'))));
    expect(t).toContain('Quầy tiếp nhận và trả kết quả');
    expect(t).not.toContain('Cán bộ:');
  });

  it('is byte-identical when generated twice (no timestamps, fixed document id)', async () => {
    const a = await renderPoster(desk, 'A4');
    await new Promise((r) => setTimeout(r, 1100));
    const b = await renderPoster(desk, 'A4');
    expect(a.equals(b)).toBe(true);
    expect((await renderPoster(desk, 'A5')).equals(await renderPoster(desk, 'A5'))).toBe(true);
  });
});
