import { mkdirSync } from 'node:fs';
import { vietnamDay } from '@hai-long/backend/domain/day';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { launchChromium } from './support/browser.ts';
import { ensureBuilt } from './support/ensure-built.ts';
import { login } from './support/staff-api.ts';
import { VI, fitsWidth, seriousViolations, tabLink, shootScreen } from './support/screens.ts';

/*
 * Issue 28 in a real browser against the real server process: the clerk opens a ballot box of 5
 * forms and types them with the keyboard only, commits, and the paper channel counts 5; a batch
 * whose count no longer matches is refused with the server's words and stores nothing; a second
 * commit is refused.
 */
const SHOTS = '/tmp/shots';
const SIZES = {
  '360': { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...VI },
  '1280': { viewport: { width: 1280, height: 800 }, ...VI },
} as const;

let server: ServerProcess;
let browser: Browser;
let clerkToken: string;
let firstBatchId: string;
const today = vietnamDay(new Date());

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${clerkToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
const unitPath = (rest: string) => `/api/units/${server.demo.unitId}${rest}`;
const paperResponses = async () => (await api<{ total: { responses: number } }>(unitPath(`/tallies?from=${today}&to=${today}&channel=paper`))).body.total.responses;

async function signIn(ctx: BrowserContext, screen: string): Promise<Page> {
  const page = await ctx.newPage();
  page.on('dialog', () => {
    throw new Error('a dialog opened');
  });
  await page.goto(`${server.url}/app/#/staff/${screen}`);
  await page.getByLabel('Tên đăng nhập').fill(server.demo.clerk.username);
  await page.getByLabel('Mật khẩu').fill(server.demo.clerk.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Các màn hình' }).waitFor();
  return page;
}

/** Not while typing with print: on paper the entry form is hidden, so it loses the focus. */
const shoot = (page: Page, name: string, { top = true, print = true } = {}) => shootScreen(page, `${SHOTS}/${name}`, { top, print });

/** The element that has the focus, as "tag:accessible hint". */
const focused = (page: Page) => page.evaluate(() => {
  const e = document.activeElement as HTMLElement | null;
  return e ? `${e.tagName.toLowerCase()}${e.classList.contains('paper-digit') ? '.paper-digit' : ''}:${e.getAttribute('id') ?? ''}` : '';
});

interface PaperForm {
  answers: number[];
  /** The officer's name: its first letter, typed on the select, picks it (the demo's officers start with different letters). */
  officer?: string;
  /** Which issue boxes to tick (0-based). */
  issues?: number[];
  comment?: string;
}

/**
 * One form, keys only: a digit per question (then Tab, or Enter, alternately), the officer by
 * typing its first letters, Tab past the field, Space on the issue boxes, the comment, Enter.
 */
async function typeForm(page: Page, f: PaperForm, issueCount: number) {
  for (const [i, d] of f.answers.entries()) {
    await page.keyboard.press(String(d));
    await page.keyboard.press(i % 2 === 0 ? 'Tab' : 'Enter');
  }
  if (f.officer) await page.keyboard.press(f.officer[0]!);
  await page.keyboard.press('Tab'); // → the field
  await page.keyboard.press('Tab'); // → the first issue box
  for (let i = 0; i < issueCount; i++) {
    if (f.issues?.includes(i)) await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
  }
  if (f.comment) await page.keyboard.type(f.comment);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  server = await startServerProcess();
  browser = await launchChromium();
  clerkToken = await login(server.url, server.demo.clerk.username, server.demo.clerk.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.cleanup();
});

describe('paper ballots typed from the ballot box', () => {
  it('the clerk opens a box of 5, types the 5 forms with the keyboard only and commits: the paper channel counts 5', async () => {
    const bad: string[] = [];
    const ctx = await browser.newContext(SIZES['1280']);
    const page = await signIn(ctx, 'today');
    await (await tabLink(page, 'Phiếu giấy')).click();
    await page.getByRole('heading', { level: 1, name: 'Phiếu giấy' }).waitFor();
    await page.getByText(/^Chưa mở hòm phiếu lần nào/).waitFor();
    bad.push(...(await seriousViolations(page, 'empty 1280')));

    // Opening the box: the day (today by default), the count.
    await page.getByRole('button', { name: 'Mở hòm phiếu' }).click();
    await page.getByLabel('Số phiếu trong hòm').fill('5');
    await shoot(page, 'issue28-paper-open-1280');
    bad.push(...(await seriousViolations(page, 'open 1280')));
    await page.getByRole('button', { name: 'Mở đợt nhập phiếu' }).click();

    // From here on, keys only.
    await page.getByRole('heading', { level: 3, name: 'Phiếu số 1' }).waitFor();
    await expect.poll(() => focused(page)).toMatch(/^input\.paper-digit:/);
    const questions = await page.locator('.paper-digit').count();
    const issueCount = await page.locator('.paper-issue input').count();
    expect(questions).toBe(5);
    expect(issueCount).toBe(3);
    const forms: PaperForm[] = [
      { answers: [5, 5, 4, 5, 5], officer: 'Nguyễn Thị Lan' },
      { answers: [4, 4, 4, 3, 4], officer: 'Trần Văn Hùng', comment: 'Cán bộ hướng dẫn tận tình.' },
      { answers: [1, 2, 1, 1, 2], officer: 'Lê Thị Mai', issues: [1], comment: 'Bị đòi thêm tiền ngoài quy định.' },
      { answers: [3, 3, 3, 3, 3] },
      { answers: [5, 4, 5, 4, 5], officer: 'Nguyễn Thị Lan' },
    ];
    for (const [i, f] of forms.entries()) {
      await typeForm(page, f, issueCount);
      await page.locator('.paper-count', { hasText: `Đã nhập ${i + 1}/5 phiếu` }).waitFor();
      if (i < 4) {
        await page.getByRole('heading', { level: 3, name: `Phiếu số ${i + 2}` }).waitFor();
        await expect.poll(() => focused(page)).toMatch(/^input\.paper-digit:.*-q-overall$/);
      }
      if (i === 2) {
        // Mid-way, the form being typed shows the level's word beside each digit.
        await page.keyboard.press('4');
        expect(await page.locator('.paper-q').first().locator('.paper-word').textContent()).toBe('Hài lòng');
        await page.keyboard.press('Backspace');
        await shoot(page, 'issue28-paper-entry-1280', { top: false, print: false });
        await expect.poll(() => focused(page)).toMatch(/^input\.paper-digit:.*-q-overall$/);
        bad.push(...(await seriousViolations(page, 'entry 1280')));
      }
    }
    // Full: no new form; the commit is the next key.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Ghi vào kết quả');
    const batchId = (await page.locator('.paper-batch').getAttribute('data-batch-id'))!;
    firstBatchId = batchId;
    const typed = (await api<{ forms: { answers: Record<string, number>; officerId: string | null; issues: string[]; comment: string | null }[] }>(unitPath(`/paper-batches/${batchId}`))).body.forms;
    expect(typed.map((f) => Object.values(f.answers))).toEqual(forms.map((f) => f.answers));
    expect(typed.map((f) => f.comment)).toEqual(forms.map((f) => f.comment ?? null));
    expect(typed.map((f) => f.issues)).toEqual([[], [], ['extra_cost'], [], []]);
    const point = (await (await fetch(`${server.url}/api/public/points/${server.demo.counterToken}`)).json()) as { officers: { id: string; name: string }[] };
    const officerName = (id: string | null) => point.officers.find((o) => o.id === id)?.name;
    expect(typed.map((f) => officerName(f.officerId))).toEqual(forms.map((f) => f.officer));
    expect(await paperResponses()).toBe(0);

    await page.keyboard.press('Enter');
    await page.locator('.paper-batch[data-status="committed"]').waitFor();
    expect(await page.locator('.paper-committed').textContent()).toMatch(/^Đã ghi 5 phiếu vào kết quả lúc \d\d:\d\d, \d\d\/\d\d\/\d{4} \(vanphong\)\. Không sửa được nữa\.$/);
    expect(await page.locator(`.paper-batches tr[data-batch-id="${batchId}"]`).textContent()).toContain('Đã ghi vào kết quả');
    expect(await paperResponses()).toBe(5);
    await shoot(page, 'issue28-paper-committed-1280');
    bad.push(...(await seriousViolations(page, 'committed 1280')));
    await ctx.close();
    expect(bad).toEqual([]);
  }, 180_000);

  it('a batch whose count no longer matches is refused with the server message on screen, and nothing is stored', async () => {
    const bad: string[] = [];
    // A box of 3: two forms typed already (at another desk).
    const opened = await api<{ id: string }>(unitPath('/paper-batches'), { method: 'POST', body: JSON.stringify({ openedOn: today, expectedForms: 3 }) });
    expect(opened.status).toBe(201);
    const batchId = opened.body.id;
    for (const overall of [2, 4]) {
      const added = await api(unitPath(`/paper-batches/${batchId}/forms`), { method: 'POST', body: JSON.stringify({ answers: { overall, access: 4, attitude: 4, responsibility: 4, guidance: 4 } }) });
      expect(added.status).toBe(201);
    }
    const ctx = await browser.newContext(SIZES['360']);
    const page = await signIn(ctx, `paper?batch=${batchId}`);
    await page.locator('.paper-count', { hasText: 'Đã nhập 2/3 phiếu' }).waitFor();
    const commit = page.getByRole('button', { name: 'Ghi vào kết quả' });
    expect(await commit.isDisabled()).toBe(true);
    await page.getByRole('heading', { level: 3, name: 'Phiếu số 3' }).waitFor();
    await page.locator('.paper-digit').first().focus();
    await page.keyboard.press('5');
    await page.keyboard.press('Tab');
    await page.keyboard.press('4');
    await fitsWidth(page, 360);
    await shoot(page, 'issue28-paper-entry-360', { top: false, print: false });
    bad.push(...(await seriousViolations(page, 'entry 360')));
    await page.keyboard.press('Tab');
    await typeForm(page, { answers: [5, 5, 5] }, 3);
    await page.locator('.paper-count', { hasText: 'Đã nhập 3/3 phiếu' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Ghi vào kết quả');

    // Meanwhile, another clerk removes form 1: the screen still says 3/3, the server knows better.
    expect((await api(unitPath(`/paper-batches/${batchId}/forms/1`), { method: 'DELETE' })).status).toBe(204);
    await page.keyboard.press('Enter');
    const refusal = page.locator('.paper-actions [role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Mới nhập 2/3 phiếu: còn thiếu 1 phiếu. Chưa có phiếu nào được ghi.');
    await page.locator('.paper-count', { hasText: 'Đã nhập 2/3 phiếu' }).waitFor();
    expect(await commit.isDisabled()).toBe(true);
    expect(await page.locator('.paper-batch').getAttribute('data-status')).toBe('open');
    expect(await paperResponses()).toBe(5);
    const view = await api<{ status: string; forms: { responseId: string | null }[] }>(unitPath(`/paper-batches/${batchId}`));
    expect(view.body.status).toBe('open');
    expect(view.body.forms.every((f) => f.responseId === null)).toBe(true);
    await fitsWidth(page, 360);
    await shoot(page, 'issue28-paper-refused-360');
    bad.push(...(await seriousViolations(page, 'refused 360')));

    // The list of batches on a phone: the committed one and this one.
    await page.locator('.paper-batches').scrollIntoViewIfNeeded();
    await shoot(page, 'issue28-paper-list-360', { top: false });
    await ctx.close();
    expect(bad).toEqual([]);
  }, 120_000);

  it('committing a batch twice is refused (409) and stores nothing more', async () => {
    expect(firstBatchId).toBeTruthy();
    const again = await api<{ error: { code: string; message: string } }>(unitPath(`/paper-batches/${firstBatchId}/commit`), { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Đợt phiếu này đã được ghi vào kết quả; không thể sửa hay ghi lại.');
    expect(await paperResponses()).toBe(5);
  });
});
