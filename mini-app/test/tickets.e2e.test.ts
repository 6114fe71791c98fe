import { mkdirSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { launchChromium, watchCsp } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { login } from './support/staff-api.ts';
import { VI, fitsWidth, openTab, seriousViolations, shootScreen } from './support/screens.ts';

/*
 * Issue 30 in a real browser against the real server process: the clerk issues a receipt ticket
 * for a typed dossier code at the desk's PC; a phone opens the ticket's web link, sees the officer
 * and field pre-set, rates and sends; the ticket then says it was rated, and a second phone that
 * had the form open is refused with the server's 409 words.
 */
const SHOTS = '/tmp/shots/tickets-app';
const SIZES = {
  '360': { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...VI },
  '1280': { viewport: { width: 1280, height: 800 }, ...VI },
} as const;
const QUESTIONS = ['overall', 'access', 'attitude', 'responsibility', 'guidance'];
const CODE = '000.00.12.H56-241125-0001';

interface Issued {
  token: string;
  deepLink: string;
  webLink: string;
  expiresAt: string;
  dossierCode: string;
  officer: { id: string; name: string } | null;
  field: { id: string; name: string } | null;
}
interface Named {
  id: string;
  name: string;
}

let server: ServerProcess;
let browser: Browser;
let clerkToken: string;
let point: { officers: Named[]; fields: Named[] };
/** What the Content-Security-Policy blocked on the last staff page signed in (the QR is drawn in the page). */
let cspViolations: () => Promise<string[]> = async () => [];

async function api<T>(path: string, init: RequestInit = {}, token = clerkToken): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
const officer = (name: string) => point.officers.find((o) => o.name === name)!;

async function signIn(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  page.on('dialog', () => {
    throw new Error('a dialog opened');
  });
  cspViolations = await watchCsp(page);
  await page.goto(`${server.url}/app/#/staff/today`);
  await page.getByLabel('Tên đăng nhập').fill(server.demo.clerk.username);
  await page.getByLabel('Mật khẩu').fill(server.demo.clerk.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Các màn hình' }).waitFor();
  await openTab(page, 'QR hồ sơ', 'Phiếu đánh giá theo hồ sơ');
  // The officers are listed once the unit's lists arrived.
  await page.getByLabel('Cán bộ tiếp nhận').locator('option', { hasText: 'Nguyễn Thị Lan' }).waitFor({ state: 'attached' });
  return page;
}

const shoot = (page: Page, name: string, opts: { print?: boolean } = {}) => shootScreen(page, `${SHOTS}/${name}`, opts);

/** Types a code as a barcode scanner does (keys, then Enter) and waits for the ticket the server issued. */
async function issueTyped(page: Page, code: string): Promise<Issued> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/tickets') && r.request().method() === 'POST');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  const res = await answered;
  expect(res.status()).toBe(201);
  const ticket = (await res.json()) as Issued;
  await page.getByRole('img', { name: `Mã QR đánh giá hồ sơ ${code}` }).waitFor();
  return ticket;
}

/** What the QR on the screen says, read from a screenshot of it as a phone camera would. */
async function decodeQr(page: Page): Promise<string | undefined> {
  const png = PNG.sync.read(await page.locator('.ticket-qr').screenshot());
  return jsQR(Uint8ClampedArray.from(png.data), png.width, png.height)?.data;
}

/** The ticket's web link on the address the test server listens on. */
function webLinkOf(t: Issued): string {
  const link = new URL(t.webLink);
  expect(link.pathname).toBe('/app/');
  return `${server.url}${link.pathname}${link.search}`;
}

async function openForm(ctx: BrowserContext, url: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor();
  return page;
}

async function rateAndSend(page: Page, label: string) {
  for (const key of QUESTIONS) await page.locator(`#q-${key}`).getByRole('radio', { name: label, exact: true }).tap();
  await page.locator('button.send-button').tap();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  browser = await launchChromium();
  clerkToken = await login(server.url, server.demo.clerk.username, server.demo.clerk.password);
  point = (await (await fetch(`${server.url}/api/public/points/${server.demo.counterToken}`)).json()) as typeof point;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('receipt tickets: issued at the desk, rated once on a phone', () => {
  let ticket: Issued;
  const field = () => point.fields[0]!;

  it('the clerk types a dossier code at the PC: the QR shows large and reads back as the ticket link', async () => {
    const bad: string[] = [];
    const ctx = await browser.newContext(SIZES['1280']);
    const page = await signIn(ctx);
    // The code is the first thing typed (or scanned): the focus is there already.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ticket-code');
    await shoot(page, 'tickets-empty-1280');
    bad.push(...(await seriousViolations(page, 'empty 1280')));

    await page.getByLabel('Cán bộ tiếp nhận').selectOption({ label: 'Nguyễn Thị Lan' });
    await page.getByLabel('Lĩnh vực').selectOption({ label: field().name });
    await page.getByLabel('Mã hồ sơ').focus();
    ticket = await issueTyped(page, CODE);
    expect(ticket).toMatchObject({ dossierCode: CODE, officer: { name: 'Nguyễn Thị Lan' }, field: { id: field().id } });

    const receipt = page.locator('.ticket-receipt');
    const facts = await receipt.locator('.ticket-facts > div').evaluateAll((rows) => rows.map((r) => `${r.querySelector('dt')?.textContent}: ${r.querySelector('dd')?.textContent}`));
    expect(facts.slice(0, 3)).toEqual([`Mã hồ sơ: ${CODE}`, 'Cán bộ tiếp nhận: Nguyễn Thị Lan', `Lĩnh vực: ${field().name}`]);
    expect(facts[3]).toMatch(/^Hạn đánh giá: \d\d:\d\d, \d\d\/\d\d\/\d{4}$/);
    // Large on the clerk's screen, and what a camera reads is the ticket's link.
    const box = (await page.locator('.ticket-qr').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(300);
    expect(await decodeQr(page)).toBe(ticket.deepLink);
    expect(new URL(ticket.deepLink).searchParams.get('q')).toBe(ticket.token);
    // The session's list.
    expect(await page.locator('.ticket-issued-list li').first().textContent()).toMatch(new RegExp(`^\\d\\d:\\d\\d${CODE.replace(/\./g, '\\.')}Đang hiển thị$`));
    await shoot(page, 'tickets-qr-1280', { print: true });
    bad.push(...(await seriousViolations(page, 'qr 1280')));

    // On paper: the receipt alone, none of the screen's chrome.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.staff-tabs').isVisible()).toBe(false);
    expect(await page.locator('.ticket-issue').isVisible()).toBe(false);
    expect(await page.locator('.staff-print-head').isVisible()).toBe(false);
    expect(await page.locator('.ticket-qr').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'In biên nhận' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    // Printed on the chosen paper: one page, 80 mm wide (the default), then 58 mm.
    expect(await printedPages(page, 'tickets-receipt-80mm')).toEqual([{ widthMm: 80, heightMm: 130 }]);
    await page.getByRole('radio', { name: '58 mm' }).check();
    expect(await printedPages(page, 'tickets-receipt-58mm')).toEqual([{ widthMm: 58, heightMm: 120 }]);
    await page.getByRole('radio', { name: 'A5' }).check();
    expect(await printedPages(page, 'tickets-receipt-a5')).toEqual([{ widthMm: 148, heightMm: 210 }]);
    await page.getByRole('radio', { name: '80 mm' }).check();

    // "Hồ sơ tiếp theo": empty, the focus back in the code.
    await page.getByRole('button', { name: 'Hồ sơ tiếp theo' }).click();
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ticket-code');
    expect(await page.locator('.ticket-qr').count()).toBe(0);
    expect(await cspViolations()).toEqual([]);
    await ctx.close();
    expect(bad).toEqual([]);
  }, 120_000);

  it('a refusal of the server is shown in Vietnamese, and no QR', async () => {
    const ctx = await browser.newContext(SIZES['1280']);
    const page = await signIn(ctx);
    // An officer who left meanwhile (the screen still lists her).
    const mai = officer('Lê Thị Mai');
    expect((await api(`/api/admin/officers/${mai.id}`, { method: 'PATCH', body: JSON.stringify({ active: false }) }, server.adminToken)).status).toBe(200);
    try {
      await page.getByLabel('Cán bộ tiếp nhận').selectOption({ label: 'Lê Thị Mai' });
      await page.getByLabel('Mã hồ sơ').fill('000.00.12.H56-241125-0002');
      await page.getByLabel('Mã hồ sơ').press('Enter');
      const alert = page.locator('.ticket-issue [role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toBe('Cán bộ được chọn không phải cán bộ đang làm việc của đơn vị này.');
      expect(await page.locator('.ticket-qr').count()).toBe(0);
      await shoot(page, 'tickets-error-1280');
      expect(await seriousViolations(page, 'error 1280')).toEqual([]);
    } finally {
      await api(`/api/admin/officers/${mai.id}`, { method: 'PATCH', body: JSON.stringify({ active: true }) }, server.adminToken);
      await ctx.close();
    }
  }, 120_000);

  it('a phone opens the web link: officer and field pre-set, rated once; again → "already rated"; a second phone → the 409 words', async () => {
    expect(ticket).toBeTruthy();
    const bad: string[] = [];
    const phone = await browser.newContext(SIZES['360']);
    const other = await browser.newContext(SIZES['360']);
    const page = await openForm(phone, webLinkOf(ticket));
    // Another phone with the same receipt, form open before the first sends (its own client id).
    const second = await openForm(other, webLinkOf(ticket));

    const hero = page.locator('header.hero');
    expect(await hero.locator('.hero-kicker').textContent()).toBe('Phiếu đánh giá theo hồ sơ');
    expect(await hero.getByText(/^Cán bộ tiếp nhận:/).textContent()).toBe('Cán bộ tiếp nhận: Nguyễn Thị Lan – Công chức Tư pháp – Hộ tịch');
    expect(await hero.getByText(/^Lĩnh vực:/).textContent()).toBe(`Lĩnh vực: ${field().name}`);
    // Never the whole dossier code on the citizen's screen.
    expect(await page.locator('body').textContent()).not.toContain(CODE);
    // Pre-set, not chosen.
    expect(await page.getByText('Cán bộ tiếp nhận hồ sơ của Ông/Bà').count()).toBe(0);
    expect(await page.getByText('Lĩnh vực thủ tục Ông/Bà vừa giải quyết').count()).toBe(0);
    await fitsPhone(page);
    await shoot(page, 'ticket-rate-360');
    bad.push(...(await seriousViolations(page, 'ticket form 360')));

    const sent = page.waitForResponse((r) => r.url().endsWith('/api/public/responses') && r.request().method() === 'POST');
    await rateAndSend(page, 'Hài lòng');
    const res = await sent;
    expect(res.status()).toBe(201);
    const body = JSON.parse(res.request().postData() ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ token: ticket.token, officerId: officer('Nguyễn Thị Lan').id, fieldId: field().id, channel: 'web' });
    await page.getByRole('heading', { name: /^Cảm ơn/ }).waitFor();
    const lanToday = await api<{ officers: { officerId: string; responses: number }[] }>(`/api/units/${server.demo.unitId}/tallies`);
    expect(lanToday.body.officers.find((o) => o.officerId === officer('Nguyễn Thị Lan').id)?.responses).toBe(1);

    // The same receipt again on the same phone: rated already.
    await page.goto(webLinkOf(ticket));
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ này đã được đánh giá' }).waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    await shoot(page, 'ticket-used-360');
    bad.push(...(await seriousViolations(page, 'used 360')));

    // The second phone sends its own form: 409, the server's words, and nothing kept to resend.
    const refused = second.waitForResponse((r) => r.url().endsWith('/api/public/responses'));
    await rateAndSend(second, 'Rất hài lòng');
    const r2 = await refused;
    expect(r2.status()).toBe(409);
    const message = ((await r2.json()) as { error: { code: string; message: string } }).error;
    expect(message.code).toBe('ticket_used');
    const closed = second.locator('.ticket-closed');
    await closed.waitFor();
    expect(await closed.getByRole('heading', { level: 1 }).textContent()).toBe('Hồ sơ này đã được đánh giá');
    expect(await closed.locator('.ticket-closed-message').textContent()).toBe(message.message);
    expect(await second.evaluate(() => localStorage.getItem('hailong.outbox.v1'))).toBe('[]');
    expect(JSON.parse(r2.request().postData() ?? '{}').clientId).not.toBe(body['clientId']);
    const after = await api<{ officers: { officerId: string; responses: number }[] }>(`/api/units/${server.demo.unitId}/tallies`);
    expect(after.body.officers.find((o) => o.officerId === officer('Nguyễn Thị Lan').id)?.responses).toBe(1);
    await shoot(second, 'ticket-refused-360');

    // The ticket form at the clerk's width too (a citizen on a laptop).
    const wide = await browser.newContext(SIZES['1280']);
    const fresh = await issueByApi('000.00.12.H56-241125-0003');
    const widePage = await openForm(wide, webLinkOf(fresh));
    await shoot(widePage, 'ticket-rate-1280');
    bad.push(...(await seriousViolations(widePage, 'ticket form 1280')));
    await Promise.all([phone.close(), other.close(), wide.close()]);
    expect(bad).toEqual([]);
  }, 180_000);

  it("on the chairman's phone (360 px) the screen fits, and the QR fills the width", async () => {
    const bad: string[] = [];
    const ctx = await browser.newContext(SIZES['360']);
    const page = await signIn(ctx);
    await fitsWidth(page, 360);
    await shoot(page, 'tickets-empty-360');
    bad.push(...(await seriousViolations(page, 'empty 360')));
    await page.getByLabel('Mã hồ sơ').click();
    await page.getByLabel('Mã hồ sơ').fill('');
    await page.getByRole('button', { name: 'Tạo mã QR' }).tap();
    expect(await page.locator('.ticket-issue [role="alert"]').textContent()).toBe('Vui lòng nhập hoặc quét mã hồ sơ.');
    await shoot(page, 'tickets-error-360');
    await page.getByLabel('Mã hồ sơ').fill('000.00.12.H56-241125-0004');
    await page.getByRole('button', { name: 'Tạo mã QR' }).tap();
    await page.locator('.ticket-qr').waitFor();
    const box = (await page.locator('.ticket-qr').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(280);
    await fitsWidth(page, 360);
    expect(await decodeQr(page)).toMatch(/^https:\/\/zalo\.me\/s\/[^/]+\/\?q=t1\./);
    await shoot(page, 'tickets-qr-360');
    bad.push(...(await seriousViolations(page, 'qr 360')));
    await ctx.close();
    expect(bad).toEqual([]);
  }, 120_000);
});

/** The pages Chromium prints the screen on (the page size the print stylesheet asks for), in whole millimetres. */
async function printedPages(page: Page, save?: string): Promise<{ widthMm: number; heightMm: number }[]> {
  // page.pdf() follows emulateMedia: print, as the browser's print dialog does.
  await page.emulateMedia({ media: 'print' });
  const bytes = await page.pdf({ preferCSSPageSize: true, ...(save ? { path: `${SHOTS}/${save}.pdf` } : {}) });
  const pdf = bytes.toString('latin1');
  await page.emulateMedia({ media: null });
  const mm = (pt: string) => Math.round((Number(pt) * 25.4) / 72);
  return [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => ({ widthMm: mm(m[1]!), heightMm: mm(m[2]!) }));
}

/** A ticket straight from the API (the clerk's screen is tested above). */
async function issueByApi(dossierCode: string): Promise<Issued> {
  const res = await api<Issued>(`/api/units/${server.demo.unitId}/tickets`, { method: 'POST', body: JSON.stringify({ dossierCode, officerId: officer('Trần Văn Hùng').id }) });
  expect(res.status).toBe(201);
  return res.body;
}

/** Nothing of the citizen's form wider than the phone. */
async function fitsPhone(page: Page) {
  const out = await page.evaluate(() => [...document.querySelectorAll('.rate-main *')].filter((e) => e.getBoundingClientRect().right > 360.5).map((e) => e.className));
  expect(out).toEqual([]);
}
