import { mkdirSync } from 'node:fs';
import { CHANNEL_LABELS } from '@hai-long/backend/domain/channels';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { launchChromium } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { login, respond } from './support/staff-api.ts';
import { VI, seriousViolations } from './support/screens.ts';

const SHOTS = '/tmp/shots';
/** Short, so the test sees the countdown (its last 3 s) and the clearing without waiting 90 s. */
const IDLE_SECONDS = 6;
/** A 10" tablet in landscape on its stand at the counter. */
const TABLET = { viewport: { width: 1280, height: 800 }, hasTouch: true, ...VI } as const;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...VI } as const;
const DESKTOP = { viewport: { width: 1280, height: 800 }, ...VI } as const;
const COMMENT = 'Góp ý thêm (không bắt buộc)';
const QUESTIONS = ['overall', 'access', 'attitude', 'responsibility', 'guidance'];

let server: ServerProcess;
let browser: Browser;
let clerkToken: string;
let kioskLink: string;

interface Tallies {
  channel: string | null;
  total: { responses: number; channels?: Record<string, number> };
}

async function kioskTallies(channel?: string): Promise<Tallies> {
  const q = channel ? `?channel=${channel}` : '';
  const res = await fetch(`${server.url}/api/units/${server.demo.unitId}/tallies${q}`, { headers: { authorization: `Bearer ${clerkToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Tallies;
}

async function openKiosk(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(kioskLink);
  await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor();
  return page;
}

const checkedCount = (page: Page) => page.locator('[role="radio"][aria-checked="true"]').count();
const scrollTop = (page: Page) => page.evaluate(() => document.querySelector('.rate-page')?.scrollTop ?? -1);

/** One citizen's half-done form: the officer, two answers, a field, an issue and a comment. */
async function fillHalf(page: Page, comment: string) {
  await page.getByRole('radio', { name: /Nguyễn Thị Lan/ }).tap();
  await page.locator('#q-overall').getByRole('radio', { name: 'Rất không hài lòng', exact: true }).tap();
  await page.locator('#q-access').getByRole('radio', { name: 'Không hài lòng', exact: true }).tap();
  await page.getByRole('radio', { name: 'Chứng thực' }).tap();
  await page.getByLabel('Phải trả chi phí ngoài quy định').check();
  await page.getByLabel(COMMENT).fill(comment);
}

async function expectBlank(page: Page, comment: string) {
  expect(await checkedCount(page)).toBe(0);
  expect(await page.getByLabel(COMMENT).inputValue()).toBe('');
  expect(await page.getByLabel('Phải trả chi phí ngoài quy định').isChecked()).toBe(false);
  expect(await page.getByText(comment).count()).toBe(0);
  expect(await scrollTop(page)).toBe(0);
}

/** The viewport, then the whole screen (zmp-ui's Page scrolls inside it, so the viewport is made as tall as the content). */
async function shoot(page: Page, name: string, full = true) {
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  if (!full) return;
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.zaui-page')].map((p) => p.scrollHeight), 800));
  await page.setViewportSize({ width: size.width, height: Math.min(height, 6000) });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SHOTS}/${name}-full.png` });
  await page.setViewportSize(size);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess({ env: { KIOSK_IDLE_SECONDS: String(IDLE_SECONDS) } });
  browser = await launchChromium();
  clerkToken = await login(server.url, server.demo.clerk.username, server.demo.clerk.password);
  const res = await fetch(`${server.url}/api/admin/units/${server.demo.unitId}/points`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Kiosk quầy một cửa', kind: 'kiosk' }),
  });
  expect(res.status).toBe(201);
  const point = (await res.json()) as { kind: string; webLink: string };
  expect(point.kind).toBe('kiosk');
  const link = new URL(point.webLink);
  expect(link.searchParams.get('kiosk')).toBe('1');
  kioskLink = `${server.url}${link.pathname}${link.search}`;
  // Other channels' responses of the day, for the Today screen: two by web link, one from Zalo.
  const answers = { overall: 4, access: 4, attitude: 5, responsibility: 4, guidance: 4 };
  await respond(server.url, server.demo.counterToken, answers, { channel: 'web' });
  await respond(server.url, server.demo.counterToken, { ...answers, overall: 2 }, { channel: 'web' });
  await respond(server.url, server.demo.counterToken, answers, { channel: 'zalo' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('the kiosk at the counter in a real browser (1280 × 800 tablet)', () => {
  it('opens in kiosk mode with large text and targets, and has no serious accessibility violations', async () => {
    const ctx = await browser.newContext(TABLET);
    const page = await openKiosk(ctx);
    expect(await page.locator('.rate-page.is-kiosk').count()).toBe(1);
    const px = (selector: string, prop: 'fontSize' | 'height') =>
      page.locator(selector).first().evaluate((el, p) => (p === 'height' ? el.getBoundingClientRect().height : parseFloat(getComputedStyle(el).fontSize)), prop);
    expect(await px('.form-intro', 'fontSize')).toBeGreaterThanOrEqual(20);
    expect(await px('.level-label', 'fontSize')).toBeGreaterThanOrEqual(20);
    expect(await px('.level-button', 'height')).toBeGreaterThanOrEqual(64);
    expect(await px('.chip', 'height')).toBeGreaterThanOrEqual(64);
    expect(await px('.send-button', 'height')).toBeGreaterThanOrEqual(64);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await shoot(page, 'issue28-kiosk-form');
    expect(await seriousViolations(page)).toEqual([]);

    // Opened on a phone-sized screen all the same: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.querySelector('.rate-page')!.scrollWidth))).toBeLessThanOrEqual(360);
    await shoot(page, 'issue28-kiosk-360', false);
    await ctx.close();
  });

  it('counts down over a half-filled form left alone, "Tiếp tục" keeps it, and then it is cleared', async () => {
    const ctx = await browser.newContext(TABLET);
    const page = await openKiosk(ctx);
    const comment = 'Người thứ nhất viết góp ý này';
    await fillHalf(page, comment);
    expect(await checkedCount(page)).toBe(4);

    // Left alone: the countdown over the last 3 of the 6 s; "Tiếp tục" keeps everything and starts the timer again.
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ timeout: IDLE_SECONDS * 1000 });
    expect(await dialog.textContent()).toMatch(/Phiếu sẽ được xóa sau [1-3] giây để người sau dùng\./);
    await page.getByRole('button', { name: 'Tiếp tục' }).tap();
    await dialog.waitFor({ state: 'detached' });
    expect(await checkedCount(page)).toBe(4);
    expect(await page.getByLabel(COMMENT).inputValue()).toBe(comment);
    expect(await page.getByLabel('Phải trả chi phí ngoài quy định').isChecked()).toBe(true);

    // Left alone again, scrolled half-way down: the countdown, then a blank form at the top.
    await page.evaluate(() => document.querySelector('.rate-page')!.scrollTo(0, 600));
    expect(await scrollTop(page)).toBeGreaterThan(0);
    await dialog.waitFor({ timeout: IDLE_SECONDS * 1000 });
    await shoot(page, 'issue28-kiosk-countdown', false);
    await dialog.waitFor({ state: 'detached', timeout: 5000 });
    await expectBlank(page, comment);
    await shoot(page, 'issue28-kiosk-cleared', false);
    await ctx.close();
  });

  it('counts down the last 15 s of the default 90 s on a kiosk=1 link, without serious accessibility violations', async () => {
    const ctx = await browser.newContext(TABLET);
    const page = await ctx.newPage();
    // The page's clock runs as usual; it jumps over the first 78 s of the idle time.
    await page.clock.install();
    const counter = new URL(server.demo.counterWebLink);
    await page.goto(`${server.url}${counter.pathname}${counter.search}&kiosk=1`);
    await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor();
    expect(await page.locator('.rate-page.is-kiosk').count()).toBe(1);
    await fillHalf(page, 'Góp ý chưa xong');
    await page.clock.fastForward(70_000);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.clock.fastForward(8_000);
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Phiếu sẽ được xóa sau 1[0-2] giây để người sau dùng\./);
    await shoot(page, 'issue28-kiosk-countdown-90s', false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tiếp tục' }).tap();
    await dialog.waitFor({ state: 'detached' });
    expect(await checkedCount(page)).toBe(4);
    await ctx.close();
  });

  it('gives two citizens in a row nothing of each other, and stores both with channel kiosk', async () => {
    const before = (await kioskTallies('kiosk')).total.responses;
    const ctx = await browser.newContext(TABLET);
    const page = await openKiosk(ctx);

    const first = 'Cán bộ hướng dẫn rất tận tình (người thứ nhất)';
    await fillHalf(page, first);
    for (const key of QUESTIONS.slice(2)) await page.locator(`#q-${key}`).getByRole('radio', { name: 'Hài lòng', exact: true }).tap();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).tap();
    await page.getByRole('heading', { name: /^Cảm ơn/ }).waitFor();
    await page.locator('[data-delivery="sent"]').waitFor();
    await shoot(page, 'issue28-kiosk-thank-you', false);

    // The thank-you screen gives way to a blank form by itself.
    await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor({ timeout: 8000 });
    await expectBlank(page, first);
    expect(await page.getByRole('radio', { name: /Nguyễn Thị Lan/ }).getAttribute('aria-checked')).toBe('false');
    expect(await page.getByRole('radio', { name: 'Chứng thực' }).getAttribute('aria-checked')).toBe('false');

    for (const key of QUESTIONS) await page.locator(`#q-${key}`).getByRole('radio', { name: 'Rất hài lòng', exact: true }).tap();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).tap();
    await page.locator('[data-delivery="sent"]').waitFor();

    const kiosk = await kioskTallies('kiosk');
    expect(kiosk.channel).toBe('kiosk');
    expect(kiosk.total.responses).toBe(before + 2);
    const all = await kioskTallies();
    expect(all.channel).toBeNull();
    expect(all.total.channels?.['kiosk']).toBe(before + 2);
    expect(all.total.channels?.['web']).toBe(2);
    expect(all.total.channels?.['zalo']).toBe(1);
    await ctx.close();
  });

  it('keeps forms on the tablet while offline, says how many wait, and sends them when the network returns', async () => {
    const before = (await kioskTallies('kiosk')).total.responses;
    const ctx = await browser.newContext(TABLET);
    const page = await openKiosk(ctx);
    await ctx.setOffline(true);
    for (const key of QUESTIONS) await page.locator(`#q-${key}`).getByRole('radio', { name: 'Bình thường', exact: true }).tap();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).tap();
    await page.locator('[data-delivery="queued"]').waitFor();
    await page.getByText('1 phiếu đang chờ gửi').waitFor();
    // Back to a blank form for the next person, the indicator still there.
    await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor({ timeout: 8000 });
    expect(await checkedCount(page)).toBe(0);
    await page.getByText('1 phiếu đang chờ gửi').waitFor();
    await shoot(page, 'issue28-kiosk-offline', false);
    expect(await seriousViolations(page)).toEqual([]);

    await ctx.setOffline(false);
    await page.getByText(/phiếu đang chờ gửi/).waitFor({ state: 'detached', timeout: 40_000 });
    expect((await kioskTallies('kiosk')).total.responses).toBe(before + 1);
    await ctx.close();
  });
});

describe('the Today screen by channel', () => {
  async function signIn(ctx: BrowserContext): Promise<Page> {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/app/#/staff/today`);
    await page.getByLabel('Tên đăng nhập').fill(server.demo.clerk.username);
    await page.getByLabel('Mật khẩu').fill(server.demo.clerk.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kết quả trong ngày' }).waitFor();
    return page;
  }

  it('shows the responses per channel and filters the figures by channel, at 360 × 740 and 1280 × 800', async () => {
    const all = await kioskTallies();
    const kiosk = await kioskTallies('kiosk');
    for (const [size, opts] of [
      ['360', PHONE],
      ['1280', DESKTOP],
    ] as const) {
      const ctx = await browser.newContext(opts);
      const page = await signIn(ctx);
      const group = page.getByRole('group', { name: 'Kênh tiếp nhận' });
      const chip = (label: string) => group.getByRole('button', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) });
      await chip(CHANNEL_LABELS.kiosk).locator('.channel-chip-count').waitFor();
      const total = page.locator('[data-stat="total"] .stat-value');
      expect(await total.textContent()).toBe(String(all.total.responses));
      for (const [channel, label] of Object.entries(CHANNEL_LABELS)) {
        expect(await chip(label).locator('.channel-chip-count').textContent()).toBe(String(all.total.channels?.[channel] ?? 0));
      }

      await chip(CHANNEL_LABELS.kiosk).click();
      await page.getByText(`Số liệu dưới đây chỉ tính phiếu qua kênh “${CHANNEL_LABELS.kiosk}”.`).waitFor();
      await page.waitForFunction((n) => document.querySelector('[data-stat="total"] .stat-value')?.textContent === n, String(kiosk.total.responses));
      expect(await chip(CHANNEL_LABELS.kiosk).getAttribute('aria-pressed')).toBe('true');
      await shoot(page, `issue28-today-${size}`);
      expect(await seriousViolations(page)).toEqual([]);

      await chip('Tất cả kênh').click();
      await page.waitForFunction((n) => document.querySelector('[data-stat="total"] .stat-value')?.textContent === n, String(all.total.responses));
      await ctx.close();
    }
  }, 120_000);
});
