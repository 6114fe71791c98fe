import type { Config } from '../config.ts';
import type { Db } from '../db/create-db.ts';
import type { Logger } from '../logger.ts';
import { OaClient } from './oa-client.ts';
import { OaTokenStore } from './token-store.ts';

export type WorkKind = 'outbox' | 'events';

const OUTBOX_RING_MS = 250;

/**
 * This process's Zalo side: the shared token store, the OA client, and a doorbell that wakes
 * the jobs when work was committed (alerts, webhook events) instead of waiting for the poll.
 */
export class ZaloRuntime {
  readonly tokens: OaTokenStore;
  readonly oa: OaClient;
  readonly #listeners = new Set<(kind: WorkKind) => void>();
  #pendingOutbox = false;
  #ringScheduled = false;
  #lastRing = 0;

  constructor(parts: { db: Db; config: Config; now: () => Date; logger: Logger }) {
    this.tokens = new OaTokenStore(parts);
    this.oa = new OaClient(parts.config, this.tokens);
  }

  onWork(listener: (kind: WorkKind) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(kind: WorkKind): void {
    for (const l of this.#listeners) setImmediate(() => l(kind));
  }

  /** Called inside a transaction that enqueued messages; the ring waits for the commit. */
  markOutboxPending(): void {
    this.#pendingOutbox = true;
  }

  /**
   * Called after a response batch committed. Rings are coalesced to one per OUTBOX_RING_MS: under
   * load nearly every batch may enqueue an alert, and a dispatcher woken per commit would compete
   * with the writer for the database; a quarter of a second is nothing for a chairman's alert.
   */
  afterCommit(): void {
    if (!this.#pendingOutbox || this.#ringScheduled) return;
    this.#pendingOutbox = false;
    this.#ringScheduled = true;
    const wait = Math.max(0, this.#lastRing + OUTBOX_RING_MS - Date.now());
    setTimeout(() => {
      this.#ringScheduled = false;
      this.#lastRing = Date.now();
      this.notify('outbox');
    }, wait).unref();
  }
}
