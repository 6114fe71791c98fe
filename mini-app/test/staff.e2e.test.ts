import { mkdirSync } from 'node:fs';
import { verdictOf } from '@hai-long/backend/domain/results';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { DESKTOP, launchChromium, PHONE } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { addPoint, login, respond } from './support/staff-api.ts';
import { VI, seriousViolations, tabLink, shootScreen } from './support/screens.ts';

const SHOTS = '/tmp/shots';
// A Vietnamese browser: the native date inputs then show dd/mm/yyyy, as on staff's own devices.
const PHONE_VI = { ...PHONE, ...VI };
const DESKTOP_VI = { ...DESKTOP, ...VI };
const SCRIPT_COMMENT = `<script>window.__pwned = 1; alert('x')</script><img src=x onerror="window.__pwned=2">`;

let server: ServerProcess;
let browser: Browser;
let clerkToken: string;
let officers: { id: string; name: string }[];

interface OfficerRow {
  officerId: string;
  name: string;
  responses: number;
  dissatisfied: number;
  flagged: boolean;
  dissatisfiedShare: number | null;
}
interface Report {
  total: { responses: number; satisfiedShare: number | null; dissatisfiedShare: number | null };
  officers: OfficerRow[];
}

interface Rule {
  thresholdShare: number;
}
interface FormView {
  key: string;
  title: string;
  overallKey: string;
  questions: { key: string; shortLabel: string }[];
}
interface IndexGroup {
  key: string;
  label: string;
  index: number | null;
  groups: IndexGroup[];
}
interface SipasReport extends Report {
  form: FormView;
  index: { index: number | null; groups: IndexGroup[] } | null;
}

const pct = (v: number | null) => (v === null ? '–' : new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v));

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

async function rate(officerId: string, overall: number, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${server.url}/api/public/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: server.demo.counterToken, clientId: crypto.randomUUID(), officerId, answers: { overall, access: 4, attitude: overall, responsibility: 4, guidance: 5 }, ...extra }),
  });
  expect(res.status).toBe(201);
}

async function signIn(ctx: BrowserContext, user: { username: string; password: string }, screen = 'today'): Promise<Page> {
  const page = await ctx.newPage();
  page.on('dialog', () => {
    throw new Error('a dialog opened: some text ran as script');
  });
  await page.goto(`${server.url}/app/#/staff/${screen}`);
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu').fill(user.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Các màn hình' }).waitFor();
  return page;
}

async function openTab(page: Page, name: string, heading: string) {
  await (await tabLink(page, name)).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const shoot = (page: Page, name: string) => shootScreen(page, `${SHOTS}/${name}`, { top: false });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  browser = await launchChromium();
  clerkToken = await login(server.url, server.demo.clerk.username, server.demo.clerk.password);
  const point = (await (await fetch(`${server.url}/api/public/points/${server.demo.counterToken}`)).json()) as { officers: { id: string; name: string }[] };
  officers = point.officers;
  const [lan, hung, mai] = [officers.find((o) => o.name === 'Nguyễn Thị Lan')!, officers.find((o) => o.name === 'Trần Văn Hùng')!, officers.find((o) => o.name === 'Lê Thị Mai')!];
  // Lan: 3 of 5 dissatisfied (60 %, flagged); Hùng: all satisfied; Mai: exactly 1 of 4 (25 %, not flagged).
  for (const level of [1, 2, 2, 5, 4]) await rate(lan.id, level);
  await rate(lan.id, 1, { issues: ['harassment'], comment: 'Cán bộ yêu cầu nộp thêm tiền ngoài quy định.' });
  for (let i = 0; i < 11; i++) await rate(hung.id, i % 2 ? 5 : 4);
  for (const level of [2, 3, 4, 5]) await rate(mai.id, level);
  await rate(hung.id, 5, { comment: SCRIPT_COMMENT });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('staff screens in a real browser', () => {
  it('signs the clerk in; Today shows the tallies API numbers; sign-out ends the session', async () => {
    for (const [size, opts] of [['360', PHONE_VI], ['1366', DESKTOP_VI]] as const) {
      const ctx = await browser.newContext(opts);
      const page = await ctx.newPage();
      await page.goto(`${server.url}/app/#/staff/today`);
      await page.getByRole('heading', { name: 'Đăng nhập cán bộ' }).waitFor();
      await page.getByLabel('Tên đăng nhập').fill(server.demo.clerk.username);
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('không đúng');
      await page.screenshot({ path: `${SHOTS}/staff-signin-${size}.png` });
      await page.close();
      await ctx.close();
    }

    const ctx = await browser.newContext(PHONE_VI);
    const page = await signIn(ctx, server.demo.clerk);
    await page.locator('[data-stat="total"]').waitFor();
    const { body: r } = await api<Report>(`/api/units/${server.demo.unitId}/tallies`, clerkToken);
    expect(await page.locator('[data-stat="total"] .stat-value').textContent()).toBe(String(r.total.responses));
    expect(await page.locator('[data-stat="satisfied"] .stat-value').textContent()).toBe(pct(r.total.satisfiedShare));
    expect(await page.locator('[data-stat="dissatisfied"] .stat-value').textContent()).toBe(pct(r.total.dissatisfiedShare));
    for (const o of r.officers) {
      const row = page.locator(`tr[data-row-id="${o.officerId}"]`).first();
      expect(await row.locator('[data-col="responses"]').textContent()).toContain(String(o.responses));
      expect(await row.locator('[data-col="dissatisfied"] strong').textContent()).toBe(pct(o.dissatisfiedShare));
    }
    expect(await page.locator('.badge-small').count()).toBeGreaterThan(0); // n < 10: "ít dữ liệu"
    await shoot(page, 'staff-today-360');

    // A new response shows up without reloading the page ("Làm mới" and the 30 s timer use the same path).
    await rate(officers.find((o) => o.name === 'Trần Văn Hùng')!.id, 5);
    await page.getByRole('button', { name: 'Làm mới' }).click();
    await expect.poll(() => page.locator('[data-stat="total"] .stat-value').textContent()).toBe(String(r.total.responses + 1));

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập cán bộ' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('hailong.staff.session.v1'))).toBeNull();
    await ctx.close();
  });

  it('shows the chairman the flagged officer, per the > 25 % rule', async () => {
    const ctx = await browser.newContext(DESKTOP_VI);
    const page = await signIn(ctx, server.demo.chairman);
    await page.locator('[data-stat="total"]').waitFor();
    const { body: r } = await api<Report>(`/api/units/${server.demo.unitId}/tallies`, clerkToken);
    const flagged = r.officers.filter((o) => o.flagged).map((o) => o.name);
    expect(flagged).toEqual(['Nguyễn Thị Lan']);
    const rows = page.locator('tr.is-flagged');
    expect(await rows.count()).toBe(1);
    expect(await rows.locator('.row-name').textContent()).toBe('Nguyễn Thị Lan');
    // Worded from the rule the API serves (seed 004: "trên 25%").
    const { body: rule } = await api<Rule>('/api/public/rule', clerkToken);
    const threshold = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(rule.thresholdShare);
    expect(threshold).toBe('25%');
    // One wording (the server's verdictOf): over the rule, and beyond chance (4 of 6).
    const lan = r.officers.find((o) => o.name === 'Nguyễn Thị Lan')!;
    expect(await rows.locator('[data-col="flag"]').textContent()).toBe(verdictOf(lan).label);
    expect(verdictOf(lan).label).toBe(`Vượt ${threshold} (theo quy định) – chắc chắn`);
    // Exactly 25 % is not over.
    const mai = r.officers.find((o) => o.name === 'Lê Thị Mai')!;
    expect(mai.dissatisfiedShare).toBe(0.25);
    expect(await page.locator(`tr[data-row-id="${mai.officerId}"] [data-col="flag"]`).textContent()).toBe(`Không vượt ${threshold}`);
    await shoot(page, 'staff-today-1366');

    await openTab(page, 'Xu hướng', 'Xu hướng');
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('canvas').count()).toBe(2);
    await shoot(page, 'staff-trends-1366');
    await openTab(page, 'Cảnh báo', 'Cảnh báo');
    await page.locator('.staff-empty, .comment-card, .alert-group').first().waitFor();
    await shoot(page, 'staff-alerts-1366');
    await openTab(page, 'Góp ý', 'Góp ý và phản ánh tiêu cực');
    await page.locator('.comment-card').first().waitFor();
    await shoot(page, 'staff-comments-1366');
    await ctx.close();
  });

  it('the link in a Zalo alert opens the alerts screen of that unit, the alert highlighted, after sign-in and on reload', async () => {
    const { body } = await api<{ alerts: { id: string; kind: string; text: string }[] }>(`/api/units/${server.demo.unitId}/alerts?limit=100`, clerkToken);
    const alert = body.alerts.find((a) => a.kind === 'response')!;
    const link = new URL(alert.text.split('\n').at(-1)!.replace(/^Xem: /, ''));
    expect(`${link.pathname}${link.search}`).toBe('/app/');
    expect(link.hash).toBe(`#/staff/alerts?unit=${server.demo.unitId}&alert=${alert.id}`);
    const ctx = await browser.newContext(PHONE_VI);
    const page = await ctx.newPage();
    // The server's own address (the alert's PUBLIC_URL is the configured one).
    await page.goto(`${server.url}${link.pathname}${link.hash}`);
    await page.getByLabel('Tên đăng nhập').fill(server.demo.chairman.username);
    await page.getByLabel('Mật khẩu').fill(server.demo.chairman.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cảnh báo' }).waitFor();
    const highlighted = page.locator('.comment-card.is-linked');
    await highlighted.waitFor();
    expect(await highlighted.getAttribute('data-alert-id')).toBe(alert.id);
    expect(await page.locator('.comment-card.is-linked').count()).toBe(1);
    await page.reload();
    await page.locator('.comment-card.is-linked').waitFor();
    expect(await page.locator('.comment-card.is-linked').getAttribute('data-alert-id')).toBe(alert.id);
    expect(new URL(page.url()).hash).toBe(link.hash);
    await ctx.close();
  });

  it('lists comments newest first, shows a <script> comment as text, and closes the case a report opened', async () => {
    const ctx = await browser.newContext(PHONE_VI);
    const page = await signIn(ctx, server.demo.clerk, 'comments');
    await page.locator('.comment-card').first().waitFor();
    const texts = await page.locator('.comment-text').allTextContents();
    expect(texts[0]).toBe(SCRIPT_COMMENT);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.comment-card img').count()).toBe(0);
    await shoot(page, 'staff-comments-360');

    await page.getByRole('combobox', { name: 'Phản ánh' }).selectOption('harassment');
    await expect.poll(() => page.locator('.comment-card').count()).toBe(1);
    const card = page.locator('.comment-card').first();
    // The report opened a case: it is decided as one (status, a note to close).
    await card.getByLabel('Tình trạng hồ sơ').selectOption('handled');
    await card.getByLabel(/^Kết quả, ghi chú xử lý/).fill('Đã làm việc với cán bộ, hoàn trả chi phí cho người dân.');
    await card.getByRole('button', { name: 'Lưu quyết định' }).click();
    await card.locator('[data-status="handled"]').waitFor();
    expect(await card.locator('.note-text').textContent()).toBe('Đã làm việc với cán bộ, hoàn trả chi phí cho người dân.');
    const { body } = await api<{ comments: { comment: string | null; handled: boolean }[] }>(`/api/units/${server.demo.unitId}/comments?handled=yes`, clerkToken);
    expect(body.comments.map((c) => c.comment)).toEqual(['Cán bộ yêu cầu nộp thêm tiền ngoài quy định.']);

    await openTab(page, 'Xu hướng', 'Xu hướng');
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'staff-trends-360');
    await openTab(page, 'Cảnh báo', 'Cảnh báo');
    await page.locator('.staff-empty, .comment-card, .alert-group').first().waitFor();
    await shoot(page, 'staff-alerts-360');
    await ctx.close();
  });

  it('has no serious or critical accessibility violations on any staff screen (axe-core)', async () => {
    for (const opts of [PHONE_VI, DESKTOP_VI]) {
      const ctx = await browser.newContext(opts);
      const first = await ctx.newPage();
      await first.goto(`${server.url}/app/#/staff/today`);
      await first.getByRole('heading', { name: 'Đăng nhập cán bộ' }).waitFor();
      const bad: string[] = (await seriousViolations(first)).map((v) => `sign-in: ${v}`);
      await first.close();
      const page = await signIn(ctx, server.demo.chairman);
      await page.locator('[data-stat="total"]').waitFor();
      bad.push(...(await seriousViolations(page)).map((v) => `today: ${v}`));
      for (const [tab, heading, ready] of [
        ['Xu hướng', 'Xu hướng', 'canvas'],
        ['Góp ý', 'Góp ý và phản ánh tiêu cực', '.comment-card'],
        ['Cảnh báo', 'Cảnh báo', '.staff-empty, .comment-card, .alert-group'],
        ['Báo cáo', 'Báo cáo kết quả', '.report-view'],
        ['Số hồ sơ', 'Số hồ sơ và số phiếu', '.coverage-table'],
      ] as const) {
        await openTab(page, tab, heading);
        await page.locator(ready).first().waitFor();
        bad.push(...(await seriousViolations(page)).map((v) => `${tab}: ${v}`));
      }
      expect(bad).toEqual([]);
      await ctx.close();
    }
  }, 240_000); // seven screens at two sizes, axe on each

  // Last: from here on the demo unit uses two forms, and the earlier screens had one (no picker).
  it('with a second form in use, a picker switches Today, Trends and Comments to its own labels, figures and SIPAS index', async () => {
    const unit = server.demo.unitId;
    const sipasToken = await addPoint(server.url, server.adminToken, unit, 'Khảo sát SIPAS tại quầy', 'sipas');
    const service = (level: number) => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`dv${i + 1}`, level]));
    const policy = (level: number) => Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`cs${i + 1}`, level]));
    // Policy items may be left blank: the index counts answers, not responses.
    for (const [overall, s, p] of [[5, 5, 4], [4, 4, null], [2, 2, 1], [5, 4, 5], [3, 5, null]] as const) {
      await respond(server.url, sipasToken, { overall, ...service(s), ...(p === null ? {} : policy(p)) });
    }
    const { body: list } = await api<{ forms: FormView[] }>(`/api/units/${unit}/forms`, clerkToken);
    expect(list.forms.map((f) => f.key)).toEqual(['counter', 'sipas']);
    const sipas = list.forms[1]!;
    const { body: t } = await api<SipasReport>(`/api/units/${unit}/tallies?form=sipas`, clerkToken);
    expect(t.total.responses).toBe(5);
    expect(t.index?.groups.length).toBeGreaterThan(0);
    // The counter form's labels that the SIPAS form does not use anywhere (its factors include "Tiếp cận dịch vụ").
    const counterLabels = list.forms[0]!.questions.map((q) => q.shortLabel).filter((l) => !JSON.stringify(sipas).includes(l));
    expect(counterLabels.length).toBeGreaterThan(0);

    for (const [size, opts] of [['1366', DESKTOP_VI], ['360', PHONE_VI]] as const) {
      const ctx = await browser.newContext(opts);
      const page = await signIn(ctx, server.demo.chairman);
      const picker = page.getByRole('combobox', { name: 'Phiếu khảo sát' });
      await picker.waitFor();
      expect(await picker.locator('option').allTextContents()).toEqual(list.forms.map((f) => f.title));
      await page.locator('[data-stat="total"]').waitFor();
      expect(await page.locator('.index-table').count()).toBe(0);

      await picker.selectOption('sipas');
      await page.locator('.index-table').waitFor();
      await expect.poll(() => page.locator('[data-stat="total"] .stat-value').textContent()).toBe(String(t.total.responses));
      expect(await page.locator('[data-stat="satisfied"] .stat-value').textContent()).toBe(pct(t.total.satisfiedShare));
      expect(await page.locator('[data-stat="dissatisfied"] .stat-value').textContent()).toBe(pct(t.total.dissatisfiedShare));
      // The criteria are the SIPAS form's, labelled as the API labels them; none of the counter form's.
      expect(await page.locator('section[aria-labelledby="by-question"] .row-name').allTextContents()).toEqual(sipas.questions.map((q) => q.shortLabel));
      const text = (await page.locator('.staff-main').textContent())!;
      for (const label of counterLabels) expect(text).not.toContain(label);
      // The index table: overall, each aspect and each factor, with the API's index.
      const index = t.index!;
      expect(await page.locator('[data-index-key="*"] [data-col="index"]').textContent()).toBe(pct(index.index));
      for (const aspect of index.groups) {
        expect(await page.locator(`[data-index-key="${aspect.key}"] th`).textContent()).toBe(aspect.label);
        expect(await page.locator(`[data-index-key="${aspect.key}"] [data-col="index"]`).textContent()).toBe(pct(aspect.index));
        for (const factor of aspect.groups) {
          expect(await page.locator(`[data-index-key="${factor.key}"] [data-col="index"]`).textContent()).toBe(pct(factor.index));
        }
      }
      await shoot(page, `staff-today-sipas-${size}`);
      const bad = (await seriousViolations(page)).map((v) => `today: ${v}`);

      // Trends keeps the chosen form: its criteria, opened on its general question.
      await openTab(page, 'Xu hướng', 'Xu hướng');
      expect(await page.getByRole('combobox', { name: 'Phiếu khảo sát' }).inputValue()).toBe('sipas');
      const criterion = page.getByRole('combobox', { name: 'Tiêu chí' });
      await page.locator('canvas').first().waitFor();
      expect(await criterion.locator('option').allTextContents()).toEqual(sipas.questions.map((q) => q.shortLabel));
      expect(await criterion.inputValue()).toBe(sipas.overallKey);
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      expect(await page.locator(`tr[data-bucket="${today}"] td`).first().textContent()).toBe(String(t.total.responses));
      await page.waitForTimeout(300);
      await shoot(page, `staff-trends-sipas-${size}`);
      bad.push(...(await seriousViolations(page)).map((v) => `trends: ${v}`));

      // Comments of the SIPAS form: it has no issue list, so no "Phản ánh" filter.
      await openTab(page, 'Góp ý', 'Góp ý và phản ánh tiêu cực');
      await page.locator('.staff-empty, .comment-card, .alert-group').first().waitFor();
      expect(await page.getByRole('combobox', { name: 'Phản ánh' }).count()).toBe(0);
      bad.push(...(await seriousViolations(page)).map((v) => `comments: ${v}`));

      // Back to the counter form: its own criteria again.
      await openTab(page, 'Hôm nay', 'Kết quả trong ngày');
      await page.getByRole('combobox', { name: 'Phiếu khảo sát' }).selectOption('counter');
      await expect
        .poll(() => page.locator('section[aria-labelledby="by-question"] .row-name').allTextContents())
        .toEqual(list.forms[0]!.questions.map((q) => q.shortLabel));
      expect(await page.locator('.index-table').count()).toBe(0);
      await shoot(page, `staff-today-picker-${size}`);
      expect(bad).toEqual([]);
      await ctx.close();
    }
  });
});
