import { describe, expect, it } from 'vitest';
import { WorkGate, WorkGateFull } from './work-gate.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('WorkGate', () => {
  it('runs at most `concurrency` at once and the rest in arrival order', async () => {
    const gate = new WorkGate({ concurrency: 2, maxQueued: 10, perKey: 10 });
    const order: number[] = [];
    const blockers = [deferred(), deferred(), deferred(), deferred()];
    const runs = blockers.map((b, i) =>
      gate.run('k', async () => {
        order.push(i);
        await b.promise;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([0, 1]);
    expect(gate.stats()).toMatchObject({ active: 2, queued: 2 });
    blockers[1]!.resolve();
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([0, 1, 2]);
    for (const b of blockers) b.resolve();
    await Promise.all(runs);
    expect(gate.stats()).toEqual({ active: 0, queued: 0, maxActiveSeen: 2 });
  });

  it('refuses a key past its share at once, and other keys still get in', async () => {
    const gate = new WorkGate({ concurrency: 1, maxQueued: 10, perKey: 2 });
    const hold = deferred();
    const a1 = gate.run('a', () => hold.promise);
    const a2 = gate.run('a', () => hold.promise);
    await expect(gate.run('a', async () => 'never')).rejects.toEqual(new WorkGateFull('key'));
    const b = gate.run('b', async () => 'b ran');
    hold.resolve();
    await expect(b).resolves.toBe('b ran');
    await Promise.all([a1, a2]);
  });

  it('refuses when the queue is full, and frees the key when the work throws', async () => {
    const gate = new WorkGate({ concurrency: 1, maxQueued: 1, perKey: 5 });
    const hold = deferred();
    const running = gate.run('a', () => hold.promise);
    const queued = gate.run('b', async () => {
      throw new Error('boom');
    });
    await expect(gate.run('c', async () => 1)).rejects.toEqual(new WorkGateFull('queue'));
    hold.resolve();
    await running;
    await expect(queued).rejects.toThrow('boom');
    await expect(gate.run('b', async () => 'again')).resolves.toBe('again');
  });
});
