import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { launchChromium } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { respond } from './support/staff-api.ts';
import { VI, fitsWidth, openTab, seriousViolations, shootScreen } from './support/screens.ts';

/*
 * Issue 29 in a real browser against the real server process: a province of six units (communes,
 * a ward, a special zone) and its supervisor; one commune clearly worse. The supervisor opens the
 * comparison, sorts it by the dissatisfied share, drills down to that commune (its Today screen),
 * comes back to the same sorted table and downloads the XLSX: one row per unit.
 */
const SHOTS = '/tmp/shots/comparison-app';
const SIZES = {
  '360': { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...VI },
  '1280': { viewport: { width: 1280, height: 800 }, ...VI },
} as const;

const SUPERVISOR = { username: 'noivu-song-lam', password: 'GiamSat@2025' };
const PROVINCE = { code: 'tinh-song-lam', name: 'UBND tỉnh Sông Lam' };
/** Each unit: its kind, and how many of its responses are dissatisfied (level 1 or 2) out of how many. */
const UNITS = [
  { code: 'xa-an-phu', name: 'UBND xã An Phú', kind: 'commune', dissatisfied: 1, responses: 30 },
  { code: 'xa-dong-tien', name: 'UBND xã Đồng Tiến', kind: 'commune', dissatisfied: 18, responses: 30 },
  { code: 'phuong-hoa-binh', name: 'UBND phường Hòa Bình', kind: 'ward', dissatisfied: 3, responses: 25 },
  { code: 'dac-khu-hon-ngu', name: 'UBND đặc khu Hòn Ngư', kind: 'special_zone', dissatisfied: 1, responses: 4 },
  { code: 'xa-tan-lap', name: 'UBND xã Tân Lập', kind: 'commune', dissatisfied: 2, responses: 20 },
  { code: 'xa-nghia-dan', name: 'UBND xã Nghĩa Đàn', kind: 'commune', dissatisfied: 0, responses: 0 },
] as const;

let server: ServerProcess;
let browser: Browser;

async function admin<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/admin${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function signIn(ctx: BrowserContext, who: { username: string; password: string } = SUPERVISOR): Promise<Page> {
  const page = await ctx.newPage();
  page.on('dialog', () => {
    throw new Error('a dialog opened');
  });
  await page.goto(`${server.url}/app/#/staff/today`);
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Các màn hình' }).waitFor();
  return page;
}

const shoot = (page: Page, name: string, opts: { top?: boolean } = {}) => shootScreen(page, `${SHOTS}/${name}`, opts);

/** The units' names down the table, as shown. */
const tableOrder = (page: Page) => page.locator('.cmp-table tbody .cmp-open').allTextContents();

async function openComparison(page: Page) {
  await openTab(page, 'So sánh đơn vị', 'So sánh đơn vị');
  await page.getByRole('heading', { level: 2, name: 'Bảng so sánh' }).waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  browser = await launchChromium();
  const province = await admin<{ id: string }>('/units', { ...PROVINCE, kind: 'province' });
  await admin(`/units/${province.id}/staff`, { ...SUPERVISOR, role: 'supervisor' });
  for (const u of UNITS) {
    const unit = await admin<{ id: string }>('/units', { code: u.code, name: u.name, kind: u.kind, parentCode: PROVINCE.code });
    const point = await admin<{ token: string }>(`/units/${unit.id}/points`, { label: 'Quầy tiếp nhận và trả kết quả' });
    for (let i = 0; i < u.responses; i++) {
      const overall = i < u.dissatisfied ? 1 + (i % 2) : 4 + (i % 2);
      await respond(server.url, point.token, { overall, access: 4, attitude: overall, responsibility: 4, guidance: overall });
    }
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('the comparison of a province’s units', () => {
  it('the supervisor sorts by the dissatisfied share, drills down to the worst commune, comes back and downloads the XLSX', async () => {
    const bad: string[] = [];
    const ctx = await browser.newContext({ ...SIZES['1280'], acceptDownloads: true });
    const page = await signIn(ctx);
    await openComparison(page);
    expect(await page.locator('.cmp-root').textContent()).toBe(`Các đơn vị thuộc ${PROVINCE.name}`);
    // The tree order: every unit once, the worst marked as higher than the overall share.
    expect((await tableOrder(page)).sort()).toEqual(UNITS.map((u) => u.name).sort());
    const worst = page.locator('.cmp-table tr[data-unit-code="xa-dong-tien"]');
    expect(await worst.getAttribute('class')).toContain('cmp-higher');
    expect(await worst.locator('[data-col="outlier"]').textContent()).toMatch(/^Tỷ lệ không hài lòng cao hơn mức chung/);
    expect(await page.locator('.cmp-table tr[data-unit-code="dac-khu-hon-ngu"] .badge-small').textContent()).toBe('ít phiếu');
    expect(await page.locator('.cmp-note').textContent()).toMatch(/^Xếp hạng theo /);
    await page.locator('.cmp-funnel canvas').waitFor();
    await shoot(page, 'comparison-table-1280');
    bad.push(...(await seriousViolations(page, 'comparison 1280')));

    // Sort by the dissatisfied share: worst first, the unit without responses last.
    const header = page.getByRole('columnheader', { name: /^Không hài lòng/ });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await tableOrder(page)).toEqual(['UBND xã Đồng Tiến', 'UBND đặc khu Hòn Ngư', 'UBND phường Hòa Bình', 'UBND xã Tân Lập', 'UBND xã An Phú', 'UBND xã Nghĩa Đàn']);
    // Again, from the keyboard: ascending, the empty unit still last.
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await tableOrder(page)).toEqual(['UBND xã An Phú', 'UBND xã Tân Lập', 'UBND phường Hòa Bình', 'UBND đặc khu Hòn Ngư', 'UBND xã Đồng Tiến', 'UBND xã Nghĩa Đàn']);
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await page.locator('.cmp-funnel').scrollIntoViewIfNeeded();
    await shoot(page, 'comparison-funnel-1280', { top: false });

    // Drill down: the commune's Today screen, its figures, and the way back.
    await page.getByRole('button', { name: 'UBND xã Đồng Tiến' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kết quả trong ngày' }).waitFor();
    await expect.poll(() => page.locator('[data-stat="total"] .stat-value').textContent()).toBe('30');
    expect(await page.locator('.staff-unit-pick select option:checked').textContent()).toBe('UBND xã Đồng Tiến');
    const back = page.getByRole('region', { name: 'Mở từ bảng so sánh' });
    expect(await back.textContent()).toContain(`Đang xem UBND xã Đồng Tiến, mở từ bảng so sánh các đơn vị thuộc ${PROVINCE.name}.`);
    await shoot(page, 'comparison-drilldown-1280');
    bad.push(...(await seriousViolations(page, 'drill-down 1280')));
    // The way back stays on another screen of the commune (Reports).
    await openTab(page, 'Báo cáo', 'Báo cáo kết quả');
    await back.getByRole('button', { name: '← Quay lại bảng so sánh' }).click();
    await page.getByRole('heading', { level: 2, name: 'Bảng so sánh' }).waitFor();
    expect(await page.locator('.cmp-root').textContent()).toBe(`Các đơn vị thuộc ${PROVINCE.name}`);
    expect(await page.getByRole('columnheader', { name: /^Không hài lòng/ }).getAttribute('aria-sort')).toBe('descending');
    expect((await tableOrder(page))[0]).toBe('UBND xã Đồng Tiến');
    expect(await back.count()).toBe(0);

    // The XLSX: one row per unit, read back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Excel (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^so-sanh-don-vi_tinh-song-lam_.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const texts: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => texts.push((row.values as unknown[]).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('') : String(v)))));
    for (const u of UNITS) expect(texts.filter((r) => r.includes(u.name)), u.name).toHaveLength(1);
    await page.getByText(/^Đã tải: so-sanh-don-vi_/).waitFor();
    await ctx.close();
    expect(bad).toEqual([]);
  }, 180_000);

  it('on a phone: cards, the sort select, the funnel plot and the drill-down fit 360 px', async () => {
    const bad: string[] = [];
    const ctx = await browser.newContext(SIZES['360']);
    const page = await signIn(ctx);
    await openComparison(page);
    await page.locator('.cmp-funnel canvas').waitFor();
    await fitsWidth(page, 360);
    await shoot(page, 'comparison-table-360');
    bad.push(...(await seriousViolations(page, 'comparison 360')));
    await page.getByLabel('Sắp xếp theo').selectOption('dissatisfied');
    expect(await tableOrder(page)).toEqual(['UBND xã Đồng Tiến', 'UBND đặc khu Hòn Ngư', 'UBND phường Hòa Bình', 'UBND xã Tân Lập', 'UBND xã An Phú', 'UBND xã Nghĩa Đàn']);
    await page.locator('.cmp-table').scrollIntoViewIfNeeded();
    await fitsWidth(page, 360);
    await shoot(page, 'comparison-cards-360', { top: false });
    await page.locator('.cmp-funnel').scrollIntoViewIfNeeded();
    await shoot(page, 'comparison-funnel-360', { top: false });
    await page.getByRole('button', { name: 'UBND phường Hòa Bình' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kết quả trong ngày' }).waitFor();
    await expect.poll(() => page.locator('[data-stat="total"] .stat-value').textContent()).toBe('25');
    await fitsWidth(page, 360);
    await shoot(page, 'comparison-drilldown-360');
    bad.push(...(await seriousViolations(page, 'drill-down 360')));
    await ctx.close();
    expect(bad).toEqual([]);
  }, 120_000);

  it('a commune clerk has no comparison tab', async () => {
    const ctx = await browser.newContext(SIZES['1280']);
    const page = await signIn(ctx, server.demo.clerk);
    const nav = page.getByRole('navigation', { name: 'Các màn hình' });
    await nav.getByRole('link', { name: 'Hôm nay', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'So sánh đơn vị' }).count()).toBe(0);
    await ctx.close();
  }, 60_000);
});
