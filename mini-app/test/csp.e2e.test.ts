import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { DESKTOP, launchChromium, PHONE, watchCsp } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';

let server: ServerProcess;
let browser: Browser;
beforeAll(async () => {
  ensureBuilt();
  server = await startServerProcess();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('the Content-Security-Policy of /app/ (issue 23, item 6)', () => {
  it('is sent, strict on scripts, and blocks nothing the app needs: the citizen’s form, sent', async () => {
    const res = await fetch(`${server.url}/app/?q=${server.demo.counterToken}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");

    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const violations = await watchCsp(page);
    const prefetched = page.waitForRequest((r) => r.url().includes('/api/public/points/'));
    await page.goto(`${server.url}/app/?q=${server.demo.counterToken}`);
    await prefetched;
    for (const key of ['overall', 'access', 'attitude', 'responsibility', 'guidance']) await page.locator(`#q-${key}`).getByRole('radio', { name: 'Hài lòng', exact: true }).tap();
    await page.locator('button.send-button').tap();
    await page.getByText('Cảm ơn', { exact: false }).first().waitFor();
    // Nothing blocked, the hashed prefetch snippet of index.html included (it would be reported).
    expect(await violations()).toEqual([]);
    await ctx.close();
  });

  it('blocks nothing on the staff screens, charts included', async () => {
    const ctx = await browser.newContext(DESKTOP);
    const page = await ctx.newPage();
    const violations = await watchCsp(page);
    await page.goto(`${server.url}/app/#/staff/today`);
    await page.getByLabel('Tên đăng nhập').fill(server.demo.clerk.username);
    await page.getByLabel('Mật khẩu').fill(server.demo.clerk.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const nav = page.getByRole('navigation', { name: 'Các màn hình' });
    await nav.waitFor();
    for (const link of await nav.getByRole('link').all()) {
      await link.click();
      await page.waitForLoadState('networkidle');
    }
    expect(await violations()).toEqual([]);
    // The session is an HttpOnly cookie: no script of the page can read its token.
    const stored = (await page.evaluate("JSON.parse(localStorage.getItem('hailong.staff.session.v1'))")) as { token: unknown; username: string };
    expect(stored).toMatchObject({ token: null, username: server.demo.clerk.username });
    expect(await page.evaluate('document.cookie')).not.toContain('hl_staff');
    expect((await ctx.cookies()).find((c) => c.name === 'hl_staff')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
    await ctx.close();
  });
});
