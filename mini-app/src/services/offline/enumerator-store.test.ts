import { describe, expect, it, vi } from 'vitest';
import type { SyncOp, SyncPostOutcome } from '../api/campaigns.ts';
import { memoryStorage } from '../../test-support/memory-storage.ts';
import { dayFixture, op } from '../../test-support/enumerator-fixture.ts';
import { createEnumeratorStore, pendingOps, rejectedOps } from './enumerator-store.ts';
import { createEnumeratorSync, SYNC_BATCH } from './enumerator-sync.ts';

const answered = (ops: readonly SyncOp[], status: (op: SyncOp) => 'stored' | 'already' | 'rejected' = () => 'stored'): SyncPostOutcome => ({
  kind: 'answered',
  results: ops.map((o) => (status(o) === 'rejected' ? { opId: o.opId, status: 'rejected', error: { code: 'outside_window', message: 'Ngoài thời gian khảo sát (thử).' } } : { opId: o.opId, status: status(o) })),
});

describe('the enumerator store', () => {
  it('keeps the day and the ops across a reload (a new store on the same storage)', async () => {
    const storage = memoryStorage();
    const first = createEnumeratorStore({ storage, user: 'dtv1' });
    await first.saveDay('c1', dayFixture());
    const a = op('response', 'a-o1');
    await first.addOp('c1', a);
    await first.addOp('c1', op('refused', 'a-o2'));
    await first.addOp('c1', a);

    const again = createEnumeratorStore({ storage, user: 'dtv1' });
    const r = await again.record('c1');
    expect(r.day?.campaign.id).toBe('c1');
    expect(pendingOps(r).map((o) => `${o.kind}:${o.entryId}`)).toEqual(['response:a-o1', 'refused:a-o2']);
    // Another enumerator on the same phone sees none of it.
    expect((await createEnumeratorStore({ storage, user: 'dtv2' }).record('c1')).ops).toEqual([]);
    // The stored ops carry the entry id and the answers, never the respondent's name.
    expect([...storage.data.entries()].find(([k]) => k.endsWith('campaign.c1'))![1]).toContain('"ops":[{"op":{"opId"');
    expect(JSON.stringify((await again.record('c1')).ops)).not.toContain('Người a-o1');
  });

  it('a downloaded day again keeps the ops', async () => {
    const store = createEnumeratorStore({ storage: memoryStorage(), user: 'dtv1' });
    await store.addOp('c1', op('response', 'a-o1'));
    await store.saveDay('c1', dayFixture());
    expect(pendingOps(await store.record('c1'))).toHaveLength(1);
  });

  it('keeps one device id', async () => {
    const storage = memoryStorage();
    const id = await createEnumeratorStore({ storage, user: 'x' }).deviceId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await createEnumeratorStore({ storage, user: 'y' }).deviceId()).toBe(id);
  });
});

describe('sync', () => {
  it('removes exactly the acknowledged ops, writes their outcome into the list, keeps the rejected one aside and the unanswered one pending', async () => {
    const store = createEnumeratorStore({ storage: memoryStorage(), user: 'dtv1' });
    await store.saveDay('c1', dayFixture());
    const [stored, already, rejected, unanswered] = [op('response', 'a-o1'), op('refused', 'a-o2'), op('response', 'a-o3'), op('response', 'b-o1')];
    for (const o of [stored, already, rejected, unanswered]) await store.addOp('c1', o!);
    const post = vi.fn(async (_c: string, _d: string, ops: readonly SyncOp[]) =>
      answered(
        ops.filter((o) => o.opId !== unanswered!.opId),
        (o) => (o.opId === already!.opId ? 'already' : o.opId === rejected!.opId ? 'rejected' : 'stored'),
      ),
    );
    const summary = await createEnumeratorSync(store, post).sync('c1');
    expect(summary).toEqual({ acknowledged: 2, rejected: 1, left: 1, error: null });
    const r = await store.record('c1');
    expect(pendingOps(r).map((o) => o.opId)).toEqual([unanswered!.opId]);
    expect(rejectedOps(r).map((s) => [s.op.opId, s.rejected?.message])).toEqual([[rejected!.opId, 'Ngoài thời gian khảo sát (thử).']]);
    const status = Object.fromEntries(r.day!.units[0]!.entries.map((e) => [e.entryId, e.status]));
    expect(status).toMatchObject({ 'a-o1': 'done', 'a-o2': 'refused', 'a-o3': 'pending' });

    // The rejected op is not sent again; the unanswered one is, with the same opId.
    post.mockClear();
    await createEnumeratorSync(store, post).sync('c1');
    expect(post.mock.calls.map((c) => c[2].map((o) => o.opId))).toEqual([[unanswered!.opId]]);
    await store.dismiss('c1', rejected!.opId);
    expect((await store.record('c1')).ops.map((s) => s.op.opId)).toEqual([unanswered!.opId]);
  });

  it('keeps every op when the POST fails, and sends them with the same opIds next time', async () => {
    const store = createEnumeratorStore({ storage: memoryStorage(), user: 'dtv1' });
    const ops = [op('response', 'a-o1'), op('unreachable', 'a-o2')];
    for (const o of ops) await store.addOp('c1', o);
    const failing = vi.fn(async (): Promise<SyncPostOutcome> => ({ kind: 'retry', message: 'Không có mạng (thử).' }));
    expect(await createEnumeratorSync(store, failing).sync('c1')).toEqual({ acknowledged: 0, rejected: 0, left: 2, error: 'Không có mạng (thử).' });
    const refusing = vi.fn(async (): Promise<SyncPostOutcome> => ({ kind: 'refused', status: 403, message: 'Không được giao (thử).' }));
    expect((await createEnumeratorSync(store, refusing).sync('c1')).left).toBe(2);
    expect(pendingOps(await store.record('c1'))).toEqual(ops);

    const seen: string[] = [];
    const ok = vi.fn(async (_c: string, _d: string, batch: readonly SyncOp[]) => {
      seen.push(...batch.map((o) => o.opId));
      return answered(batch);
    });
    expect((await createEnumeratorSync(store, ok).sync('c1')).left).toBe(0);
    expect(seen).toEqual(ops.map((o) => o.opId));
  });

  it('sends at most 500 ops per POST, oldest first, and joins a run already under way', async () => {
    const store = createEnumeratorStore({ storage: memoryStorage(), user: 'dtv1' });
    const ops = Array.from({ length: SYNC_BATCH + 20 }, (_, i) => op('response', `e${i}`));
    for (const o of ops) await store.addOp('c1', o);
    const post = vi.fn(async (_c: string, _d: string, batch: readonly SyncOp[]) => answered(batch));
    const sync = createEnumeratorSync(store, post);
    const [a, b] = await Promise.all([sync.sync('c1'), sync.sync('c1')]);
    expect(a).toBe(b);
    expect(post.mock.calls.map((c) => c[2].length)).toEqual([SYNC_BATCH, 20]);
    expect(post.mock.calls.flatMap((c) => c[2].map((o) => o.opId))).toEqual(ops.map((o) => o.opId));
    expect(a.acknowledged).toBe(ops.length);
  });
});
