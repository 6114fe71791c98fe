import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { DESKTOP, launchChromium, PHONE } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { login, tallies } from './support/staff-api.ts';

const SHOTS = '/tmp/shots';
const QUESTION_COUNT = 5;

let server: ServerProcess;
let browser: Browser;
let staffToken: string;

/** The demo point's webLink, on the address the test server really listens on. */
function webLink(kind: 'counter' | 'desk', extra = ''): string {
  const link = new URL(kind === 'counter' ? server.demo.counterWebLink : server.demo.deskWebLink);
  expect(link.pathname).toBe('/app/');
  return `${server.url}${link.pathname}${link.search}${extra}`;
}

async function responsesToday(): Promise<number> {
  return (await tallies(server.url, staffToken, server.demo.unitId)).total.responses;
}

/** Counts the citizen's taps. */
function tapper(page: Page) {
  let taps = 0;
  return {
    async tap(selector: Parameters<Page['locator']>[0], name?: string) {
      const target = name ? page.locator(selector).getByRole('radio', { name, exact: true }) : page.locator(selector);
      await target.first().tap();
      taps += 1;
    },
    count: () => taps,
  };
}

async function openForm(ctx: BrowserContext, url: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor();
  return page;
}

async function rateAll(page: Page, label: string) {
  const t = tapper(page);
  for (const key of ['overall', 'access', 'attitude', 'responsibility', 'guidance']) await t.tap(`#q-${key}`, label);
  await t.tap('button.send-button');
  return t.count();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  staffToken = await login(server.url, server.demo.clerk.username, server.demo.clerk.password);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('the rating screen in a real browser', () => {
  it('goes from the web link to the thank-you screen in 6 taps at 360 × 740, and the tallies count it', async () => {
    const before = await responsesToday();
    const ctx = await browser.newContext(PHONE);
    const page = await openForm(ctx, webLink('counter'));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBeTruthy();
    expect(await page.getByRole('radio').count()).toBeGreaterThanOrEqual(QUESTION_COUNT * 5);
    // Targets are at least 48 px and the level labels at least 16 px.
    const box = await page.locator('.level-button').first().boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(48);
    expect(box!.height).toBeGreaterThanOrEqual(48);
    const fontSize = await page.locator('.level-label').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}/rate-360.png` });
    // The page scrolls inside zmp-ui's <Page>: a tall viewport shows the whole form at once.
    await page.setViewportSize({ width: 360, height: 3400 });
    await page.screenshot({ path: `${SHOTS}/rate-360-full.png` });
    await page.setViewportSize(PHONE.viewport);

    const taps = await rateAll(page, 'Hài lòng');
    expect(taps).toBeLessThanOrEqual(6);
    await page.getByRole('heading', { name: /^Cảm ơn/ }).waitFor();
    await page.locator('[data-delivery="sent"]').waitFor();
    await expect(page.locator('.thank-you-date').textContent()).resolves.toMatch(/^Ngày \d{2}\/\d{2}\/\d{4}$/);
    await page.screenshot({ path: `${SHOTS}/thank-you-360.png` });
    expect(await responsesToday()).toBe(before + 1);

    // The same phone again, soon after: a clear notice, sending still allowed.
    await page.reload();
    await page.getByRole('note').waitFor();
    await expect(page.getByRole('note').textContent()).resolves.toContain('đã gửi một phiếu đánh giá tại đây');
    await ctx.close();
  });

  it('keeps the response on the device while offline and sends it exactly once when the network returns', async () => {
    const before = await responsesToday();
    const ctx = await browser.newContext(PHONE);
    const page = await openForm(ctx, webLink('counter'));
    await ctx.setOffline(true);
    await rateAll(page, 'Không hài lòng');
    await page.locator('[data-delivery="queued"]').waitFor();
    await expect(page.locator('[data-delivery]').textContent()).resolves.toContain('Đã lưu trên máy, sẽ gửi khi có mạng');
    await page.screenshot({ path: `${SHOTS}/queued-360.png` });
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('hailong.outbox.v1') ?? '[]').length);
    expect(kept).toBe(1);
    expect(await responsesToday()).toBe(before);

    await ctx.setOffline(false);
    await page.locator('[data-delivery="sent"]').waitFor({ timeout: 40_000 });
    expect(await responsesToday()).toBe(before + 1);
    // Nothing left to send, and a reload (which flushes the outbox) adds nothing.
    await page.reload();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor();
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('hailong.outbox.v1') ?? '[]').length)).toBe(0);
    expect(await responsesToday()).toBe(before + 1);
    await ctx.close();
  });

  it('resets to a blank form for the next person in kiosk mode', async () => {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 1280 }, hasTouch: true });
    const page = await openForm(ctx, webLink('counter', '&kiosk=1'));
    await page.getByLabel('Góp ý thêm (không bắt buộc)').fill('Người trước viết góp ý này');
    await page.getByRole('radio', { name: 'Chứng thực' }).tap();
    await rateAll(page, 'Rất hài lòng');
    await page.getByRole('heading', { name: /^Cảm ơn/ }).waitFor();
    const shownAt = Date.now();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor({ timeout: 8000 });
    expect(Date.now() - shownAt).toBeLessThan(7000);
    expect(await page.locator('[aria-checked="true"]').count()).toBe(0);
    expect(await page.getByLabel('Góp ý thêm (không bắt buộc)').inputValue()).toBe('');
    expect(await page.getByText('Người trước viết góp ý này').count()).toBe(0);
    expect(await page.getByRole('note').count()).toBe(0);
    await ctx.close();
  });

  it('shows the desk officer and looks finished on a desktop screen (1366 × 768)', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await openForm(ctx, webLink('desk'));
    await expect(page.locator('.hero-officer').textContent()).resolves.toContain('Cán bộ tiếp nhận');
    await page.screenshot({ path: `${SHOTS}/rate-1366.png` });
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Còn 5 câu chưa chọn mức đánh giá.').waitFor();
    await page.screenshot({ path: `${SHOTS}/missing-1366.png` });
    await ctx.close();
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(webLink('counter'));
    await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor();
    const empty = await new AxeBuilder({ page }).analyze();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Còn 5 câu chưa chọn mức đánh giá.').waitFor();
    const withHints = await new AxeBuilder({ page }).analyze();
    const bad = [...empty.violations, ...withHints.violations]
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
    await ctx.close();
  });
});
