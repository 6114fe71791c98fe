import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperBatchView, PaperForm } from '../../../services/api/paper.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { startSession } from '../../../state/staff-session.ts';
import { STAFF } from '../case-fixtures.ts';
import { DESK_FORM, json, shares, StaffHarness, stubFetch, tallies, type StubRequest } from '../report-fixtures.tsx';
import { PaperPage } from './index.tsx';

/*
 * The paper screen against a fake of the paper API that keeps its batches and forms, with the
 * desk form of the fixtures (two mandatory questions, one issue, a comment) and words of the
 * test's own for the server's refusals.
 */
type Batch = Omit<PaperBatchView, 'forms' | 'entered'> & { forms: PaperForm[] };

function batch(id: string, over: Partial<Batch> = {}): Batch {
  return {
    id,
    unitId: 'u1',
    pointId: 'p1',
    openedOn: '2026-03-02',
    countsOn: '2026-03-02',
    expectedForms: 2,
    status: 'open',
    note: null,
    createdBy: 's-clerk',
    createdAt: '2026-03-02T02:00:00.000Z',
    commitStartedAt: null,
    committedBy: null,
    committedAt: null,
    stored: null,
    formKey: DESK_FORM.key,
    pointLabel: 'Quầy tiếp nhận (thử)',
    forms: [],
    ...over,
  };
}

const paperForm = (formNo: number, over: Partial<PaperForm> = {}): PaperForm => ({
  id: `pf${formNo}`,
  batchId: 'b1',
  formNo,
  officerId: null,
  fieldId: null,
  answers: { chung: 5, thai_do: 4 },
  issues: [],
  comment: null,
  enteredBy: 's-clerk',
  enteredAt: '2026-03-02T02:00:00.000Z',
  responseId: null,
  ...over,
});

function serve(initial: Batch[] = [], opts: { commit?: (b: Batch) => Response | undefined } = {}) {
  const batches = new Map(initial.map((b) => [b.id, b]));
  const view = (b: Batch) => ({ ...b, entered: b.forms.length });
  const calls = stubFetch((req: StubRequest) => {
    const { pathname } = req.url;
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    if (pathname === '/api/units/u1/forms') return json({ forms: [DESK_FORM] });
    if (pathname === '/api/units/u1/staff') return json({ staff: STAFF });
    if (pathname === '/api/units/u1/tallies') return json({ ...tallies(DESK_FORM), fields: [{ fieldId: 'f1', name: 'Hộ tịch (thử)', ...shares({ '5': 0, '4': 0, '3': 0, '2': 0, '1': 0 }) }] });
    if (pathname === '/api/units/u1/paper-batches' && req.method === 'GET') {
      return json({ batches: [...batches.values()].reverse().map(({ forms, formKey: _k, pointLabel: _p, ...b }) => ({ ...b, forms: forms.length })) });
    }
    if (pathname === '/api/units/u1/paper-batches' && req.method === 'POST') {
      const b = batch(`b${batches.size + 1}`, { openedOn: String(body['openedOn']), countsOn: String(body['countsOn'] ?? body['openedOn']), expectedForms: Number(body['expectedForms']) });
      batches.set(b.id, b);
      return json(b, 201);
    }
    const m = /^\/api\/units\/u1\/paper-batches\/([^/]+)(?:\/(forms|commit|discard))?(?:\/(\d+))?$/.exec(pathname);
    const b = m ? batches.get(m[1]!) : undefined;
    if (!m || !b) return undefined;
    const [, , part, no] = m;
    if (!part) return json(view(b));
    if (part === 'forms' && req.method === 'POST') {
      if (b.forms.length >= b.expectedForms) return json({ error: { code: 'conflict', message: 'Đã đủ phiếu (thử).' } }, 409);
      const formNo = Math.max(0, ...b.forms.map((f) => f.formNo)) + 1;
      b.forms.push(paperForm(formNo, body as Partial<PaperForm>));
      return json({ formNo, entered: b.forms.length }, 201);
    }
    if (part === 'forms' && req.method === 'PUT') {
      b.forms = b.forms.map((f) => (f.formNo === Number(no) ? paperForm(f.formNo, body as Partial<PaperForm>) : f));
      return json({ formNo: Number(no) });
    }
    if (part === 'forms' && req.method === 'DELETE') {
      b.forms = b.forms.filter((f) => f.formNo !== Number(no));
      return new Response(null, { status: 204 });
    }
    if (part === 'commit') {
      const refused = opts.commit?.(b);
      if (refused) return refused;
      Object.assign(b, { status: 'committed', stored: b.forms.length, committedBy: 's-clerk', committedAt: '2026-03-02T03:00:00.000Z' });
      return json({ stored: b.forms.length, alerts: 0 });
    }
    if (part === 'discard') {
      b.status = 'discarded';
      return json({ id: b.id, status: 'discarded' });
    }
    return undefined;
  });
  return { calls, batches };
}

const renderPaper = (at = '/staff/paper') =>
  render(
    <StaffHarness at={at} path="/staff/paper">
      <PaperPage />
    </StaffHarness>,
  );

const posts = (calls: StubRequest[], end: string) => calls.filter((c) => c.method !== 'GET' && c.url.pathname.endsWith(end)).map((c) => (c.body ? JSON.parse(c.body) : null));
const question = (n: number) => document.querySelectorAll<HTMLInputElement>('.paper-digit')[n - 1]!;

beforeEach(() => {
  startSession({ token: 't', role: 'clerk', unitId: 'u1', username: 'vanphong.thu', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('PaperPage', () => {
  it('lists the batches (opened, counts on, entered / found, status, who) and opens a box: the first question takes the focus', async () => {
    const { calls } = serve([batch('b1', { status: 'committed', expectedForms: 1, stored: 1, forms: [paperForm(1)], createdBy: 's-chair' })]);
    renderPaper();
    const row = (await screen.findByText('Ngày 02/03/2026')).closest('tr')!;
    expect(within(row).getByText('1/1')).toBeTruthy();
    expect(within(row).getByText('Đã ghi vào kết quả')).toBeTruthy();
    expect(row.textContent).toContain('chutich.thu');

    await userEvent.click(screen.getByRole('button', { name: 'Mở hòm phiếu' }));
    const count = screen.getByLabelText('Số phiếu trong hòm');
    expect(document.activeElement).toBe(count);
    await userEvent.click(screen.getByRole('button', { name: 'Mở đợt nhập phiếu' }));
    expect(screen.getByRole('alert').textContent).toBe('Nhập số phiếu đếm được trong hòm (từ 1 đến 10.000).');
    await userEvent.type(count, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Mở đợt nhập phiếu' }));
    expect(posts(calls, '/paper-batches')).toEqual([{ openedOn: vietnamToday(), expectedForms: 2 }]);
    await screen.findByRole('heading', { level: 3, name: 'Phiếu số 1' });
    await waitFor(() => expect(document.activeElement).toBe(question(1)));
    expect(screen.getByText('Đã nhập 0/2 phiếu')).toBeTruthy();
  });

  it('types a form with the keyboard only: digits with their words, Enter moves on, Enter on the comment saves and starts the next', async () => {
    const { calls } = serve([batch('b1')]);
    renderPaper('/staff/paper?batch=b1');
    await screen.findByRole('heading', { level: 3, name: 'Phiếu số 1' });
    question(1).focus();
    // Letters and 0, 6–9 are not levels; a new digit replaces the old one.
    await userEvent.keyboard('a7');
    expect(question(1).value).toBe('');
    await userEvent.keyboard('45');
    expect(question(1).value).toBe('5');
    expect(document.getElementById(question(1).getAttribute('aria-describedby')!)!.textContent).toBe('Rất hài lòng');
    await userEvent.keyboard('{Enter}2');
    expect(question(2).value).toBe('2');
    expect(document.getElementById(question(2).getAttribute('aria-describedby')!)!.textContent).toBe('Không hài lòng');
    // Officer, field (select by keyboard), the issue box (space), the comment, Enter: saved.
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByLabelText('Cán bộ được đánh giá'));
    await userEvent.selectOptions(screen.getByLabelText('Cán bộ được đánh giá'), 'o2');
    await userEvent.keyboard('{Enter}{Enter} ');
    expect((screen.getByLabelText('Gây phiền hà theo API') as HTMLInputElement).checked).toBe(true);
    await userEvent.keyboard('{Enter}Chờ lâu (thử).{Enter}');
    await waitFor(() => expect(posts(calls, '/forms')).toHaveLength(1));
    expect(posts(calls, '/forms')[0]).toEqual({ officerId: 'o2', fieldId: null, answers: { chung: 5, thai_do: 2 }, issues: ['phien_ha'], comment: 'Chờ lâu (thử).' });
    await screen.findByText('Đã nhập 1/2 phiếu');
    expect(screen.getByText('Đã lưu phiếu số 1. Đã nhập 1/2 phiếu.')).toBeTruthy();
    await screen.findByRole('heading', { level: 3, name: 'Phiếu số 2' });
    expect(question(1).value).toBe('');
    expect(document.activeElement).toBe(question(1));
    // The typed form is listed with its words, officer and remarks.
    const typed = document.querySelector('[data-form-no="1"]')!;
    expect(typed.textContent).toContain('Câu chung từ API: Rất hài lòng');
    expect(typed.textContent).toContain('Cán bộ B');
    expect(typed.textContent).toContain('Gây phiền hà theo API');
  });

  it('refuses to save a form with a mandatory question blank, and says which', async () => {
    const { calls } = serve([batch('b1')]);
    renderPaper('/staff/paper?batch=b1');
    await screen.findByRole('heading', { level: 3, name: 'Phiếu số 1' });
    question(1).focus();
    await userEvent.keyboard('3');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu phiếu' }));
    expect(screen.getByRole('alert').textContent).toBe('Chưa nhập câu 2 (Thái độ theo API): gõ một số từ 1 đến 5.');
    expect(document.activeElement).toBe(question(2));
    expect(question(2).getAttribute('aria-invalid')).toBe('true');
    expect(posts(calls, '/forms')).toEqual([]);
  });

  it('commits only when the count matches; a refusal shows the server message; then the batch shows as committed', async () => {
    let refuse = true;
    const { calls } = serve([batch('b1', { forms: [paperForm(1)] })], {
      commit: (b) => (refuse ? json({ error: { code: 'conflict', message: `Mới nhập ${b.forms.length - 1}/2 phiếu (thử).` } }, 409) : undefined),
    });
    renderPaper('/staff/paper?batch=b1');
    await screen.findByText('Đã nhập 1/2 phiếu');
    const commit = screen.getByRole('button', { name: 'Ghi vào kết quả' }) as HTMLButtonElement;
    expect(commit.disabled).toBe(true);
    expect(screen.getByText('Chỉ ghi được khi số phiếu đã nhập bằng số phiếu trong hòm (2).')).toBeTruthy();

    question(1).focus();
    await userEvent.keyboard('1{Enter}1{Enter}{Enter}{Enter}{Enter}{Enter}');
    await screen.findByText('Đã nhập 2/2 phiếu');
    // The batch is full: no new form, and the commit is the next key to press.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Ghi vào kết quả' })));
    expect(screen.queryByRole('heading', { level: 3, name: /^Phiếu số/ })).toBeNull();
    await userEvent.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Mới nhập 1/2 phiếu (thử).');

    refuse = false;
    await userEvent.click(screen.getByRole('button', { name: 'Ghi vào kết quả' }));
    await screen.findByText(/^Đã ghi 2 phiếu vào kết quả lúc/);
    expect(document.querySelector('[data-batch-id="b1"]')?.getAttribute('data-status')).toBe('committed');
    expect(screen.queryByRole('button', { name: 'Ghi vào kết quả' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sửa phiếu số 1' })).toBeNull();
    expect(posts(calls, '/commit')).toHaveLength(2);
  });

  it('corrects and removes typed forms before the commit', async () => {
    const { calls } = serve([batch('b1', { expectedForms: 3, forms: [paperForm(1), paperForm(2, { officerId: 'o1' })] })]);
    renderPaper('/staff/paper?batch=b1');
    await screen.findByText('Đã nhập 2/3 phiếu');
    await userEvent.click(screen.getByRole('button', { name: 'Sửa phiếu số 2' }));
    await screen.findByRole('heading', { level: 3, name: 'Sửa phiếu số 2' });
    expect(document.activeElement).toBe(question(1));
    expect(question(1).value).toBe('5');
    expect((screen.getByLabelText('Cán bộ được đánh giá') as HTMLSelectElement).value).toBe('o1');
    await userEvent.keyboard('2');
    await userEvent.click(screen.getByRole('button', { name: 'Lưu sửa đổi' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url.pathname).toBe('/api/units/u1/paper-batches/b1/forms/2');
    expect(JSON.parse(put.body!)).toMatchObject({ officerId: 'o1', answers: { chung: 2, thai_do: 4 } });
    await screen.findByRole('heading', { level: 3, name: 'Phiếu số 3' });

    await userEvent.click(screen.getByRole('button', { name: 'Xóa phiếu số 1' }));
    const ask = screen.getByRole('group', { name: 'Xóa phiếu số 1?' });
    await userEvent.click(within(ask).getByRole('button', { name: 'Xóa' }));
    await screen.findByText('Đã nhập 1/3 phiếu');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url.pathname)).toEqual(['/api/units/u1/paper-batches/b1/forms/1']);
  });

  it('discards a batch only after asking', async () => {
    const { calls } = serve([batch('b1', { forms: [paperForm(1)] })]);
    renderPaper('/staff/paper?batch=b1');
    await screen.findByText('Đã nhập 1/2 phiếu');
    await userEvent.click(screen.getByRole('button', { name: 'Hủy đợt' }));
    const ask = screen.getByRole('group', { name: /^Hủy đợt nhập phiếu này\?/ });
    await userEvent.click(within(ask).getByRole('button', { name: 'Không' }));
    expect(posts(calls, '/discard')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Hủy đợt' }));
    await userEvent.click(screen.getByRole('button', { name: 'Có, hủy đợt' }));
    await waitFor(() => expect(document.querySelector('[data-batch-id="b1"]')?.getAttribute('data-status')).toBe('discarded'));
    expect(posts(calls, '/discard')).toHaveLength(1);
    expect(screen.queryByRole('heading', { level: 3, name: /^Phiếu số/ })).toBeNull();
  });

  it('"In phiếu giấy" downloads the printable form under the server name', async () => {
    const saved: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:thu');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const { calls } = serve();
    const pdf = () => new Response(new Uint8Array([37, 80, 68, 70]), { headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="phieu-thu.pdf"' } });
    const fetchStub = globalThis.fetch as ReturnType<typeof vi.fn>;
    const inner = fetchStub.getMockImplementation()!;
    fetchStub.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => (String(input).includes('/paper-form.pdf') ? pdf() : inner(input, init)));
    renderPaper();
    await screen.findByText(/^Chưa mở hòm phiếu lần nào/);
    await userEvent.click(screen.getByRole('button', { name: 'In phiếu giấy' }));
    await screen.findByText('Đã tải: phieu-thu.pdf');
    expect(saved).toEqual(['phieu-thu.pdf']);
    expect(calls).toBeDefined();
  });

  it("another unit's staff (a supervisor) only read: no opening, no entry", async () => {
    startSession({ token: 't', role: 'supervisor', unitId: 'u0', username: 'noivu.thu', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    serve([batch('b1', { forms: [paperForm(1)] })]);
    renderPaper('/staff/paper?batch=b1');
    await screen.findByText('Đã nhập 1/2 phiếu');
    expect(screen.queryByRole('button', { name: 'Mở hòm phiếu' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ghi vào kết quả' })).toBeNull();
    expect(document.querySelector('.paper-entry')).toBeNull();
    expect(screen.getByText(/^Chỉ cán bộ của UBND xã Thử mới mở hòm/)).toBeTruthy();
  });
});
