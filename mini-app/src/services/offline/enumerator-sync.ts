import type { SyncOp, SyncPostOutcome } from '../api/campaigns.ts';
import { pendingOps, type EnumeratorStore } from './enumerator-store.ts';

/** The server takes at most this many ops per POST. */
export const SYNC_BATCH = 500;

/** What one "Gửi dữ liệu" came to. */
export interface SyncSummary {
  /** Ops the server acknowledged ("stored" or "already"). */
  readonly acknowledged: number;
  readonly rejected: number;
  /** Ops still pending on the device after this run. */
  readonly left: number;
  /** Why the run stopped early (no network, a refused batch), in Vietnamese. */
  readonly error: string | null;
}

export type PostSync = (campaignId: string, deviceId: string, ops: readonly SyncOp[]) => Promise<SyncPostOutcome>;

export interface EnumeratorSync {
  /** Sends the campaign's pending ops in batches; a run already under way is joined, not doubled. */
  sync(campaignId: string): Promise<SyncSummary>;
  busy(campaignId: string): boolean;
}

/**
 * Sends what the device keeps, oldest first, SYNC_BATCH at a time, with the opIds they were made
 * with (never new ones: exactly once is the server's job). A failed POST stops the run and keeps
 * everything not yet answered for the next one.
 */
export function createEnumeratorSync(store: EnumeratorStore, post: PostSync): EnumeratorSync {
  const running = new Map<string, Promise<SyncSummary>>();

  async function run(campaignId: string): Promise<SyncSummary> {
    const deviceId = await store.deviceId();
    let acknowledged = 0;
    let rejected = 0;
    let error: string | null = null;
    const tried = new Set<string>();
    for (;;) {
      // Read again before every batch: ops added meanwhile go in the next one.
      const batch = pendingOps(await store.record(campaignId))
        .filter((op) => !tried.has(op.opId))
        .slice(0, SYNC_BATCH);
      if (batch.length === 0) break;
      for (const op of batch) tried.add(op.opId);
      const outcome = await post(campaignId, deviceId, batch);
      if (outcome.kind !== 'answered') {
        error = outcome.message;
        break;
      }
      await store.applyResults(campaignId, outcome.results);
      const sent = new Set(batch.map((op) => op.opId));
      for (const r of outcome.results) {
        if (!sent.has(r.opId)) continue;
        if (r.status === 'rejected') rejected += 1;
        else acknowledged += 1;
      }
    }
    const left = pendingOps(await store.record(campaignId)).length;
    return { acknowledged, rejected, left, error };
  }

  return {
    sync(campaignId) {
      const current = running.get(campaignId);
      if (current) return current;
      const p = run(campaignId).finally(() => running.delete(campaignId));
      running.set(campaignId, p);
      return p;
    },
    busy: (campaignId) => running.has(campaignId),
  };
}
