import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';
import { newClientId } from './client-id.ts';
import { lastSendWithinWindow, RECENT_WINDOW_MS, rememberSend } from './recent-sends.ts';
import { isInsideZalo } from '../zalo/env.ts';
import { readUrlParams } from '../zalo/route.ts';
import { memoryStorage } from '../../test-support/memory-storage.ts';

describe('backoff', () => {
  it('doubles from the base up to the cap', () => {
    const o = { baseMs: 1000, maxMs: 30_000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, o))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(3, { ...o, jitter: 0.5 }, () => 0)).toBe(2000);
  });
});

describe('client id', () => {
  it('is a v7 UUID, new each time', () => {
    const a = newClientId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newClientId()).not.toBe(a);
  });

  it('begins with the time, so later forms sort after earlier ones', () => {
    const t = Date.UTC(2026, 10, 25, 3, 0, 0);
    expect(newClientId(t).replace(/-/g, '').slice(0, 12)).toBe(t.toString(16).padStart(12, '0'));
    const ids = [t, t + 1, t + 60_000, t + 86_400_000].map((ms) => newClientId(ms));
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('launch parameters', () => {
  it('reads the token and kiosk flag from the web link', () => {
    expect(readUrlParams('?q=abc.def&kiosk=1')).toEqual({ token: 'abc.def', kiosk: true });
    expect(readUrlParams('?q=')).toEqual({ token: null, kiosk: false });
  });
  it('tells a Zalo Mini App from a web page', () => {
    expect(isInsideZalo({ protocol: 'https:', hostname: 'h5.zdn.vn', pathname: '/zapps/123/' })).toBe(true);
    expect(isInsideZalo({ protocol: 'zbrowser:', hostname: 'h5.zdn.vn', pathname: '/' })).toBe(true);
    expect(isInsideZalo({ protocol: 'https:', hostname: 'hailong.example.vn', pathname: '/app/' })).toBe(false);
  });
});

describe('recent sends', () => {
  it('remembers the last send per point for the window only', async () => {
    const storage = memoryStorage();
    const t0 = Date.UTC(2026, 10, 25, 3);
    await rememberSend('p1', t0, storage);
    expect(await lastSendWithinWindow('p1', t0 + 60_000, storage)).toEqual(new Date(t0));
    expect(await lastSendWithinWindow('p2', t0 + 60_000, storage)).toBeNull();
    expect(await lastSendWithinWindow('p1', t0 + RECENT_WINDOW_MS, storage)).toBeNull();
  });
});
