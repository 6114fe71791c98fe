import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import jsQR from 'jsqr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IssuedTicket } from '../../../services/api/tickets.ts';
import { startSession } from '../../../state/staff-session.ts';
import { DESK_FORM, json, StaffHarness, stubFetch, tallies, type StubRequest } from '../report-fixtures.tsx';
import { TicketsPage } from './index.tsx';
import { qrPath } from './qr-code.tsx';

/*
 * The desk screen against a fake of the tickets API: it issues a ticket per POST (the server's
 * words for a refusal are the test's own), and lists the unit's officers and fields as the
 * tallies do.
 */
const FIELDS = [
  { fieldId: 'f1', name: 'Hộ tịch (thử)' },
  { fieldId: 'f2', name: 'Đất đai (thử)' },
];

function ticketFor(body: Record<string, unknown>, n: number): IssuedTicket {
  const token = `t1.k1.payload${n}.mac${n}`;
  const officer = body['officerId'] === 'o2' ? { id: 'o2', name: 'Cán bộ B' } : body['officerId'] === 'o1' ? { id: 'o1', name: 'Cán bộ A' } : null;
  const field = FIELDS.find((f) => f.fieldId === body['fieldId']);
  return {
    id: `mac${n}`,
    token,
    deepLink: `https://zalo.me/s/thu/?q=${token}`,
    webLink: `http://localhost/app/?q=${token}`,
    // 10:30 UTC: 17:30 in Vietnam.
    expiresAt: '2026-11-28T10:30:00.000Z',
    dossierCode: String(body['dossierCode']),
    officer,
    field: field ? { id: field.fieldId, name: field.name } : null,
  };
}

function serve(refuse?: (body: Record<string, unknown>) => Response | undefined) {
  let n = 0;
  const calls = stubFetch((req: StubRequest) => {
    const { pathname } = req.url;
    if (pathname === '/api/units/u1/forms') return json({ forms: [DESK_FORM] });
    if (pathname === '/api/units/u1/tallies') {
      const t = tallies(DESK_FORM);
      return json({ ...t, fields: FIELDS.map((f) => ({ ...t.total, ...f })) });
    }
    if (pathname === '/api/units/u1/tickets' && req.method === 'POST') {
      const body = JSON.parse(req.body ?? '{}') as Record<string, unknown>;
      return refuse?.(body) ?? json(ticketFor(body, ++n), 201);
    }
    if (pathname === '/api/units/u1/tickets/receipt') {
      return new Response(new Blob(['png']), { status: 200, headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="bien-nhan-HS-1-58mm.png"' } });
    }
    return undefined;
  });
  return calls;
}

const posts = (calls: StubRequest[]) => calls.filter((c) => c.method === 'POST').map((c) => JSON.parse(c.body ?? '{}') as Record<string, unknown>);
const codeInput = () => screen.getByLabelText('Mã hồ sơ') as HTMLInputElement;

async function renderTickets() {
  const view = render(
    <StaffHarness at="/staff/tickets">
      <TicketsPage />
    </StaffHarness>,
  );
  // The officers are there once the tallies answered.
  await screen.findByRole('option', { name: 'Cán bộ A' });
  return view;
}

beforeEach(() => {
  startSession({ token: 't', role: 'clerk', unitId: 'u1', username: 'vanphong.thu', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('the receipt tickets screen', () => {
  it('starts with the focus in the code, and a place for the QR', async () => {
    serve();
    await renderTickets();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Phiếu đánh giá theo hồ sơ');
    expect(document.activeElement).toBe(codeInput());
    expect(screen.getByText(/Mã QR của hồ sơ sẽ hiện ở đây/)).toBeTruthy();
    expect(screen.getByText('Chưa tạo mã QR nào.')).toBeTruthy();
  });

  it('a code typed (or scanned by a keyboard scanner) and Enter issues the ticket and shows its QR, dossier, officer, field and expiry', async () => {
    const calls = serve();
    await renderTickets();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Cán bộ tiếp nhận'), 'Cán bộ B');
    await user.selectOptions(screen.getByLabelText('Lĩnh vực'), 'Đất đai (thử)');
    await user.type(codeInput(), '  000.00.12.H56-241125-0001{Enter}');

    const receipt = (await screen.findByRole('heading', { name: 'Mời Ông/Bà quét mã QR để đánh giá sự hài lòng' })).closest('section')!;
    expect(posts(calls)).toEqual([{ dossierCode: '000.00.12.H56-241125-0001', officerId: 'o2', fieldId: 'f2' }]);
    const qr = within(receipt).getByRole('img', { name: 'Mã QR đánh giá hồ sơ 000.00.12.H56-241125-0001' });
    expect(qr.getAttribute('data-qr-text')).toBe('https://zalo.me/s/thu/?q=t1.k1.payload1.mac1');
    const facts = [...receipt.querySelectorAll('.ticket-facts > div')].map((d) => `${d.querySelector('dt')?.textContent}: ${d.querySelector('dd')?.textContent}`);
    expect(facts).toEqual(['Mã hồ sơ: 000.00.12.H56-241125-0001', 'Cán bộ tiếp nhận: Cán bộ B', 'Lĩnh vực: Đất đai (thử)', 'Hạn đánh giá: 17:30, 28/11/2026']);
    // The code stays, selected: the next scan replaces it.
    await waitFor(() => expect(codeInput().selectionEnd! - codeInput().selectionStart!).toBe('000.00.12.H56-241125-0001'.length));
    const list = screen.getByRole('region', { name: 'Đã tạo trong phiên làm việc này' });
    expect(within(list).getByText('000.00.12.H56-241125-0001')).toBeTruthy();
    expect(within(list).getByText('Đang hiển thị')).toBeTruthy();
  });

  it('"Hồ sơ tiếp theo" clears the code and the QR and puts the focus back; the list keeps the tickets, and one can be shown again', async () => {
    serve();
    await renderTickets();
    const user = userEvent.setup();
    await user.type(codeInput(), 'HS-1{Enter}');
    await screen.findByRole('img', { name: 'Mã QR đánh giá hồ sơ HS-1' });
    await user.click(screen.getByRole('button', { name: 'Hồ sơ tiếp theo' }));
    expect(codeInput().value).toBe('');
    expect(document.activeElement).toBe(codeInput());
    expect(screen.queryByRole('img', { name: /^Mã QR đánh giá hồ sơ/ })).toBeNull();

    await user.type(codeInput(), 'HS-2{Enter}');
    await screen.findByRole('img', { name: 'Mã QR đánh giá hồ sơ HS-2' });
    const list = screen.getByRole('region', { name: 'Đã tạo trong phiên làm việc này' });
    expect([...list.querySelectorAll('.ticket-issued-code')].map((e) => e.textContent)).toEqual(['HS-2', 'HS-1']);
    await user.click(within(list).getByRole('button', { name: 'Xem lại mã QR hồ sơ HS-1' }));
    expect(screen.getByRole('img', { name: 'Mã QR đánh giá hồ sơ HS-1' }).getAttribute('data-qr-text')).toContain('payload1');
  });

  it('shows the server refusal in Vietnamese and no QR; an empty code asks for one without a request', async () => {
    const calls = serve((body) => (String(body['dossierCode']).includes('\\') ? json({ error: { code: 'invalid_input', message: 'Mã hồ sơ không hợp lệ (thử).' } }, 400) : undefined));
    await renderTickets();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tạo mã QR' }));
    expect(screen.getByRole('alert').textContent).toBe('Vui lòng nhập hoặc quét mã hồ sơ.');
    expect(posts(calls)).toEqual([]);

    await user.type(codeInput(), 'HS\\1{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Mã hồ sơ không hợp lệ (thử).'));
    expect(codeInput().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('img', { name: /^Mã QR đánh giá hồ sơ/ })).toBeNull();
  });

  it("remembers the desk's officer, field and paper for the next visit", async () => {
    serve();
    const first = await renderTickets();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Cán bộ tiếp nhận'), 'Cán bộ C');
    await user.selectOptions(screen.getByLabelText('Lĩnh vực'), 'Hộ tịch (thử)');
    await user.type(codeInput(), 'HS-9{Enter}');
    await user.click(await screen.findByRole('radio', { name: '58 mm' }));
    first.unmount();

    await renderTickets();
    expect((screen.getByLabelText('Cán bộ tiếp nhận') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Cán bộ C');
    expect((screen.getByLabelText('Lĩnh vực') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Hộ tịch (thử)');
    // The session's tickets are still listed; the paper is the one chosen.
    await user.click(screen.getByRole('button', { name: 'Xem lại mã QR hồ sơ HS-9' }));
    expect((screen.getByRole('radio', { name: '58 mm' }) as HTMLInputElement).checked).toBe(true);
  });

  it('prints, and downloads the receipt for the chosen paper with the session', async () => {
    const calls = serve();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    URL.createObjectURL = vi.fn(() => 'blob:thu');
    URL.revokeObjectURL = vi.fn();
    await renderTickets();
    const user = userEvent.setup();
    await user.type(codeInput(), 'HS-1{Enter}');
    await user.click(await screen.findByRole('button', { name: 'In biên nhận' }));
    expect(print).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('radio', { name: '58 mm' }));
    expect(document.querySelector('.ticket-receipt')?.classList.contains('is-paper-58mm')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Tải ảnh PNG khổ 58 mm' }));
    await screen.findByText('Đã tải: bien-nhan-HS-1-58mm.png');
    const got = calls.find((c) => c.url.pathname.endsWith('/tickets/receipt'))!;
    expect(Object.fromEntries(got.url.searchParams)).toEqual({ token: 't1.k1.payload1.mac1', paper: '58mm', format: 'png' });
    expect(got.headers.get('authorization')).toBe('Bearer t');
  });
});

describe('qrPath', () => {
  /** The path's runs painted black on white, 4 pixels a module, as RGBA. */
  function paint(d: string, size: number, scale = 4) {
    const w = size * scale;
    const px = new Uint8ClampedArray(w * w * 4).fill(255);
    for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      const [x0, y0, run] = [Number(m[1]), Number(m[2]), Number(m[3])];
      for (let y = y0 * scale; y < (y0 + 1) * scale; y++) {
        for (let x = x0 * scale; x < (x0 + run) * scale; x++) px.fill(0, (y * w + x) * 4, (y * w + x) * 4 + 3);
      }
    }
    return { px, w };
  }

  it('draws a code that a scanner reads back as the ticket link, with its quiet zone', () => {
    const link = `https://zalo.me/s/1234567890123456789/?q=t1.k1.${'A'.repeat(90)}.abcdefghijklmnopqrstuv`;
    const { d, size } = qrPath(link);
    const { px, w } = paint(d, size);
    expect(jsQR(px, w, w)?.data).toBe(link);
    // Four modules of white on every side.
    const xs = [...d.matchAll(/M(\d+) (\d+)h(\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[1]) + Number(m[3])]);
    expect(Math.min(...xs)).toBe(4);
    expect(Math.max(...xs)).toBe(size - 4);
  });
});
