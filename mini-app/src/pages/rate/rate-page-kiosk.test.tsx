import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SendOutcome } from '../../services/api/public.ts';
import type { PublicPoint, ResponseBody } from '../../services/api/types.ts';
import { createOutbox } from '../../services/offline/outbox.ts';
import { memoryStorage } from '../../test-support/memory-storage.ts';
import { COUNTER_POINT } from '../../test-support/point-fixture.ts';
import { questionBlock, SENT } from '../../test-support/render-rating-form.tsx';
import { RatePage } from './index.tsx';
import { KIOSK_RESET_SECONDS } from './thank-you.tsx';

const KIOSK_POINT: PublicPoint = { ...COUNTER_POINT, point: { ...COUNTER_POINT.point, kind: 'kiosk', kioskIdleSeconds: 60 } };

/** The point from GET /api/public/points/:token; no other request is made here (the outbox sends). */
function servePoint(point: PublicPoint) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(point), { status: 200, headers: { 'content-type': 'application/json' } })),
  );
}

/** An outbox whose network is down until `online` is set. */
function setup(point: PublicPoint, search: string) {
  window.history.replaceState(null, '', `/${search}`);
  servePoint(point);
  const sent: ResponseBody[] = [];
  const net = { online: true };
  const outbox = createOutbox({
    storage: memoryStorage(),
    send: async (body): Promise<SendOutcome> => {
      if (!net.online) return { kind: 'retry', retryAfterMs: 3_600_000 };
      sent.push(body);
      return SENT;
    },
    accessToken: async () => undefined,
  });
  render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <RatePage outbox={outbox} />
    </MemoryRouter>,
  );
  return { sent, net, outbox };
}

async function rateAll(label: string) {
  await screen.findByRole('button', { name: 'Gửi đánh giá' });
  for (const q of COUNTER_POINT.form.questions) fireEvent.click(within(questionBlock(q.key)).getByRole('radio', { name: label }));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    await vi.advanceTimersByTimeAsync(0);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
// zmp-ui's Page scrolls itself to the top on mount; jsdom's elements cannot scroll.
beforeAll(() => {
  HTMLElement.prototype.scrollTo ??= () => undefined;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('RatePage in kiosk mode', () => {
  it("runs a kiosk point's link as a kiosk even without kiosk=1, and sends through the kiosk channel", async () => {
    const { sent } = setup(KIOSK_POINT, '?q=tok-k');
    await rateAll('Hài lòng');
    expect(document.querySelector('.rate-page')?.classList.contains('is-kiosk')).toBe(true);
    expect(sent.map((b) => b.channel)).toEqual(['kiosk']);
    await screen.findByRole('heading', { name: /^Cảm ơn/ });
    expect(screen.getByText(`Màn hình sẽ trở về phiếu mới sau ${KIOSK_RESET_SECONDS} giây.`)).toBeTruthy();
  });

  it('a counter point in a browser stays the phone form and says `web`', async () => {
    const { sent } = setup(COUNTER_POINT, '?q=tok-c');
    await rateAll('Hài lòng');
    expect(document.querySelector('.rate-page')?.classList.contains('is-kiosk')).toBe(false);
    expect(sent.map((b) => b.channel)).toEqual(['web']);
    await screen.findByRole('heading', { name: /^Cảm ơn/ });
    expect(screen.queryByText(/Màn hình sẽ trở về phiếu mới/)).toBeNull();
  });

  it('offline, keeps the forms, says how many wait, and gives the next person a blank form after the thank-you', async () => {
    const { net, outbox, sent } = setup(KIOSK_POINT, '?q=tok-k&kiosk=1');
    net.online = false;
    await screen.findByRole('button', { name: 'Gửi đánh giá' });
    expect(screen.queryByText(/phiếu đang chờ gửi/)).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: /Nguyễn Thị Lan/ }));
    fireEvent.change(screen.getByLabelText('Góp ý thêm (không bắt buộc)'), { target: { value: 'Người trước viết' } });
    await rateAll('Rất không hài lòng');
    await screen.findByText('Đã lưu trên máy, sẽ gửi khi có mạng.');
    expect((await screen.findByText('1 phiếu đang chờ gửi')).closest('[role="status"]')).not.toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(KIOSK_RESET_SECONDS * 1000));
    await screen.findByRole('button', { name: 'Gửi đánh giá' });
    expect(document.querySelectorAll('[aria-checked="true"]')).toHaveLength(0);
    expect((screen.getByLabelText('Góp ý thêm (không bắt buộc)') as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByText('Người trước viết')).toBeNull();
    expect(screen.getByText('1 phiếu đang chờ gửi')).toBeTruthy();

    await rateAll('Hài lòng');
    await screen.findByText('2 phiếu đang chờ gửi');

    net.online = true;
    await act(() => outbox.flush());
    expect(sent).toHaveLength(2);
    expect(sent.map((b) => b.comment ?? null)).toEqual(['Người trước viết', null]);
    expect(sent[1]?.officerId).toBeUndefined();
    await vi.waitFor(() => expect(screen.queryByText(/phiếu đang chờ gửi/)).toBeNull());
  });
});
