import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertItem } from '../../../services/api/alerts.ts';
import { startSession } from '../../../state/staff-session.ts';
import { alert, caseAlert, caseView, crossing, DELIVERY, STAFF } from '../case-fixtures.ts';
import { DESK_FORM, json, StaffHarness, stubFetch, type StubRequest } from '../report-fixtures.tsx';
import { AlertsPage } from './index.tsx';

/**
 * The alerts API: `pages` answers GET /alerts by cursor (the first page without one), each alert
 * with its case summed up; a decision answered by `decide` (201 by default, with its note).
 */
function serve(opts: { pages?: Record<string, { alerts: AlertItem[]; nextBefore: string | null }>; decide?: (req: StubRequest) => Response } = {}) {
  const pages = opts.pages ?? { first: { alerts: [crossing('c1'), caseAlert('a1')], nextBefore: null } };
  return stubFetch((req) => {
    const { pathname, searchParams: q } = req.url;
    if (pathname === '/api/units/u1/forms') return json({ forms: [DESK_FORM] });
    if (pathname === '/api/units/u1/alert-delivery') return json(DELIVERY);
    if (pathname === '/api/units/u1/staff') return json({ staff: STAFF });
    if (pathname === '/api/units/u1/alerts') return json(pages[q.get('before') ?? 'first'] ?? { alerts: [], nextBefore: null });
    if (pathname === '/api/units/u1/cases/r9' && req.method === 'POST') return opts.decide?.(req) ?? decided(req);
    return undefined;
  });
}

/** The server's answer to a decision: the note it recorded and the case as it now stands. */
function decided(req: StubRequest): Response {
  const body = JSON.parse(req.body!) as { status: 'handled'; note: string };
  const note = { id: 'n1', responseId: 'r9', staffId: 's-chair', author: 'chutich.thu', handled: true, status: body.status, note: body.note, createdAt: '2026-03-03T02:00:00.000Z' };
  return json({ note, case: caseView('r9', { status: body.status }) }, 201);
}

const renderAlerts = (at = '/staff/alerts') =>
  render(
    <StaffHarness at={at} path="/staff/alerts">
      <AlertsPage />
    </StaffHarness>,
  );

const alertCalls = (calls: StubRequest[]) => calls.filter((c) => c.url.pathname === '/api/units/u1/alerts').map((c) => Object.fromEntries(c.url.searchParams));
const card = (id: string) => document.querySelector(`[data-alert-id="${id}"]`) as HTMLElement;

describe('AlertsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows each alert's short summary (not the Zalo text) and exactly one status badge, the API's words", async () => {
    serve();
    renderAlerts();
    await screen.findByText('Vượt ngưỡng thử c1');
    for (const id of ['c1', 'a1']) {
      const badges = card(id).querySelectorAll('.badge');
      expect(badges).toHaveLength(1);
      expect(badges[0]!.textContent).toBe('Mới (API)');
    }
    expect(document.body.textContent).not.toContain('TIN ZALO THÔ');
    // The crossing names a certain excess: red, and a link to the officer over its period and form.
    expect(card('c1').className).toContain('is-certain');
    const link = within(card('c1')).getByRole('link', { name: 'Xem kết quả, hồ sơ của Cán bộ B' });
    expect(link.getAttribute('href')).toBe('/staff/officers/o2?from=2026-03-01&to=2026-03-31&form=quay');
  });

  it('filters by type and status (sent to the API) and pages with "Xem thêm" (the cursor the API gave)', async () => {
    const calls = serve({
      pages: {
        first: { alerts: [crossing('c1')], nextBefore: '2026-03-02T02:00:00.000Z|c1' },
        '2026-03-02T02:00:00.000Z|c1': { alerts: [crossing('c2', 'chance')], nextBefore: null },
      },
    });
    renderAlerts();
    await screen.findByText('Vượt ngưỡng thử c1');
    await userEvent.click(screen.getByRole('button', { name: 'Xem thêm' }));
    await screen.findByText('Vượt ngưỡng thử c2');
    expect(screen.getByText('Vượt ngưỡng thử c1')).toBeTruthy();
    expect(alertCalls(calls).at(-1)).toEqual({ limit: '30', before: '2026-03-02T02:00:00.000Z|c1' });
    expect(card('c2').className).toContain('is-chance');
    expect(screen.queryByRole('button', { name: 'Xem thêm' })).toBeNull();

    await userEvent.selectOptions(screen.getByLabelText('Loại cảnh báo'), 'crossing');
    await waitFor(() => expect(alertCalls(calls).at(-1)).toEqual({ limit: '30', kind: 'crossing' }));
    await userEvent.selectOptions(screen.getByLabelText('Tình trạng'), 'closed');
    await waitFor(() => expect(alertCalls(calls).at(-1)).toEqual({ limit: '30', kind: 'crossing', status: 'closed' }));
    // A new filter starts from the first page again.
    await screen.findByText('Vượt ngưỡng thử c1');
    expect(screen.queryByText('Vượt ngưỡng thử c2')).toBeNull();
  });

  it("groups one officer's single-response alerts of a day into one line with one badge, opened on demand", async () => {
    const many = [alert('a1', { handling: 'handled', handlingLabel: 'Đã xử lý (API)' }), alert('a2'), alert('a3'), alert('a4', { day: '2026-03-01' }), crossing('c1')];
    serve({ pages: { first: { alerts: many, nextBefore: null } } });
    renderAlerts();
    const toggle = await screen.findByRole('button', { name: /^Cán bộ A: 3 phiếu rất không hài lòng, phản ánh/ });
    const group = toggle.closest('section')!;
    expect(group.querySelectorAll('.badge')).toHaveLength(1);
    expect(within(group).getByText('2 cần xử lý')).toBeTruthy();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(card('a2')).toBeNull();
    // Alone on its day, a4 stays a card.
    expect(card('a4')).not.toBeNull();
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(group).getAllByRole('article')).toHaveLength(3);
  });

  it('a Zalo link to an alert inside a group opens the group and marks the alert', async () => {
    serve({ pages: { first: { alerts: [alert('a1'), alert('a2')], nextBefore: null } } });
    renderAlerts('/staff/alerts?unit=u1&alert=a2');
    await waitFor(() => expect(card('a2')).not.toBeNull());
    expect(card('a2').className).toContain('is-linked');
  });

  it('decides the case behind an alert there (due day, overdue and owner as the API sums them up), and shows the server refusing to close without a note', async () => {
    let refuse = true;
    const calls = serve({
      pages: { first: { alerts: [crossing('c1'), caseAlert('a1', { overdue: true, owner: { id: 's-clerk', username: 'vanphong.thu' } })], nextBefore: null } },
      decide: (req) => (refuse ? json({ error: { code: 'invalid_input', message: 'Cần ghi kết quả xử lý (thông điệp thử).' } }, 400) : decided(req)),
    });
    renderAlerts();
    await screen.findByText('Tóm tắt thử a1');
    const a1 = card('a1');
    expect(a1.querySelector('.case-facts')?.textContent).toBe('Hạn xử lý: 05/03/2026 (quá hạn)Người xử lý: vanphong.thu');
    // The alerts page reads no other list to know its cases.
    expect(calls.filter((c) => c.url.pathname === '/api/units/u1/cases')).toEqual([]);
    await userEvent.selectOptions(within(a1).getByLabelText('Tình trạng hồ sơ'), 'handled');
    await userEvent.click(within(a1).getByRole('button', { name: 'Lưu quyết định' }));
    expect((await within(a1).findByRole('alert')).textContent).toBe('Cần ghi kết quả xử lý (thông điệp thử).');

    refuse = false;
    await userEvent.type(within(a1).getByLabelText(/^Kết quả, ghi chú xử lý/), 'Đã làm việc với cán bộ.');
    await userEvent.selectOptions(within(a1).getByLabelText('Người xử lý'), 's-chair');
    await userEvent.click(within(a1).getByRole('button', { name: 'Lưu quyết định' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    const post = calls.filter((c) => c.method === 'POST').at(-1)!;
    expect(post.url.pathname).toBe('/api/units/u1/cases/r9');
    expect(JSON.parse(post.body!)).toEqual({ status: 'handled', note: 'Đã làm việc với cán bộ.', ownerStaffId: 's-chair' });
    // The note just recorded shows on the card; then the list is read again.
    expect((await within(card('a1')).findByRole('list', { name: 'Lịch sử xử lý' })).textContent).toContain('Đã làm việc với cán bộ.');
    await waitFor(() => expect(alertCalls(calls).length).toBeGreaterThan(1));
  });

  it('a case not overdue says so by leaving the word out; an unowned one says "chưa giao"', async () => {
    serve();
    renderAlerts();
    await screen.findByText('Tóm tắt thử a1');
    expect(card('a1').querySelector('.case-facts')?.textContent).toBe('Hạn xử lý: 05/03/2026Người xử lý: chưa giao');
    expect((within(card('a1')).getByLabelText('Người xử lý') as HTMLSelectElement).value).toBe('');
  });

  it("says at the top that the chairman's alerts do not reach Zalo, why and what to do; the chairman gets the way to link", async () => {
    startSession({ token: 't', role: 'chairman', unitId: 'u1', username: 'chutich.thu', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    serve();
    renderAlerts();
    const notice = (await screen.findByRole('heading', { name: 'Cảnh báo chưa đến được Zalo của Chủ tịch' })).closest('section')!;
    expect(notice.textContent).toContain('chutich.thu (Chủ tịch UBND) – 3 cảnh báo đang chờ gửi.');
    expect(notice.textContent).toContain('Lời khuyên thử: bấm Liên kết Zalo.');
    expect(notice.querySelectorAll('li')).toHaveLength(1); // the clerk's alerts arrive
    await userEvent.click(within(notice).getByRole('link', { name: 'Liên kết Zalo của tôi' }));
    expect(screen.getByTestId('landed').textContent).toBe('/staff/zalo');
  });
});
