import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DESKTOP, launchChromium, PHONE } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { login } from './support/staff-api.ts';

const SHOTS = '/tmp/shots';
let server: ServerProcess;
let browser: Browser;
let clerk: string;
let unitB: string;
let district: string;

interface Tallies {
  from: string;
  to: string;
  total: { responses: number; levels: Record<string, number>; satisfiedShare: number | null };
}

async function call(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

async function tallies(from: string, to: string): Promise<Tallies> {
  return (await (await call('GET', `/api/units/${server.demo.unitId}/tallies?from=${from}&to=${to}`, clerk)).json()) as Tallies;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/app/#/staff/today`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Các màn hình' }).waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  browser = await launchChromium();
  clerk = await login(server.url, server.demo.clerk.username, server.demo.clerk.password);
  const point = (await (await fetch(`${server.url}/api/public/points/${server.demo.counterToken}`)).json()) as { officers: { id: string }[] };
  for (const [i, overall] of [5, 5, 4, 3, 2, 1, 5].entries()) {
    const res = await fetch(`${server.url}/api/public/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.demo.counterToken, clientId: crypto.randomUUID(), officerId: point.officers[i % 3]!.id, answers: { overall, access: 4, attitude: 5, responsibility: 3, guidance: overall } }),
    });
    expect(res.status).toBe(201);
  }
  // A district with one commune under it, its chairman and a district supervisor; the demo unit is outside it.
  const admin = server.adminToken;
  district = ((await (await call('POST', '/api/admin/units', admin, { code: 'huyen-demo', name: 'UBND huyện Demo', kind: 'district' })).json()) as { id: string }).id;
  unitB = ((await (await call('POST', '/api/admin/units', admin, { code: 'xa-b', name: 'UBND xã Bình An', kind: 'commune', parentCode: 'huyen-demo' })).json()) as { id: string }).id;
  expect((await call('POST', `/api/admin/units/${unitB}/staff`, admin, { username: 'chutich-b', password: 'ChuTichB@2024', role: 'chairman' })).status).toBe(201);
  expect((await call('POST', `/api/admin/units/${district}/staff`, admin, { username: 'noivu', password: 'NoiVu@2024', role: 'supervisor' })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('the public board', () => {
  it('shows the same numbers as the tallies API for this month and this year, without officer names', async () => {
    for (const [size, opts] of [['360', PHONE], ['1366', DESKTOP]] as const) {
      const ctx = await browser.newContext(opts);
      const page = await ctx.newPage();
      const res = await page.goto(`${server.url}/board/${server.demo.unitCode}`);
      expect(res!.status()).toBe(200);
      expect(res!.headers()['x-frame-options']).toBeUndefined();
      for (const period of ['month', 'year']) {
        const card = page.locator(`[data-period="${period}"]`);
        const from = (await card.getAttribute('data-from'))!;
        const to = (await card.getAttribute('data-to'))!;
        const t = await tallies(from, to);
        expect(Number(await card.getAttribute('data-responses'))).toBe(t.total.responses);
        for (const level of ['1', '2', '3', '4', '5']) expect(Number(await card.locator(`[data-level="${level}"]`).getAttribute('data-count'))).toBe(t.total.levels[level]);
        const shown = await card.locator('.big').textContent();
        expect(shown).toBe(new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(t.total.satisfiedShare!));
      }
      const text = (await page.textContent('body'))!;
      for (const name of ['Nguyễn Thị Lan', 'Trần Văn Hùng', 'Lê Thị Mai']) expect(text).not.toContain(name);
      expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
      await page.screenshot({ path: `${SHOTS}/staff-board-${size}.png` });
      await ctx.close();
    }
  });

  it('shows officer names once the unit enables them, and can be framed by a commune website', async () => {
    expect((await call('PATCH', `/api/admin/units/${server.demo.unitId}`, server.adminToken, { showOfficerNames: true })).status).toBe(200);
    // Chromium's local-network checks would block any public page from framing 127.0.0.1 before our
    // headers are read; switched off here so that the board's own frame policy is what is tested.
    const framing = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'] });
    const ctx = await framing.newContext(DESKTOP);
    const page = await ctx.newPage();
    // A page from another origin embedding the board (the commune website's iframe).
    // Another origin (localhost vs 127.0.0.1): Chromium's local-network checks forbid a public host here.
    const site = `${server.url.replace('127.0.0.1', 'localhost')}/cong-thong-tin-xa`;
    await page.route(site, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><meta charset="utf-8"><h1>Cổng thông tin xã</h1><iframe title="Kết quả" src="${server.url}/board/${server.demo.unitCode}" width="1200" height="620"></iframe>` }),
    );
    await page.goto(site);
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-period="month"]').waitFor();
    expect(await frame.locator('table.officers').first().textContent()).toContain('Nguyễn Thị Lan');
    await page.screenshot({ path: `${SHOTS}/staff-board-iframe-1366.png` });
    await framing.close();
    await call('PATCH', `/api/admin/units/${server.demo.unitId}`, server.adminToken, { showOfficerNames: false });
  });
});

describe('who sees which unit', () => {
  it('a chairman of unit B cannot see the demo unit in the screens nor in any staff endpoint (403)', async () => {
    const token = await login(server.url, 'chutich-b', 'ChuTichB@2024');
    const a = server.demo.unitId;
    const endpoints: [string, string, unknown?][] = [
      ['GET', `/api/units/${a}/tallies`],
      ['GET', `/api/units/${a}/trends`],
      ['GET', `/api/units/${a}/comments`],
      ['POST', `/api/units/${a}/comments/x/notes`, { handled: true }],
      ['GET', `/api/units/${a}/alerts`],
      ['POST', `/api/units/${a}/alerts/x/ack`, {}],
      ['GET', `/api/units/${a}/report?format=csv`],
    ];
    for (const [method, path, body] of endpoints) {
      const res = await call(method, path, token, body);
      expect(`${method} ${path} → ${res.status}`).toBe(`${method} ${path} → 403`);
    }
    const units = ((await (await call('GET', '/api/units', token)).json()) as { units: { id: string }[] }).units.map((u) => u.id);
    expect(units).toEqual([unitB]);

    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await signIn(page, 'chutich-b', 'ChuTichB@2024');
    await page.locator('[data-stat="total"]').waitFor();
    expect(await page.locator('.staff-unit-name').textContent()).toBe('UBND xã Bình An');
    expect(await page.locator('.staff-unit-pick').count()).toBe(0);
    expect(await page.textContent('body')).not.toContain('Nam Dong');
    await ctx.close();
  });

  it('a supervisor sees exactly the units under them', async () => {
    const token = await login(server.url, 'noivu', 'NoiVu@2024');
    const units = ((await (await call('GET', '/api/units', token)).json()) as { units: { id: string }[] }).units.map((u) => u.id).sort();
    expect(units).toEqual([district, unitB].sort());
    expect((await call('GET', `/api/units/${unitB}/tallies`, token)).status).toBe(200);
    expect((await call('GET', `/api/units/${server.demo.unitId}/tallies`, token)).status).toBe(403);

    const ctx = await browser.newContext(DESKTOP);
    const page = await ctx.newPage();
    await signIn(page, 'noivu', 'NoiVu@2024');
    const options = await page.locator('.staff-unit-pick option').allTextContents();
    expect(options.sort()).toEqual(['UBND huyện Demo', 'UBND xã Bình An']);
    await page.locator('.staff-unit-pick select').selectOption({ label: 'UBND xã Bình An' });
    await page.locator('[data-stat="total"]').waitFor();
    await page.screenshot({ path: `${SHOTS}/staff-supervisor-1366.png` });
    await ctx.close();
  });
});
