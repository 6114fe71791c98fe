import { describe, expect, it } from 'vitest';
import { CHANNELS, channelOf, normalizeChannel } from './channels.ts';

describe('channels', () => {
  it('a Zalo user confirmed by Zalo is zalo, whatever the app claims or the point is', () => {
    for (const claimed of [undefined, 'web', 'kiosk', 'qr', 'zalo'] as const) {
      expect(channelOf({ claimed, verified: true, pointKind: 'counter' })).toBe('zalo');
      expect(channelOf({ claimed, verified: true, pointKind: 'kiosk' })).toBe('zalo');
    }
  });

  it('a kiosk point makes kiosk responses; elsewhere the claim counts, web by default, qr as zalo', () => {
    expect(channelOf({ claimed: 'web', verified: false, pointKind: 'kiosk' })).toBe('kiosk');
    expect(channelOf({ claimed: undefined, verified: false, pointKind: 'counter' })).toBe('web');
    expect(channelOf({ claimed: 'qr', verified: false, pointKind: 'counter' })).toBe('zalo');
    expect(channelOf({ claimed: 'kiosk', verified: false, pointKind: 'counter' })).toBe('kiosk');
  });

  it('reads older stored words as today’s channels', () => {
    expect(normalizeChannel('qr')).toBe('zalo');
    for (const c of CHANNELS) expect(normalizeChannel(c)).toBe(c);
    expect(normalizeChannel('fax')).toBe('web');
  });
});
