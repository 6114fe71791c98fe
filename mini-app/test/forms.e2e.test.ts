import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import type { FormView } from '../../backend/src/services/form-view.ts';
import { DESKTOP, launchChromium, PHONE } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { login } from './support/staff-api.ts';

/*
 * Questionnaires as data (issue 24): the rating screen renders whatever form its point serves.
 * Against a real server process: a form posted through the admin API, and the built-in SIPAS form
 * (19 items in 2 aspects / 9 factors) on a 360 × 740 phone.
 */

const SHOTS = '/tmp/shots';
const JUMP = 'Đến câu chưa trả lời';

let server: ServerProcess;
let browser: Browser;
let clerkToken: string;
/** The part of GET /api/public/points/:token these tests read. */
interface PublicPoint {
  readonly form: FormView;
}
let sipas: { readonly link: string; readonly point: PublicPoint };

interface TalliesBody {
  readonly form: { readonly key: string; readonly version: number };
  readonly total: { readonly responses: number };
  readonly questions: Record<string, { readonly responses: number }>;
}

async function admin(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/admin${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A new point of the demo unit serving `formKey`: its web link on the test server, and what it serves. */
async function pointServing(formKey: string, label: string): Promise<{ link: string; point: PublicPoint }> {
  const res = await admin(`/units/${server.demo.unitId}/points`, { label, formKey });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { webLink: string; token: string };
  const web = new URL(created.webLink);
  const point = (await (await fetch(`${server.url}/api/public/points/${encodeURIComponent(created.token)}`)).json()) as PublicPoint;
  return { link: `${server.url}${web.pathname}${web.search}`, point };
}

/** Today's tallies of the demo unit for one form (GET /api/units/:unitId/tallies?form=…). */
async function talliesOf(formKey: string): Promise<TalliesBody> {
  const res = await fetch(`${server.url}/api/units/${server.demo.unitId}/tallies?form=${formKey}`, { headers: { authorization: `Bearer ${clerkToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as TalliesBody;
}

async function openForm(ctx: BrowserContext, url: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Gửi đánh giá' }).waitFor();
  // A long form renders its first questions first and the rest just after; the note closes the form.
  await page.locator('.privacy-note').waitFor();
  return page;
}

const question = (page: Page, key: string) => page.locator(`#q-${key}`);
const rate = (page: Page, key: string, label: string) => question(page, key).getByRole('radio', { name: label, exact: true }).tap();

/** Waits until a question's card is on screen, above the sticky send bar (smooth scrolling takes a moment). */
async function waitInView(page: Page, key: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const el = document.getElementById(id);
      const bar = document.querySelector('.send-bar');
      if (!el || !bar) return false;
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= bar.getBoundingClientRect().top + 1;
    },
    `q-${key}`,
    { timeout: 5000 },
  );
}

/** Scrolls the group's section to the top of the screen (the page scrolls inside zmp-ui's <Page>). */
async function scrollToGroup(page: Page, groupKey: string): Promise<void> {
  await page.locator(`[data-group="${groupKey}"]`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(150);
}

/** What a tall viewport shows: the whole form at once. */
async function fullShot(page: Page, path: string, width: number): Promise<void> {
  const before = page.viewportSize();
  const height = await page.evaluate(() => document.querySelector('.rate-main')?.scrollHeight ?? 2000);
  await page.setViewportSize({ width, height: Math.min(height + 40, 16_000) });
  await page.screenshot({ path });
  if (before) await page.setViewportSize(before);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  clerkToken = await login(server.url, server.demo.clerk.username, server.demo.clerk.password);
  browser = await launchChromium();
  sipas = await pointServing('sipas', 'Quầy khảo sát SIPAS');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('a form posted through the admin API', () => {
  it('is rendered, filled and sent at 360 × 740, and counted under that form, not the counter form', async () => {
    const created = await admin('/forms', {
      key: 'quay_thu',
      title: 'Phiếu thử: cơ sở vật chất tại Bộ phận một cửa',
      overallKey: 'chung',
      comment: false,
      groups: [
        { key: 'co_so', label: 'Cơ sở vật chất' },
        { key: 'cho_doi', label: 'Khu vực chờ', parent: 'co_so' },
      ],
      questions: [
        { key: 'chung', label: 'Nhìn chung, Ông/Bà hài lòng với nơi làm thủ tục ở mức nào?' },
        { key: 'ghe_ngoi', label: 'Ghế ngồi chờ đủ cho người dân', group: 'cho_doi', help: 'Tính cả lúc đông người.', mandatory: false },
        { key: 'nuoc_uong', label: 'Có nước uống, quạt mát', group: 'cho_doi' },
        { key: 've_sinh', label: 'Nhà vệ sinh sạch sẽ', group: 'co_so' },
      ],
      issues: [{ key: 'thu_them', label: 'Bị đòi thêm tiền gửi xe' }],
    });
    expect(created.status).toBe(201);
    const saved = (await created.json()) as { key: string; version: number };
    const { link, point } = await pointServing(saved.key, 'Quầy thử phiếu mới');
    expect(point.form).toMatchObject({ key: 'quay_thu', version: saved.version, comment: false });
    const counterBefore = (await talliesOf('counter')).total.responses;
    const before = (await talliesOf('quay_thu')).total.responses;

    const ctx = await browser.newContext(PHONE);
    const page = await openForm(ctx, link);
    await expect(page.getByRole('heading', { level: 2, name: 'Cơ sở vật chất' }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { level: 3, name: 'Khu vực chờ' }).count()).resolves.toBe(1);
    await expect(question(page, 'ghe_ngoi').textContent()).resolves.toContain('(không bắt buộc)');
    await expect(question(page, 'ghe_ngoi').textContent()).resolves.toContain('Tính cả lúc đông người.');
    expect(await page.getByLabel('Góp ý thêm (không bắt buộc)').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await rate(page, 'chung', 'Hài lòng');
    await rate(page, 'nuoc_uong', 'Không hài lòng');
    await rate(page, 've_sinh', 'Rất hài lòng');
    await page.getByLabel('Bị đòi thêm tiền gửi xe').check();
    await page.locator('button.send-button').tap();
    await page.getByRole('heading', { name: /^Cảm ơn/ }).waitFor();
    await page.locator('[data-delivery="sent"]').waitFor();
    await ctx.close();

    const after = await talliesOf('quay_thu');
    expect(after.form).toEqual(expect.objectContaining({ key: 'quay_thu', version: saved.version }));
    expect(after.total.responses).toBe(before + 1);
    expect(after.questions['nuoc_uong']?.responses).toBe(1);
    expect(after.questions['ghe_ngoi']?.responses ?? 0).toBe(0);
    expect((await talliesOf('counter')).total.responses).toBe(counterBefore);
  });
});

describe('the built-in SIPAS form (19 items in groups) on a phone', () => {
  it('shows 2 aspects and 9 factors, leads to each missing mandatory answer, and sends with the optional items blank', async () => {
    const { form } = sipas.point;
    const aspects = form.groups.filter((g) => g.parent === null);
    const factors = form.groups.filter((g) => g.parent !== null);
    const mandatory = form.questions.filter((q) => q.mandatory).map((q) => q.key);
    expect([aspects.length, factors.length, form.questions.length]).toEqual([2, 9, 20]);
    const before = (await talliesOf('sipas')).total.responses;

    const ctx = await browser.newContext(PHONE);
    const page = await openForm(ctx, sipas.link);
    expect(await page.locator('.section-heading').allTextContents()).toEqual(aspects.map((a) => a.label));
    expect(await page.locator('.subsection-heading').allTextContents()).toEqual(factors.map((f) => f.label));
    expect(await page.getByRole('heading', { level: 3 }).count()).toBe(9);
    await expect(page.locator('.form-intro').textContent()).resolves.toContain('Câu có dấu * là bắt buộc');
    expect(await page.locator('.required-mark').count()).toBe(mandatory.length + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByText(`Đã trả lời 0/${form.questions.length} câu`).waitFor();
    await page.screenshot({ path: `${SHOTS}/sipas-360-top.png` });
    await scrollToGroup(page, aspects[1]!.key);
    await page.screenshot({ path: `${SHOTS}/sipas-360-middle.png` });
    await fullShot(page, `${SHOTS}/sipas-360-full.png`, 360);

    // The jump control leads to each mandatory question still unanswered, optional items skipped.
    for (const key of mandatory) {
      await page.getByRole('button', { name: JUMP }).tap();
      await waitInView(page, key);
      await expect(page.evaluate(() => document.activeElement?.closest('[data-question]')?.getAttribute('data-question'))).resolves.toBe(key);
      if (key === mandatory[6]) await page.screenshot({ path: `${SHOTS}/sipas-360-sendbar.png` });
      await rate(page, key, 'Hài lòng');
    }
    expect(await page.getByRole('button', { name: JUMP }).count()).toBe(0);
    await page.getByText(`Đã trả lời ${mandatory.length}/${form.questions.length} câu`).waitFor();
    await page.locator('button.send-button').tap();
    await page.getByRole('heading', { name: /^Cảm ơn/ }).waitFor();
    await page.locator('[data-delivery="sent"]').waitFor();
    await ctx.close();
    expect((await talliesOf('sipas')).total.responses).toBe(before + 1);
  });

  it('points out the missing mandatory answers on "Gửi" and looks finished on a desktop screen (1366 × 768)', async () => {
    const { form } = sipas.point;
    const ctx = await browser.newContext(DESKTOP);
    const page = await openForm(ctx, sipas.link);
    await page.screenshot({ path: `${SHOTS}/sipas-1366-top.png` });
    await question(page, form.questions[0]!.key).getByRole('radio', { name: 'Rất hài lòng', exact: true }).click();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    const left = form.questions.filter((q) => q.mandatory).length - 1;
    await page.getByText(`Còn ${left} câu bắt buộc chưa chọn mức đánh giá.`).waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${SHOTS}/sipas-1366-sendbar.png` });
    await scrollToGroup(page, form.groups.filter((g) => g.parent === null)[1]!.key);
    await page.screenshot({ path: `${SHOTS}/sipas-1366-middle.png` });
    await ctx.close();
  });

  it('has no serious or critical accessibility violations (axe-core), before and after "Gửi"', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(sipas.link);
    await page.locator('.privacy-note').waitFor();
    const optional = sipas.point.form.questions.find((q) => !q.mandatory)!.key;
    await rate(page, optional, 'Bình thường');
    await question(page, optional).getByRole('button', { name: 'Bỏ chọn câu này' }).waitFor();
    await question(page, optional).screenshot({ path: `${SHOTS}/sipas-360-optional.png` });
    const empty = await new AxeBuilder({ page }).analyze();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText(/câu bắt buộc chưa chọn mức đánh giá/).waitFor();
    const withHints = await new AxeBuilder({ page }).analyze();
    const bad = [...empty.violations, ...withHints.violations]
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
    await ctx.close();
  });
});
