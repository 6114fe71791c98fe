import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * What a person does at the screen: a touch, a click, a key, the wheel (scrolling by touch starts
 * with a touch), text put in by a keyboard that sends no keys (dictation, paste, some IMEs).
 */
const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'wheel', 'input'] as const;
const TICK_MS = 250;

export interface IdleCountdownOptions {
  readonly idleSeconds: number;
  /** The countdown is given for the last this-many seconds. */
  readonly warningSeconds: number;
  /** Called when the idle time has run out; the timer then starts again. */
  readonly onExpire: () => void;
}

export interface IdleCountdown {
  /** Whole seconds left while in the countdown; null before it. */
  readonly secondsLeft: number | null;
  /** Starts the idle time again ("Tiếp tục"). */
  readonly restart: () => void;
}

/**
 * Counts the time since the last touch or key anywhere in the document; in the last
 * `warningSeconds` it gives the seconds left, and at zero calls `onExpire`. Any touch or key
 * starts it again.
 */
export function useIdleCountdown({ idleSeconds, warningSeconds, onExpire }: IdleCountdownOptions): IdleCountdown {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const lastActivity = useRef(Date.now());
  const expire = useRef(onExpire);
  expire.current = onExpire;

  const restart = useCallback(() => {
    lastActivity.current = Date.now();
    setSecondsLeft(null);
  }, []);

  useEffect(() => {
    restart();
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, restart, { capture: true, passive: true });
    const tick = setInterval(() => {
      const leftMs = idleSeconds * 1000 - (Date.now() - lastActivity.current);
      if (leftMs <= 0) {
        restart();
        expire.current();
        return;
      }
      const left = Math.ceil(leftMs / 1000);
      setSecondsLeft(left <= warningSeconds ? left : null);
    }, TICK_MS);
    return () => {
      clearInterval(tick);
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, restart, { capture: true });
    };
  }, [idleSeconds, warningSeconds, restart]);

  return { secondsLeft, restart };
}
