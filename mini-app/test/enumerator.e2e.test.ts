import { mkdirSync } from 'node:fs';
import { addDays, vietnamDay } from '@hai-long/backend/domain/day';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { launchChromium } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { VI, fitsWidth, openTab, seriousViolations, shootScreen } from './support/screens.ts';

/*
 * Issue 29 in a real browser against the real server process: an enumerator signs in on a
 * phone, downloads the day, loses the network, interviews 4 people from the official list,
 * marks one refused and interviews the reserve offered in their place, reloads the page while
 * still offline, and syncs when the network returns: the server holds exactly 5 enumerator
 * responses, and the same ops sent again add nothing. Then a clerk reads the progress.
 */
const SHOTS = '/tmp/shots/enumerator-app';
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...VI } as const;
const WIDE = { viewport: { width: 1280, height: 800 }, ...VI } as const;

const OFFICIAL = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em'];
const RESERVE = ['Vũ Thị Giang', 'Đặng Văn Hải'];
const ENUMERATOR = { username: 'dtv-buudien', password: 'dieu-tra-vien-2026' };
const CAMPAIGN = 'Khảo sát sự hài lòng 2026 (thử)';

let server: ServerProcess;
let browser: Browser;
let campaignId: string;
const today = vietnamDay(new Date());

async function api<T>(path: string, init: RequestInit = {}, token = server.adminToken): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

interface Progress {
  total: { official: number; done: number; missing: number; reserveUsed: number };
  units: { rows: { done: number; officialDone: number; reserveUsed: number; refused: number; missing: number }[] }[];
}
const progress = async () => (await api<Progress>(`/api/campaigns/${campaignId}/progress`)).body;
const enumeratorResponses = async () =>
  (await api<{ total: { responses: number } }>(`/api/units/${server.demo.unitId}/tallies?from=${today}&to=${today}&form=counter&channel=enumerator`)).body.total.responses;

/** The campaign, its list of 5 official + 2 reserve, an enumerator assigned to the demo commune: all over HTTP. */
async function seed() {
  const unitId = server.demo.unitId;
  const created = await api<{ id: string }>(`/api/units/${unitId}/campaigns`, {
    method: 'POST',
    body: JSON.stringify({
      name: CAMPAIGN,
      formKey: 'counter',
      opensOn: addDays(today, -1),
      closesOn: addDays(today, 7),
      unitIds: [unitId],
      fields: [{ key: 'tu_phap', name: 'Tư pháp – Hộ tịch' }],
      quotas: [{ unitId, fieldKey: 'tu_phap', respondentKind: 'citizen', official: 5, reserve: 2 }],
    }),
  });
  expect(created.status).toBe(201);
  campaignId = created.body.id;
  const rows = [
    ...OFFICIAL.map((name, i) => `official,${i + 1},${name},09120000${i + 1}0,Thôn ${i + 1},tu_phap,citizen,`),
    ...RESERVE.map((name, i) => `reserve,${i + 1},${name},09130000${i + 1}0,Thôn ${i + 6},tu_phap,citizen,`),
  ];
  const list = await api(`/api/campaigns/${campaignId}/units/${unitId}/respondents`, {
    method: 'PUT',
    headers: { 'content-type': 'text/csv' },
    body: ['list,order,name,phone,address,field,kind,note', ...rows].join('\n') + '\n',
  });
  expect(list.status).toBe(200);
  const staff = await api<{ id: string }>(`/api/admin/units/${unitId}/staff`, { method: 'POST', body: JSON.stringify({ ...ENUMERATOR, role: 'enumerator' }) });
  expect(staff.status).toBe(201);
  const assigned = await api(`/api/campaigns/${campaignId}/assignments`, { method: 'POST', body: JSON.stringify({ staffId: staff.body.id, unitIds: [unitId] }) });
  expect(assigned.status).toBe(201);
}

/**
 * Inside Zalo the Mini App's files are on the phone; a browser tab has no such copy. The app's
 * files are kept as they are first fetched and served from here while the context is offline,
 * so a reload with no network behaves as the Mini App does. The API is never served from here.
 */
async function keepAppFiles(ctx: BrowserContext): Promise<(offline: boolean) => Promise<void>> {
  const kept = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();
  let offline = false;
  await ctx.route(
    (url) => url.pathname.startsWith('/app/'),
    async (route) => {
      const url = route.request().url().split('#')[0]!;
      if (offline) {
        const hit = kept.get(url);
        return hit ? route.fulfill(hit) : route.abort('internetdisconnected');
      }
      const res = await route.fetch();
      const body = await res.body();
      if (res.status() === 200) kept.set(url, { status: 200, headers: res.headers(), body });
      return route.fulfill({ response: res, body });
    },
  );
  return async (value) => {
    offline = value;
    await ctx.setOffline(value);
  };
}

const shoot = (page: Page, name: string, opts: { top?: boolean } = {}) => shootScreen(page, `${SHOTS}/${name}`, opts);

async function signIn(ctx: BrowserContext, who: { username: string; password: string }, screen: string): Promise<Page> {
  // Two cores shared with other suites: a slow first paint is not a failure.
  ctx.setDefaultTimeout(60_000);
  const page = await ctx.newPage();
  page.on('dialog', () => {
    throw new Error('a dialog opened');
  });
  await page.goto(`${server.url}/app/#/staff/${screen}`);
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Các màn hình' }).waitFor();
  return page;
}

const row = (page: Page, name: string) => page.locator('[data-entry]', { hasText: name });
const unsent = (page: Page) => page.locator('.enum-unsent');

/** One interview from the list: "Phỏng vấn", a level for every question, "Lưu phiếu", back on the list. */
async function interview(page: Page, name: string, level: string, shot?: string) {
  const open = row(page, name).getByRole('link', { name: 'Phỏng vấn' });
  await open.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  const questions = page.locator('section.question');
  const n = await questions.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await questions.nth(i).getByRole('radio', { name: level, exact: true }).tap();
  if (shot) {
    await fitsWidth(page, 360);
    await shoot(page, shot);
  }
  await page.getByRole('button', { name: 'Lưu phiếu' }).tap();
  await page.getByText(`Đã lưu phiếu của ${name} trên máy.`).waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  browser = await launchChromium();
  await seed();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe("the enumerator's offline day", () => {
  it('downloads the day, works offline through a reload, and syncs exactly once when the network returns', async () => {
    const bad: string[] = [];
    const ctx = await browser.newContext(PHONE);
    const setOffline = await keepAppFiles(ctx);
    const page = await signIn(ctx, ENUMERATOR, 'today');

    // Only the enumerator's screens; the campaign assigned to them.
    await page.getByRole('heading', { level: 1, name: 'Khảo sát hôm nay' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Các màn hình' }).getByRole('link').allTextContents()).toEqual(['Khảo sát hôm nay']);
    await page.getByRole('heading', { level: 2, name: CAMPAIGN }).waitFor();
    await fitsWidth(page, 360);
    await shoot(page, 'assignments-360');
    bad.push(...(await seriousViolations(page, 'assignments')));

    await page.getByRole('button', { name: 'Tải danh sách về máy' }).tap();
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    expect(await row(page, OFFICIAL[0]!).textContent()).toContain('Người tiếp theo');
    expect(await row(page, RESERVE[0]!).count()).toBe(0);
    await fitsWidth(page, 360);
    await shoot(page, 'list-360');
    bad.push(...(await seriousViolations(page, 'list')));

    // No network from here on.
    await setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await interview(page, OFFICIAL[0]!, 'Hài lòng', 'interview-360');
    await interview(page, OFFICIAL[1]!, 'Rất hài lòng');
    expect(await unsent(page).textContent()).toBe('2 phiếu chưa gửi');
    expect(await row(page, OFFICIAL[2]!).textContent()).toContain('Người tiếp theo');

    // The third refuses: asked first, then the first reserve entry is offered, and interviewed.
    await row(page, OFFICIAL[2]!).getByRole('button', { name: 'Từ chối' }).tap();
    await row(page, OFFICIAL[2]!).getByRole('button', { name: 'Có, ghi từ chối' }).tap();
    await page.getByText(`Người dự phòng tiếp theo: ${RESERVE[0]}`).waitFor();
    await fitsWidth(page, 360);
    await shoot(page, 'reserve-offered-360');
    bad.push(...(await seriousViolations(page, 'reserve offered')));
    await page.getByRole('link', { name: `Phỏng vấn ${RESERVE[0]}` }).tap();
    await page.getByRole('heading', { level: 1, name: RESERVE[0]! }).waitFor();
    bad.push(...(await seriousViolations(page, 'interview')));
    await page.getByRole('link', { name: 'Huỷ' }).tap();
    await interview(page, RESERVE[0]!, 'Bình thường');
    await interview(page, OFFICIAL[3]!, 'Hài lòng');
    await interview(page, OFFICIAL[4]!, 'Không hài lòng');
    expect(await unsent(page).textContent()).toBe('5 phiếu chưa gửi · 1 thay đổi danh sách chưa gửi');
    expect(await page.locator('.enum-group').getByText('Đã phỏng vấn 5/5').count()).toBe(1);
    await fitsWidth(page, 360);
    await shoot(page, 'unsent-360');
    bad.push(...(await seriousViolations(page, 'unsent')));
    expect(await enumeratorResponses()).toBe(0);

    // A reload with no network: the ops are still on the phone.
    const key = `hailong.enumerator.v1.${ENUMERATOR.username}.campaign.${campaignId}`;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    expect(await unsent(page).textContent()).toBe('5 phiếu chưa gửi · 1 thay đổi danh sách chưa gửi');
    const kept = (await page.evaluate((k) => localStorage.getItem(k), key))!;
    const ops = (JSON.parse(kept) as { ops: { op: { opId: string; kind: string } }[] }).ops.map((s) => s.op);
    expect(ops.map((o) => o.kind)).toEqual(['response', 'response', 'refused', 'response', 'response', 'response']);
    for (const name of [...OFFICIAL, ...RESERVE]) expect(kept.split('"ops"')[1]).not.toContain(name);
    await shoot(page, 'reloaded-offline-360');

    // The network returns: the ops go by themselves.
    await setOffline(false);
    await page.getByText('Đã gửi hết dữ liệu').waitFor({ timeout: 30_000 });
    expect(await enumeratorResponses()).toBe(5);
    let p = await progress();
    expect(p.total).toEqual({ official: 5, done: 5, missing: 0, reserveUsed: 1 });
    expect(p.units[0]!.rows[0]).toMatchObject({ done: 5, officialDone: 4, reserveUsed: 1, refused: 1, missing: 0 });
    await shoot(page, 'synced-360');

    // The same ops again (as if the answer had been lost on the way): nothing is stored twice.
    await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [key, kept]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    await page.getByText('Đã gửi hết dữ liệu').waitFor({ timeout: 30_000 });
    expect(await enumeratorResponses()).toBe(5);
    p = await progress();
    expect(p.total.done).toBe(5);
    await ctx.close();
    expect(bad).toEqual([]);
  }, 240_000);

  it('the assignments and the list at 1280 px', async () => {
    const ctx = await browser.newContext(WIDE);
    const page = await signIn(ctx, ENUMERATOR, 'enumerator');
    await page.getByRole('heading', { level: 2, name: CAMPAIGN }).waitFor();
    await shoot(page, 'assignments-1280');
    await page.getByRole('button', { name: 'Mở danh sách' }).or(page.getByRole('button', { name: 'Tải danh sách về máy' })).first().click();
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    await fitsWidth(page, 1280);
    await shoot(page, 'list-1280');
    expect(await seriousViolations(page, 'list 1280')).toEqual([]);
    await ctx.close();
  }, 120_000);

  it("a clerk reads the campaign's progress: a table at 1280 px, cards at 360 px", async () => {
    const bad: string[] = [];
    for (const [size, opts] of [
      ['1280', WIDE],
      ['360', PHONE],
    ] as const) {
      const ctx = await browser.newContext(opts);
      const page = await signIn(ctx, server.demo.clerk, 'today');
      await openTab(page, 'Đợt khảo sát', 'Đợt khảo sát');
      await page.getByRole('heading', { level: 2, name: CAMPAIGN }).waitFor();
      const table = page.getByRole('table', { name: 'Tiến độ theo đơn vị, lĩnh vực và đối tượng' });
      const total = table.locator('tfoot tr');
      expect(await total.locator('th, td').allTextContents()).toEqual(['Tổng cộng', '5', '5', '1/2', '0', '1', '0']);
      await fitsWidth(page, Number(size));
      await shoot(page, `progress-${size}`);
      bad.push(...(await seriousViolations(page, `progress ${size}`)));
      await ctx.close();
    }
    expect(bad).toEqual([]);
  }, 120_000);
});
