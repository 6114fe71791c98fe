import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../backend/src/services/demo.service.ts';
import { setPointEnabled } from '../../backend/src/services/setup.service.ts';
import { listPoints } from '../../backend/src/db/points.repository.ts';
import { createTestDeps, type TestDeps } from '../../backend/test/helpers/test-deps.ts';
import { generateQrCodes, pointFileBase } from '../lib/qr/generate-qr-codes.ts';

const dir = mkdtempSync(join(tmpdir(), 'hailong-qr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
  await seedDemoIfEmpty(deps);
});
afterEach(async () => {
  await deps.close();
});

const snapshot = (d: string) => Object.fromEntries(readdirSync(d).sort().map((f) => [f, readFileSync(join(d, f)).toString('base64')]));

describe('npm run qr', () => {
  it('writes SVG, PNG, A4 and A5 posters and an index per active point; a second run changes nothing', async () => {
    const out = join(dir, 'run1');
    const first = await generateQrCodes(deps, out);
    expect(first.points).toBe(2);
    const unitDir = join(out, 'nam-dong');
    const files = readdirSync(unitDir).sort();
    expect(files).toHaveLength(2 * 4 + 2);
    expect(files).toContain('index.json');
    expect(files).toContain('README.md');
    const index = JSON.parse(readFileSync(join(unitDir, 'index.json'), 'utf8')) as { points: { label: string; deepLink: string; files: { png: string } }[] };
    for (const p of index.points) {
      const png = PNG.sync.read(readFileSync(join(unitDir, p.files.png)));
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(p.deepLink);
      expect(p.files.png).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}\.png$/);
    }
    expect(index.points.map((p) => p.label)).toEqual(['Bàn Tư pháp – Hộ tịch', 'Quầy tiếp nhận và trả kết quả']);

    const before = snapshot(unitDir);
    const second = await generateQrCodes(deps, out);
    expect(second.written).toEqual([]);
    expect(second.unchanged).toBe(10);
    expect(snapshot(unitDir)).toEqual(before);
  });

  it('drops the files of a point that was disabled', async () => {
    const out = join(dir, 'run2');
    await generateQrCodes(deps, out);
    const [point] = await listPoints(deps.db.kysely, (await deps.db.kysely.selectFrom('units').select('id').executeTakeFirstOrThrow()).id);
    await setPointEnabled(deps, point!.id, false);
    const run = await generateQrCodes(deps, out);
    expect(run.removed).toHaveLength(4);
    expect(existsSync(join(out, 'nam-dong', `${pointFileBase(point!)}-a4.pdf`))).toBe(false);
    expect(readdirSync(join(out, 'nam-dong'))).toHaveLength(4 + 2);
  });
});
