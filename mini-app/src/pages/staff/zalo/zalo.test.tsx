import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESK_FORM, json, StaffHarness, stubFetch } from '../report-fixtures.tsx';
import { ZaloLinkPage } from './index.tsx';

/** The link API: `linked` is what GET answers now (the test flips it as the OA would). */
function serve(state: { linked: boolean }, opts: { post?: () => Response } = {}) {
  return stubFetch((req) => {
    const { pathname } = req.url;
    if (pathname === '/api/units/u1/forms') return json({ forms: [DESK_FORM] });
    if (pathname === '/api/auth/zalo-link' && req.method === 'GET') return json({ linked: state.linked, linkedAt: state.linked ? '2026-03-02T03:00:00.000Z' : null, phone: null });
    if (pathname === '/api/auth/zalo-link' && req.method === 'POST')
      return opts.post?.() ?? json({ code: 'HL-AB12CD', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), instructions: 'Hướng dẫn của máy chủ (thử).' }, 201);
    if (pathname === '/api/auth/zalo-link' && req.method === 'DELETE') {
      state.linked = false;
      return new Response(null, { status: 204 });
    }
    return undefined;
  });
}

const renderZalo = () =>
  render(
    <StaffHarness at="/staff/zalo">
      <ZaloLinkPage />
    </StaffHarness>,
  );

describe('ZaloLinkPage', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('issues a code, shows it big with its expiry and the instructions, and shows "linked" once the OA has it', async () => {
    const state = { linked: false };
    const calls = serve(state);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderZalo();
    expect((await screen.findByRole('heading', { name: /^Trạng thái:/ })).textContent).toBe('Trạng thái: Chưa liên kết');
    await user.click(screen.getByRole('button', { name: 'Lấy mã liên kết' }));
    const code = await screen.findByLabelText('Mã liên kết của bạn');
    expect(code.textContent).toBe('HL-AB12CD');
    expect(screen.getByText('Hướng dẫn của máy chủ (thử).')).toBeTruthy();
    expect(document.querySelector('.zalo-expiry')?.textContent).toMatch(/còn khoảng 15 phút/);

    // The staff member sends the code in Zalo; the next poll sees the link.
    state.linked = true;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3100);
    });
    await waitFor(() => expect(screen.getByRole('heading', { name: /^Trạng thái:/ }).textContent).toBe('Trạng thái: Đã liên kết'));
    expect(screen.getByRole('status').textContent).toContain('Đã liên kết Zalo.');
    expect(screen.queryByLabelText('Mã liên kết của bạn')).toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('an expired code says so and offers a new one', async () => {
    serve({ linked: false }, { post: () => json({ code: 'HL-ZZ99YY', expiresAt: new Date(Date.now() + 60_000).toISOString(), instructions: 'x' }, 201) });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderZalo();
    await user.click(await screen.findByRole('button', { name: 'Lấy mã liên kết' }));
    await screen.findByLabelText('Mã liên kết của bạn');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(61_000);
    });
    await waitFor(() => expect(document.querySelector('.zalo-expiry')?.textContent).toMatch(/^Mã đã hết hạn lúc/));
    expect(screen.getByRole('button', { name: 'Lấy mã mới' })).toBeTruthy();
  });

  it('unlinks only after a confirmation', async () => {
    const calls = serve({ linked: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderZalo();
    await user.click(await screen.findByRole('button', { name: 'Huỷ liên kết Zalo' }));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
    expect(screen.getByRole('group', { name: /Huỷ liên kết Zalo\?/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Có, huỷ liên kết' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: /^Trạng thái:/ }).textContent).toBe('Trạng thái: Chưa liên kết'));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('Đã huỷ liên kết Zalo.');
  });

  it("shows the server's refusal (an account that cannot link)", async () => {
    serve({ linked: false }, { post: () => json({ error: { code: 'forbidden', message: 'Chỉ tài khoản cán bộ (thử).' } }, 403) });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderZalo();
    await user.click(await screen.findByRole('button', { name: 'Lấy mã liên kết' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Chỉ tài khoản cán bộ (thử).');
  });
});
