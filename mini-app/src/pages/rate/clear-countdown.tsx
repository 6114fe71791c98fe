import { useEffect, useRef } from 'react';

export interface ClearCountdownProps {
  readonly secondsLeft: number;
  readonly onContinue: () => void;
}

export function clearCountdownText(seconds: number): string {
  return `Phiếu sẽ được xóa sau ${seconds} giây để người sau dùng.`;
}

/**
 * Over a half-filled kiosk form left alone: how long before it is cleared, and "Tiếp tục" to keep
 * the answers. Any touch on the screen also keeps them (the idle timer starts again).
 */
export function ClearCountdown({ secondsLeft, onContinue }: ClearCountdownProps) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="kiosk-countdown-backdrop">
      <div className="kiosk-countdown" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-countdown-title" aria-describedby="kiosk-countdown-text">
        <p className="kiosk-countdown-seconds" aria-hidden="true">
          {secondsLeft}
        </p>
        <h2 id="kiosk-countdown-title" className="kiosk-countdown-title">
          Ông/Bà vẫn đang đánh giá?
        </h2>
        <p id="kiosk-countdown-text" className="kiosk-countdown-text">
          {clearCountdownText(secondsLeft)}
        </p>
        <button ref={button} type="button" className="kiosk-continue" onClick={onContinue}>
          Tiếp tục
        </button>
      </div>
    </div>
  );
}
