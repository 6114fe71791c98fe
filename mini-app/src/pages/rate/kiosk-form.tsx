import { useCallback, useRef, useState } from 'react';
import type { PublicPoint } from '../../services/api/types.ts';
import type { DeliveryState, Outbox } from '../../services/offline/outbox.ts';
import { kioskIdleSeconds, kioskWarningSeconds } from '../../state/kiosk.ts';
import { isBlankForm, type RatingFormState } from '../../state/rating-form.ts';
import { ClearCountdown } from './clear-countdown.tsx';
import { RatingForm } from './rating-form.tsx';
import { scrollToTop } from './scroll-to-top.ts';
import { useIdleCountdown } from './use-idle-countdown.ts';

export interface KioskFormProps {
  readonly token: string;
  readonly point: PublicPoint;
  readonly outbox: Outbox;
  readonly onSubmitted: (clientId: string, state: DeliveryState) => void;
}

/**
 * The rating form on a shared tablet: a form left alone for the point's idle time is cleared —
 * answers, officer, field, issues, comment, the missing-answer hints and the scroll position —
 * after a countdown with "Tiếp tục"; a blank form is only taken back to the top.
 */
export function KioskForm({ token, point, outbox, onSubmitted }: KioskFormProps) {
  const [session, setSession] = useState(0);
  const [blank, setBlank] = useState(true);
  const sending = useRef(false);
  const idleSeconds = kioskIdleSeconds(point);

  const onChange = useCallback((state: RatingFormState) => setBlank(isBlankForm(state)), []);
  const onSending = useCallback((busy: boolean) => {
    sending.current = busy;
  }, []);
  const onExpire = useCallback(() => {
    // A form on its way to the server is the thank-you screen's business, not the idle timer's.
    if (sending.current) return;
    if (!blank) {
      setSession((n) => n + 1);
      setBlank(true);
    }
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    scrollToTop();
  }, [blank]);

  const { secondsLeft, restart } = useIdleCountdown({ idleSeconds, warningSeconds: kioskWarningSeconds(idleSeconds), onExpire });

  return (
    <>
      <RatingForm key={session} token={token} point={point} outbox={outbox} channel="kiosk" onChange={onChange} onSending={onSending} onSubmitted={onSubmitted} />
      {!blank && secondsLeft !== null && <ClearCountdown secondsLeft={secondsLeft} onContinue={restart} />}
    </>
  );
}
