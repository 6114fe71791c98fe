import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResponseBody } from '../api/types.ts';
import type { SendOutcome } from '../api/public.ts';
import { createOutbox, OUTBOX_KEY } from './outbox.ts';
import { memoryStorage } from '../../test-support/memory-storage.ts';

const body = (clientId: string): ResponseBody => ({
  token: 'tok',
  clientId,
  answers: { overall: 4, access: 4, attitude: 4, responsibility: 4, guidance: 4 },
});
const SENT: SendOutcome = { kind: 'sent', receipt: { id: 'r', receivedAt: 'x', day: '2026-11-25' } };
const NO_JITTER = { baseMs: 1000, maxMs: 8000, jitter: 0 };

afterEach(() => vi.useRealTimers());

describe('outbox', () => {
  it('sends at once when the network answers, and keeps nothing', async () => {
    const storage = memoryStorage();
    const send = vi.fn(async () => SENT);
    const outbox = createOutbox({ storage, send, accessToken: async () => undefined });
    expect(await outbox.submit(body('a'))).toEqual({ kind: 'sent', receipt: { id: 'r', receivedAt: 'x', day: '2026-11-25' } });
    expect(send).toHaveBeenCalledTimes(1);
    expect(await outbox.pending()).toEqual([]);
  });

  it('keeps the form when offline and retries with exponential backoff until it is sent, exactly once', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const outcomes: SendOutcome[] = [{ kind: 'retry' }, { kind: 'retry' }, { kind: 'retry' }, SENT];
    const sendTimes: number[] = [];
    const send = vi.fn(async () => {
      sendTimes.push(Date.now());
      return outcomes.shift() ?? SENT;
    });
    const outbox = createOutbox({ storage, send, accessToken: async () => undefined, backoff: NO_JITTER });
    const states: string[] = [];
    outbox.subscribe((_id, s) => states.push(s.kind));
    const start = Date.now();
    expect((await outbox.submit(body('a'))).kind).toBe('queued');
    expect(JSON.parse(storage.data.get(OUTBOX_KEY) ?? '[]')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000);
    expect(sendTimes.map((t) => t - start)).toEqual([0, 1000, 3000, 7000]);
    expect(outbox.state('a')?.kind).toBe('sent');
    expect(states.at(-1)).toBe('sent');
    expect(await outbox.pending()).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('waits for Retry-After on 429', async () => {
    vi.useFakeTimers();
    const outcomes: SendOutcome[] = [{ kind: 'retry', retryAfterMs: 5000 }, SENT];
    const send = vi.fn(async () => outcomes.shift() ?? SENT);
    const outbox = createOutbox({ storage: memoryStorage(), send, accessToken: async () => undefined, backoff: NO_JITTER });
    await outbox.submit(body('a'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('drops a form the server refuses (4xx) and reports its message', async () => {
    const storage = memoryStorage();
    const refused: SendOutcome = { kind: 'rejected', status: 400, code: 'invalid_input', message: 'Dữ liệu không hợp lệ.' };
    const outbox = createOutbox({ storage, send: async () => refused, accessToken: async () => undefined });
    expect(await outbox.submit(body('a'))).toEqual(refused);
    expect(await outbox.pending()).toEqual([]);
  });

  it('sends what an earlier visit kept on the device, when flushed (start, network back)', async () => {
    const storage = memoryStorage();
    const first = createOutbox({ storage, send: async () => ({ kind: 'retry' }), accessToken: async () => undefined });
    await first.submit(body('kept'));
    const send = vi.fn(async () => SENT);
    const later = createOutbox({ storage, send, accessToken: async () => 'zalo-token' });
    await Promise.all([later.flush(), later.flush()]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ ...body('kept'), zaloAccessToken: 'zalo-token' });
    expect(await later.pending()).toEqual([]);
  });

  it('never stores the Zalo access token on the device', async () => {
    const storage = memoryStorage();
    const outbox = createOutbox({ storage, send: async () => ({ kind: 'retry' }), accessToken: async () => 'secret-token' });
    await outbox.submit(body('a'));
    expect(storage.data.get(OUTBOX_KEY)).not.toContain('secret-token');
  });
});
