import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Vietnamese, in Vietnam's time zone: what a browser in a commune shows. */
export const VI = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;

/** A staff screen by its tab, waited for by its heading. */
export async function openTab(page: Page, name: string, heading: string) {
  await (await tabLink(page, name)).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** A screen's tab; on a phone, behind "Thêm" unless it is one of the three the bar keeps. */
export async function tabLink(page: Page, name: string) {
  const nav = page.getByRole('navigation', { name: 'Các màn hình' });
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await nav.locator('.staff-tab-more').click();
  return link;
}

/** axe-core's serious and critical findings on the page as it is, one line each (`where` names the state). */
export async function seriousViolations(page: Page, where = ''): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where ? `${where}: ` : ''}${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Nothing of the staff screen wider than the viewport (else: what sticks out). */
export async function fitsWidth(page: Page, width: number) {
  const out = await page.evaluate((w) => {
    const main = document.querySelector('.staff-main')!;
    if (main.scrollWidth <= w) return [];
    return [...main.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > w + 0.5)
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)}`);
  }, width);
  expect(out).toEqual([]);
}

/**
 * Screenshots of a staff or citizen screen, to look at: `<file>.png` (the viewport, from the
 * screen's top unless told), `<file>-full.png` (the whole screen: the zmp-ui Page scrolls inside,
 * so Playwright's fullPage cannot) and, if asked, `<file>-print.png` (the print rendering).
 */
export async function shootScreen(page: Page, file: string, { top = true, print = false } = {}) {
  if (top) {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      for (const e of document.querySelectorAll('*')) if (e.scrollTop > 0) e.scrollTop = 0;
    });
  }
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${file}.png` });
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.querySelector('.zaui-page')?.scrollHeight ?? 2400);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 8000) });
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${file}-full.png` });
  await page.setViewportSize(size);
  if (!print) return;
  await page.emulateMedia({ media: 'print' });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${file}-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
}
