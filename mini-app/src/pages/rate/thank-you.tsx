import { useEffect, useState } from 'react';
import { Button } from 'zmp-ui';
import { DeliveryStatus } from '../../components/rating/delivery-status.tsx';
import type { DeliveryState, Outbox } from '../../services/offline/outbox.ts';
import { formatViDate, vietnamDay } from '@hai-long/backend/domain/day';
import { useDelivery } from './use-delivery.ts';

export const KIOSK_RESET_SECONDS = 5;

export interface ThankYouProps {
  readonly unitName: string;
  readonly outbox: Outbox;
  readonly clientId: string;
  readonly initial: DeliveryState;
  readonly sentAt: Date;
  /** Kiosk mode: count down, then call this to show a blank form for the next person. */
  readonly onReset?: () => void;
}

/** "Cảm ơn …" with the Vietnam-local date and the live delivery state. */
export function ThankYou({ unitName, outbox, clientId, initial, sentAt, onReset }: ThankYouProps) {
  const delivery = useDelivery(outbox, clientId, initial);
  const [secondsLeft, setSecondsLeft] = useState(KIOSK_RESET_SECONDS);
  const day = formatViDate(delivery.kind === 'sent' ? delivery.receipt.day : vietnamDay(sentAt));

  useEffect(() => {
    if (!onReset) return;
    const tick = setInterval(() => setSecondsLeft((s) => Math.max(0, s - 1)), 1000);
    const done = setTimeout(onReset, KIOSK_RESET_SECONDS * 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(done);
    };
  }, [onReset]);

  return (
    <section className={`thank-you${delivery.kind === 'sent' ? '' : ' is-pending'}`} aria-labelledby="thank-you-title">
      <svg className="thank-you-icon" viewBox="0 0 48 48" width="72" height="72" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" />
        <path d="M14 24.5l7 7 13-14" fill="none" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h1 id="thank-you-title" className="thank-you-title">
        Cảm ơn Ông/Bà đã đánh giá!
      </h1>
      <p className="thank-you-text">Ý kiến của Ông/Bà giúp {unitName} phục vụ người dân tốt hơn.</p>
      <p className="thank-you-date">Ngày {day}</p>
      <DeliveryStatus state={delivery} />
      {onReset && (
        <div className="kiosk-reset">
          <p>Màn hình sẽ trở về phiếu mới sau {secondsLeft} giây.</p>
          <Button variant="secondary" size="large" fullWidth onClick={onReset}>
            Đánh giá lượt mới
          </Button>
        </div>
      )}
    </section>
  );
}
