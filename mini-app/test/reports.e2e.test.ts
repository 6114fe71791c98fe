import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { vietnamDay } from '@hai-long/backend/domain/day';
import { periodOf } from '@hai-long/backend/domain/periods';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { launchChromium } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { login, respond } from './support/staff-api.ts';
import { VI, openTab, shootScreen } from './support/screens.ts';

const SHOTS = '/tmp/shots';
const SIZES = {
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...VI },
  desktop: { viewport: { width: 1280, height: 800 }, ...VI },
} as const;

let server: ServerProcess;
let browser: Browser;
let clerkToken: string;
const month = periodOf(vietnamDay(new Date()).slice(0, 7))!;

interface ReportJson {
  total: { responses: number };
  officers: { name: string; shares: { flagged: boolean } }[] | null;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function signIn(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  // The address staff type or print: the server sends it on to the app's #/staff route.
  await page.goto(`${server.url}/app/staff`);
  await page.getByRole('heading', { name: 'Đăng nhập cán bộ' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(server.demo.clerk.username);
  await page.getByLabel('Mật khẩu').fill(server.demo.clerk.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Các màn hình' }).waitFor();
  return page;
}

const shoot = (page: Page, name: string) => shootScreen(page, `${SHOTS}/${name}`, { top: false, print: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  browser = await launchChromium();
  clerkToken = await login(server.url, server.demo.clerk.username, server.demo.clerk.password);
  const point = (await (await fetch(`${server.url}/api/public/points/${server.demo.counterToken}`)).json()) as { officers: { id: string }[]; fields: { id: string }[] };
  for (const [i, overall] of [5, 5, 4, 3, 2, 1, 5, 4, 1, 2].entries()) {
    const officerId = point.officers[i % 3]!.id;
    const fieldId = point.fields[i % Math.max(1, point.fields.length)]?.id;
    await respond(server.url, server.demo.counterToken, { overall, access: 4, attitude: overall, responsibility: 3, guidance: overall }, { officerId, ...(fieldId ? { fieldId } : {}) });
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('reports, publishing and dossier counts in a real browser', () => {
  it('/app/staff lands on the staff sign-in form', async () => {
    const ctx = await browser.newContext(SIZES.phone);
    const page = await ctx.newPage();
    const res = await page.goto(`${server.url}/app/staff`);
    expect(res!.status()).toBe(200);
    await page.getByRole('heading', { name: 'Đăng nhập cán bộ' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/');
    expect(new URL(page.url()).hash).toBe('#/staff');
    await ctx.close();
  });

  it('the clerk downloads this month as PDF and XLSX, publishes it, and the board serves the same bytes with their SHA-256', async () => {
    const ctx = await browser.newContext({ ...SIZES.desktop, acceptDownloads: true });
    const page = await signIn(ctx);
    await openTab(page, 'Báo cáo', 'Báo cáo kết quả');
    await page.getByRole('button', { name: 'Tháng này', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: `UBND xã Nam Dong: ${month.label}` }).waitFor();

    // The screen shows the report's own figures.
    const q = `from=${month.from}&to=${month.to}&format=json`;
    const report = (await (await fetch(`${server.url}/api/units/${server.demo.unitId}/report?${q}`, { headers: { authorization: `Bearer ${clerkToken}` } })).json()) as ReportJson;
    expect(report.total.responses).toBe(10);
    expect(await page.locator('.report-view [data-stat="total"] .stat-value').textContent()).toBe(String(report.total.responses));
    const flagged = report.officers!.filter((o) => o.shares.flagged).length;
    expect(await page.locator('.report-view tr.is-flagged').count()).toBe(flagged);

    // Downloads, fetched with the cookie session and saved under the server's names.
    for (const [button, ext, magic] of [
      ['Tải PDF', 'pdf', '%PDF'],
      ['Tải Excel (XLSX)', 'xlsx', 'PK'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toBe(`bao-cao-hai-long_nam-dong_${month.key}_noi-bo.${ext}`);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
      expect(bytes.length).toBeGreaterThan(1000);
    }
    // The public version is named so.
    await page.getByText('Bản công khai', { exact: true }).click();
    const [pub] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
    expect(pub.suggestedFilename()).toBe(`bao-cao-hai-long_nam-dong_${month.key}_cong-khai.pdf`);
    expect(await page.locator('section[aria-labelledby="report-officers"]').count()).toBe(0);

    // Publish the month: after a confirmation, its SHA-256 on screen.
    await page.getByRole('button', { name: 'Công bố kết quả kỳ này' }).click();
    await page.getByRole('button', { name: 'Xác nhận công bố' }).click();
    const done = page.locator('.publish-done');
    await done.waitFor();
    const shownSha = (await done.locator('code').textContent())!;
    expect(shownSha).toMatch(/^[0-9a-f]{64}$/);
    await page.locator(`.publication-list li`).first().waitFor();
    expect(await page.locator('.publication-list li').first().locator('code').textContent()).toBe(shownSha);
    await shoot(page, 'staff-reports-1280');

    // The public board lists the month with its link and the SHA-256 of the very bytes it serves.
    const board = await ctx.newPage();
    await board.goto(`${server.url}/board/${server.demo.unitCode}`);
    const item = board.locator('li[data-publication]', { hasText: month.label });
    await item.waitFor();
    expect(await item.getAttribute('data-sha256')).toBe(shownSha);
    expect(await item.locator('code').textContent()).toBe(shownSha);
    const href = (await item.locator('a').getAttribute('href'))!;
    const pdf = await fetch(new URL(href, server.url));
    expect(pdf.status).toBe(200);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('%PDF');
    expect(sha256(bytes)).toBe(shownSha);
    await board.screenshot({ path: `${SHOTS}/board-published-1280.png`, fullPage: true });

    // Publishing the same month again is refused with the server's words.
    const again = await fetch(`${server.url}/api/units/${server.demo.unitId}/publications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerkToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ period: month.key }),
    });
    expect(again.status).toBe(409);

    // The print rendering as a real A4 PDF, for a look at its pages.
    await page.emulateMedia({ media: 'print' });
    writeFileSync(`${SHOTS}/staff-reports-print.pdf`, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    await page.emulateMedia({ media: 'screen' });
    await ctx.close();
  });

  it('the Reports screen on a phone: the calendar, the publication and the report read at 360 px', async () => {
    const ctx = await browser.newContext(SIZES.phone);
    const page = await signIn(ctx);
    await openTab(page, 'Báo cáo', 'Báo cáo kết quả');
    await page.locator('.report-view').waitFor();
    await page.locator('.calendar-list li').first().waitFor();
    await page.locator('.publish-done').waitFor(); // this month was published above
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.querySelector('.staff-main')!.scrollWidth)).toBeLessThanOrEqual(360);
    await shoot(page, 'staff-reports-360');
    await ctx.close();
  });

  it('dossier counts: typed per field, imported from a file (a bad file lists its lines and stores nothing), at both sizes', async () => {
    for (const [size, opts] of [
      ['1280', SIZES.desktop],
      ['360', SIZES.phone],
    ] as const) {
      const ctx = await browser.newContext(opts);
      const page = await signIn(ctx);
      await openTab(page, 'Số hồ sơ', 'Số hồ sơ và số phiếu');
      const rows = page.locator('.coverage-table tbody tr');
      await rows.first().waitFor();
      if (size === '1280') {
        // Type the first field's count and save.
        const first = rows.first();
        const name = (await first.locator('th').textContent())!;
        await first.getByLabel(`Số hồ sơ: ${name}`).fill('40');
        await first.getByRole('button', { name: 'Lưu' }).click();
        await expect.poll(async () => page.locator('.coverage-table tbody tr').first().getByLabel(`Số hồ sơ: ${name}`).inputValue()).toBe('40');
        const cov = (await (await fetch(`${server.url}/api/units/${server.demo.unitId}/coverage?period=${month.key}`, { headers: { authorization: `Bearer ${clerkToken}` } })).json()) as {
          fields: { name: string; dossiers: number }[];
        };
        expect(cov.fields.find((f) => f.name === name)?.dossiers).toBe(40);

        // A file with a bad line: every problem by line, nothing stored.
        await page.getByLabel('Tệp số hồ sơ').setInputFiles({ name: 'so-ho-so.csv', mimeType: 'text/csv', buffer: Buffer.from(`lĩnh vực,kỳ,số hồ sơ\n${name},${month.key},55\nKhông có lĩnh vực này,${month.key},3\n`) });
        await page.getByRole('button', { name: 'Nhập tệp' }).click();
        const alert = page.locator('.import-error');
        await alert.waitFor();
        expect(await alert.locator('li').first().textContent()).toMatch(/^dòng 3: /);
        expect(await page.locator('.coverage-table tbody tr').first().getByLabel(`Số hồ sơ: ${name}`).inputValue()).toBe('40');
        await shoot(page, `staff-coverage-error-${size}`);

        await page.getByLabel('Tệp số hồ sơ').setInputFiles({ name: 'so-ho-so.csv', mimeType: 'text/csv', buffer: Buffer.from(`lĩnh vực,kỳ,số hồ sơ\n${name},${month.key},55\n,${month.key},90\n`) });
        await page.getByRole('button', { name: 'Nhập tệp' }).click();
        await page.locator('.import-ok').waitFor();
        await expect.poll(async () => page.locator('.coverage-table tbody tr').first().getByLabel(`Số hồ sơ: ${name}`).inputValue()).toBe('55');
      }
      await page.locator('.coverage-766').waitFor();
      expect(await page.evaluate(() => document.querySelector('.staff-main')!.scrollWidth)).toBeLessThanOrEqual(opts.viewport.width);
      await shoot(page, `staff-coverage-${size}`);
      if (size === '1280') {
        await page.emulateMedia({ media: 'print' });
        writeFileSync(`${SHOTS}/staff-coverage-print.pdf`, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        await page.emulateMedia({ media: 'screen' });
      }
      await ctx.close();
    }
  });

  it('every staff screen prints on A4 without the app chrome: no header, tabs, buttons or pickers', async () => {
    const ctx = await browser.newContext(SIZES.desktop);
    const page = await signIn(ctx);
    for (const [tab, heading, ready] of [
      ['Hôm nay', 'Kết quả trong ngày', '[data-stat="total"]'],
      ['Xu hướng', 'Xu hướng', 'canvas'],
      ['Góp ý', 'Góp ý và phản ánh tiêu cực', '.staff-empty, .comment-card, .alert-group'],
      ['Cảnh báo', 'Cảnh báo', '.staff-empty, .comment-card, .alert-group'],
      ['Báo cáo', 'Báo cáo kết quả', '.report-view'],
      ['Số hồ sơ', 'Số hồ sơ và số phiếu', '.coverage-table'],
    ] as const) {
      await openTab(page, tab, heading);
      await page.locator(ready).first().waitFor();
      await page.emulateMedia({ media: 'print' });
      for (const chrome of ['.staff-top', '.staff-tabs', '.staff-btn', '.period-picker', 'select']) {
        expect(`${tab} ${chrome}: ${await page.locator(chrome).evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length)}`).toBe(`${tab} ${chrome}: 0`);
      }
      expect(await page.locator('.staff-print-head').isVisible()).toBe(true);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      writeFileSync(`${SHOTS}/print-${tab.replace(/\s/g, '-')}.pdf`, pdf);
      // A4 in points: 594.96 × 841.92.
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 594\.\d+ 841\.\d+\]/);
      await page.emulateMedia({ media: 'screen' });
    }
    await ctx.close();
  });
});
