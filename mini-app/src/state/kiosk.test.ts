import { describe, expect, it } from 'vitest';
import { COUNTER_POINT } from '../test-support/point-fixture.ts';
import { DEFAULT_KIOSK_IDLE_SECONDS, isKioskMode, kioskIdleSeconds, kioskWarningSeconds } from './kiosk.ts';
import { emptyForm, isBlankForm, ratingFormReducer } from './rating-form.ts';

const KIOSK_POINT = { ...COUNTER_POINT, point: { ...COUNTER_POINT.point, kind: 'kiosk' as const, kioskIdleSeconds: 40 } };

describe('kiosk mode', () => {
  it('is on with kiosk=1 or for a kiosk point, whatever the link says', () => {
    expect(isKioskMode(true, null)).toBe(true);
    expect(isKioskMode(true, COUNTER_POINT)).toBe(true);
    expect(isKioskMode(false, KIOSK_POINT)).toBe(true);
    expect(isKioskMode(false, COUNTER_POINT)).toBe(false);
    expect(isKioskMode(false, null)).toBe(false);
    // A copy of the point kept by an older app has no `point`.
    const { point: _none, ...older } = COUNTER_POINT;
    expect(isKioskMode(false, older as typeof COUNTER_POINT)).toBe(false);
  });

  it("takes the point's idle time, else 90 s", () => {
    expect(kioskIdleSeconds(KIOSK_POINT)).toBe(40);
    expect(kioskIdleSeconds(COUNTER_POINT)).toBe(DEFAULT_KIOSK_IDLE_SECONDS);
    expect(DEFAULT_KIOSK_IDLE_SECONDS).toBe(90);
  });

  it('counts down the last 15 s, or the last half of a short idle time', () => {
    expect(kioskWarningSeconds(90)).toBe(15);
    expect(kioskWarningSeconds(30)).toBe(15);
    expect(kioskWarningSeconds(20)).toBe(10);
    expect(kioskWarningSeconds(6)).toBe(3);
    expect(kioskWarningSeconds(1)).toBe(1);
  });
});

describe('isBlankForm', () => {
  it('is blank until anything is chosen, written or tried', () => {
    const blank = emptyForm('c1');
    expect(isBlankForm(blank)).toBe(true);
    for (const action of [
      { type: 'answer', key: 'overall', value: 4 },
      { type: 'officer', officerId: 'off-1' },
      { type: 'field', fieldId: 'f-1' },
      { type: 'issue', key: 'harassment', checked: true },
      { type: 'comment', text: 'x' },
      { type: 'tried' },
    ] as const) {
      expect(isBlankForm(ratingFormReducer(blank, action))).toBe(false);
    }
    // An answer taken back leaves the form blank again.
    const answered = ratingFormReducer(blank, { type: 'answer', key: 'cs1', value: 3 });
    expect(isBlankForm(ratingFormReducer(answered, { type: 'clear', key: 'cs1' }))).toBe(true);
  });
});
