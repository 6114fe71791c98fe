import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../../services/offline/outbox.ts';
import { memoryStorage } from '../../test-support/memory-storage.ts';
import { KIOSK_RESET_SECONDS, ThankYou } from './thank-you.tsx';

const outbox = () => createOutbox({ storage: memoryStorage(), send: async () => ({ kind: 'retry' }), accessToken: async () => undefined });

afterEach(() => vi.useRealTimers());

describe('ThankYou', () => {
  it('thanks the citizen with the Vietnam-local date (dd/mm/yyyy) and the delivery state', () => {
    // 18:30 UTC on 31/12 is already 01/01 in Vietnam.
    render(<ThankYou unitName="UBND xã Nam Đông" outbox={outbox()} clientId="c1" initial={{ kind: 'queued' }} sentAt={new Date('2026-12-31T18:30:00Z')} />);
    expect(screen.getByRole('heading').textContent).toMatch(/^Cảm ơn/);
    expect(screen.getByText('Ngày 01/01/2027')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Đã lưu trên máy, sẽ gửi khi có mạng.');
  });

  it('uses the day the server counted the response in, once sent', () => {
    const receipt = { id: 'r', receivedAt: '2026-11-25T03:00:00Z', day: '2026-11-25' };
    render(<ThankYou unitName="X" outbox={outbox()} clientId="c2" initial={{ kind: 'sent', receipt }} sentAt={new Date('2026-11-26T03:00:00Z')} />);
    expect(screen.getByText('Ngày 25/11/2026')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Đã gửi thành công.');
  });

  it(`in kiosk mode, returns to a blank form after ${KIOSK_RESET_SECONDS} s`, () => {
    vi.useFakeTimers();
    const onReset = vi.fn();
    render(<ThankYou unitName="X" outbox={outbox()} clientId="c3" initial={{ kind: 'sending' }} sentAt={new Date()} onReset={onReset} />);
    expect(screen.getByText(`Màn hình sẽ trở về phiếu mới sau ${KIOSK_RESET_SECONDS} giây.`)).toBeTruthy();
    act(() => vi.advanceTimersByTime(KIOSK_RESET_SECONDS * 1000 - 1));
    expect(onReset).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onReset).toHaveBeenCalledTimes(1);
  });
});
