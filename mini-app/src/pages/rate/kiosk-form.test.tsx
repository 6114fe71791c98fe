import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicPoint, ResponseBody } from '../../services/api/types.ts';
import { createOutbox } from '../../services/offline/outbox.ts';
import { memoryStorage } from '../../test-support/memory-storage.ts';
import { COUNTER_POINT } from '../../test-support/point-fixture.ts';
import { questionBlock, SENT } from '../../test-support/render-rating-form.tsx';
import { KioskForm } from './kiosk-form.tsx';

const IDLE = 60;
const KIOSK_POINT: PublicPoint = { ...COUNTER_POINT, point: { ...COUNTER_POINT.point, kind: 'kiosk', kioskIdleSeconds: IDLE } };
const COMMENT_LABEL = 'Góp ý thêm (không bắt buộc)';

/** A finger on the screen: the touch, then the click. */
function tap(el: Element) {
  fireEvent.pointerDown(el);
  fireEvent.click(el);
}

const advance = (seconds: number) => act(() => vi.advanceTimersByTime(seconds * 1000));
const countdown = () => screen.queryByRole('alertdialog');
const checkedRadios = () => document.querySelectorAll('[role="radio"][aria-checked="true"]').length;
const comment = () => screen.getByLabelText(COMMENT_LABEL) as HTMLTextAreaElement;
const issueBox = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

function setup(point: PublicPoint = KIOSK_POINT) {
  const sent: ResponseBody[] = [];
  const outbox = createOutbox({
    storage: memoryStorage(),
    send: async (body) => {
      sent.push(body);
      return SENT;
    },
    accessToken: async () => undefined,
  });
  const onSubmitted = vi.fn();
  render(
    <div className="rate-page">
      <KioskForm token="tok-1" point={point} outbox={outbox} onSubmitted={onSubmitted} />
    </div>,
  );
  // jsdom does not scroll: keep what the form sets.
  const page = document.querySelector('.rate-page') as HTMLElement;
  let scrollTop = 0;
  Object.defineProperty(page, 'scrollTop', { get: () => scrollTop, set: (v: number) => (scrollTop = v) });
  return { sent, onSubmitted, page };
}

/** What one citizen leaves half-done: an officer, two answers, a field, an issue, a comment. */
function fillHalf() {
  tap(screen.getByRole('radio', { name: /Nguyễn Thị Lan/ }));
  tap(within(questionBlock('overall')).getByRole('radio', { name: 'Rất không hài lòng' }));
  tap(within(questionBlock('access')).getByRole('radio', { name: 'Không hài lòng' }));
  tap(screen.getByRole('radio', { name: 'Chứng thực' }));
  tap(issueBox('Phải trả chi phí ngoài quy định'));
  fireEvent.keyDown(comment(), { key: 'B' });
  fireEvent.change(comment(), { target: { value: 'Bị đòi thêm tiền' } });
}

function expectBlank() {
  expect(checkedRadios()).toBe(0);
  expect(comment().value).toBe('');
  for (const issue of KIOSK_POINT.form.issues) expect(issueBox(issue.label).checked).toBe(false);
  expect(screen.queryByText('Bị đòi thêm tiền')).toBeNull();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('KioskForm', () => {
  it("clears a half-filled form after the point's idle time, counting down its last 15 s", () => {
    const { page } = setup();
    fillHalf();
    page.scrollTop = 900;
    expect(checkedRadios()).toBe(4);
    expect(issueBox('Phải trả chi phí ngoài quy định').checked).toBe(true);

    advance(IDLE - 15 - 1);
    expect(countdown()).toBeNull();
    advance(1);
    expect(within(countdown()!).getByText('Phiếu sẽ được xóa sau 15 giây để người sau dùng.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tiếp tục' })).toBe(document.activeElement);
    advance(3);
    expect(within(countdown()!).getByText('Phiếu sẽ được xóa sau 12 giây để người sau dùng.')).toBeTruthy();
    advance(11);
    expect(checkedRadios()).toBe(4); // one second left: nothing cleared yet
    advance(1);

    expect(countdown()).toBeNull();
    expectBlank();
    expect(page.scrollTop).toBe(0);
  });

  it('"Tiếp tục" keeps every answer and starts the idle time again', () => {
    setup();
    fillHalf();
    advance(IDLE - 10);
    tap(within(countdown()!).getByRole('button', { name: 'Tiếp tục' }));
    expect(countdown()).toBeNull();
    expect(checkedRadios()).toBe(4);
    expect(comment().value).toBe('Bị đòi thêm tiền');

    advance(IDLE - 15 - 1);
    expect(countdown()).toBeNull();
    advance(1);
    expect(countdown()).not.toBeNull();
    advance(15);
    expectBlank();
  });

  it('any touch or key starts the idle time again, and hides the countdown', () => {
    setup();
    fillHalf();
    advance(IDLE - 20);
    fireEvent.pointerDown(document.body);
    advance(IDLE - 20);
    fireEvent.keyDown(document.body, { key: 'Tab' });
    advance(IDLE - 5);
    expect(countdown()).not.toBeNull();
    fireEvent.touchStart(document.body);
    expect(countdown()).toBeNull();
    advance(IDLE - 1);
    expect(checkedRadios()).toBe(4);
  });

  it('never counts down over a blank form, only takes it back to the top', () => {
    const { page } = setup();
    fireEvent.pointerDown(document.body);
    page.scrollTop = 600;
    advance(IDLE - 5);
    expect(countdown()).toBeNull();
    advance(5);
    expect(countdown()).toBeNull();
    expect(page.scrollTop).toBe(0);
  });

  it('takes 90 s when the point gives no idle time', () => {
    setup({ ...KIOSK_POINT, point: { ...KIOSK_POINT.point, kioskIdleSeconds: null } });
    fillHalf();
    advance(74);
    expect(countdown()).toBeNull();
    advance(1);
    expect(within(countdown()!).getByText('Phiếu sẽ được xóa sau 15 giây để người sau dùng.')).toBeTruthy();
  });

  it("sends the next citizen's form with nothing of the one before, through the kiosk channel", async () => {
    const { sent, onSubmitted } = setup();
    fillHalf();
    advance(IDLE);
    expectBlank();

    for (const q of KIOSK_POINT.form.questions) tap(within(questionBlock(q.key)).getByRole('radio', { name: 'Rất hài lòng' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      token: 'tok-1',
      clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      formVersion: 1,
      channel: 'kiosk',
      answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 },
    });
    expect(onSubmitted).toHaveBeenCalledTimes(1);
  });
});
