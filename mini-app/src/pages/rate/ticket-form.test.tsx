import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ticketClosedReason, type SendOutcome } from '../../services/api/public.ts';
import type { ResponseBody } from '../../services/api/types.ts';
import { createOutbox } from '../../services/offline/outbox.ts';
import { memoryStorage } from '../../test-support/memory-storage.ts';
import { COUNTER_POINT } from '../../test-support/point-fixture.ts';
import { questionBlock, SENT } from '../../test-support/render-rating-form.tsx';
import { RatePage } from './index.tsx';

/*
 * A form opened from a receipt ticket (one dossier's QR): the officer and field are stated, not
 * chosen, and sent; a used or expired ticket gets a page of its own, and the outbox does not keep
 * a refused response for later.
 */
const LAN = COUNTER_POINT.officers[0]!;
const HO_TICH = COUNTER_POINT.fields[0]!;
// As GET /api/public/points/:ticket answers: only the preset officer and field, and the ticket's expiry.
const TICKET_POINT = {
  ...COUNTER_POINT,
  officer: LAN,
  officers: [LAN],
  fields: [HO_TICH],
  ticket: { expiresAt: '2026-11-25T10:30:00.000Z', dossierCodeHint: '…0001' },
  preset: { officerId: LAN.id, fieldId: HO_TICH.id },
};
const USED = { error: { code: 'ticket_used', message: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần. Xin cảm ơn Ông/Bà!' } };
const EXPIRED = { error: { code: 'ticket_expired', message: 'Mã QR này đã hết hạn. Ông/Bà vẫn có thể đánh giá bằng mã QR đặt tại Bộ phận một cửa.' } };

function serve(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  );
}

function open(outcome: SendOutcome = SENT) {
  window.history.replaceState(null, '', '/?q=ticket-1');
  const sent: ResponseBody[] = [];
  const storage = memoryStorage();
  const send = vi.fn(async (body: ResponseBody) => {
    sent.push(body);
    return outcome;
  });
  const outbox = createOutbox({ storage, send, accessToken: async () => undefined });
  render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <RatePage outbox={outbox} />
    </MemoryRouter>,
  );
  return { sent, send, outbox };
}

async function rateAll(label: string) {
  await screen.findByRole('button', { name: 'Gửi đánh giá' });
  for (const q of COUNTER_POINT.form.questions) fireEvent.click(within(questionBlock(q.key)).getByRole('radio', { name: label }));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
  });
}

// zmp-ui's Page scrolls itself to the top on mount; jsdom's elements cannot scroll.
beforeAll(() => {
  HTMLElement.prototype.scrollTo ??= () => undefined;
});
afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the rating form opened from a receipt ticket', () => {
  it('states the officer and field the ticket sets (no choice offered) and sends them with the answers', async () => {
    serve(200, TICKET_POINT);
    const { sent } = open();
    const header = await screen.findByRole('banner');
    expect(header.textContent).toContain('Phiếu đánh giá theo hồ sơ');
    expect(within(header).getByText(/^Cán bộ tiếp nhận:/).textContent).toBe(`Cán bộ tiếp nhận: ${LAN.name} – ${LAN.title}`);
    expect(within(header).getByText(/^Lĩnh vực:/).textContent).toBe(`Lĩnh vực: ${HO_TICH.name}`);
    // The code's end only: the form's GET is public.
    expect(within(header).getByText(/^Hồ sơ số:/).textContent).toBe('Hồ sơ số: …0001');
    // 10:30 UTC is 17:30 in Vietnam.
    expect(within(header).getByText(/hạn đến/).textContent).toBe('Mã QR của hồ sơ: đánh giá một lần, hạn đến 17:30, 25/11/2026.');
    expect(screen.queryByText(/Cán bộ tiếp nhận hồ sơ của Ông\/Bà/)).toBeNull();
    expect(screen.queryByText(/Lĩnh vực thủ tục Ông\/Bà vừa giải quyết/)).toBeNull();

    await rateAll('Hài lòng');
    await screen.findByRole('heading', { name: /^Cảm ơn/ });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ token: 'ticket-1', officerId: LAN.id, fieldId: HO_TICH.id, channel: 'web' });
  });

  it('a ticket without a preset field lets the citizen choose one, as a counter QR does', async () => {
    serve(200, { ...TICKET_POINT, fields: COUNTER_POINT.fields, preset: { officerId: LAN.id, fieldId: null } });
    const { sent } = open();
    await screen.findByRole('button', { name: 'Gửi đánh giá' });
    expect(screen.queryByText(/^Lĩnh vực:/)).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Chứng thực' }));
    await rateAll('Hài lòng');
    await screen.findByRole('heading', { name: /^Cảm ơn/ });
    expect(sent[0]).toMatchObject({ officerId: LAN.id, fieldId: 'f-2' });
  });

  it('a ticket rated already (409 on opening) thanks the citizen instead of showing the form', async () => {
    serve(409, USED);
    open();
    await screen.findByRole('heading', { level: 1, name: 'Hồ sơ này đã được đánh giá' });
    expect(screen.getByText(USED.error.message)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Gửi đánh giá' })).toBeNull();
  });

  it('an expired ticket (410) shows the server message, which points to the counter QR', async () => {
    serve(410, EXPIRED);
    open();
    await screen.findByRole('heading', { level: 1, name: 'Mã QR của hồ sơ đã hết hạn' });
    expect(screen.getByText(EXPIRED.error.message)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Gửi đánh giá' })).toBeNull();
  });

  it('a response refused because the ticket was rated meanwhile (409) shows the thank-you page, and is not kept for a retry', async () => {
    serve(200, TICKET_POINT);
    const { send, outbox } = open({ kind: 'rejected', status: 409, code: 'ticket_used', message: USED.error.message });
    await rateAll('Rất hài lòng');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Hồ sơ này đã được đánh giá' });
    expect(heading.closest('section')?.textContent).toContain(USED.error.message);
    expect(await outbox.pending()).toEqual([]);
    await act(() => outbox.flush());
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a response refused as expired (410) says so, and is not kept either', async () => {
    serve(200, TICKET_POINT);
    const { outbox } = open({ kind: 'rejected', status: 410, code: 'ticket_expired', message: EXPIRED.error.message });
    await rateAll('Bình thường');
    await screen.findByRole('heading', { level: 1, name: 'Mã QR của hồ sơ đã hết hạn' });
    expect(await outbox.pending()).toEqual([]);
  });
});

describe('ticketClosedReason', () => {
  it('reads the codes, falls back to the status, and leaves other refusals alone', () => {
    expect(ticketClosedReason(409, 'ticket_used')).toBe('used');
    expect(ticketClosedReason(410, 'ticket_expired')).toBe('expired');
    expect(ticketClosedReason(410, 'gone')).toBe('expired');
    expect(ticketClosedReason(409)).toBe('used');
    // The same verified Zalo user again at a counter: a 409 that is not about a ticket.
    expect(ticketClosedReason(409, 'duplicate_response')).toBeNull();
    expect(ticketClosedReason(400, 'invalid_input')).toBeNull();
  });
});
