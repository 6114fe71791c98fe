import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { ResponseBody, ResponseReceipt } from '../api/types.ts';
import type { SendOutcome } from '../api/public.ts';
import type { DeviceStorage } from '../zalo/storage.ts';

/** Where one filled form is on its way to the server (shown to the citizen). */
export type DeliveryState =
  | { readonly kind: 'sending' }
  | { readonly kind: 'queued' }
  | { readonly kind: 'sent'; readonly receipt: ResponseReceipt }
  | { readonly kind: 'rejected'; readonly status: number; readonly code: string; readonly message: string };

interface StoredItem {
  readonly body: ResponseBody;
  readonly savedAt: number;
}

export interface OutboxDeps {
  readonly storage: DeviceStorage;
  readonly send: (body: ResponseBody) => Promise<SendOutcome>;
  readonly accessToken: () => Promise<string | undefined>;
  readonly backoff?: BackoffOptions;
  readonly now?: () => number;
}

export interface Outbox {
  /** Keeps the form on the device, then tries to send it; resolves with the state after that try. */
  submit(body: ResponseBody): Promise<DeliveryState>;
  /** Sends everything kept on the device (on start and when the network returns). */
  flush(): Promise<void>;
  state(clientId: string): DeliveryState | undefined;
  subscribe(listener: (clientId: string, state: DeliveryState) => void): () => void;
  pending(): Promise<readonly ResponseBody[]>;
}

export const OUTBOX_KEY = 'hailong.outbox.v1';

export function createOutbox(deps: OutboxDeps): Outbox {
  const states = new Map<string, DeliveryState>();
  const inFlight = new Set<string>();
  const attempts = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const listeners = new Set<(clientId: string, state: DeliveryState) => void>();
  const now = deps.now ?? Date.now;
  let storageChain: Promise<unknown> = Promise.resolve();

  function setState(clientId: string, state: DeliveryState): void {
    states.set(clientId, state);
    for (const listener of listeners) listener(clientId, state);
  }

  async function readItems(): Promise<StoredItem[]> {
    try {
      const parsed: unknown = JSON.parse((await deps.storage.getItem(OUTBOX_KEY)) ?? '[]');
      return Array.isArray(parsed) ? (parsed as StoredItem[]) : [];
    } catch {
      return [];
    }
  }

  /** Read-modify-write of the stored list, one at a time. */
  function update(change: (items: StoredItem[]) => StoredItem[]): Promise<StoredItem[]> {
    const next = storageChain.then(async () => {
      const items = change(await readItems());
      await deps.storage.setItem(OUTBOX_KEY, JSON.stringify(items));
      return items;
    });
    storageChain = next.catch(() => undefined);
    return next;
  }

  function schedule(body: ResponseBody, delayMs: number): void {
    clearTimeout(timers.get(body.clientId));
    timers.set(body.clientId, setTimeout(() => void attempt(body), delayMs));
  }

  async function attempt(body: ResponseBody): Promise<void> {
    const id = body.clientId;
    if (inFlight.has(id)) return;
    inFlight.add(id);
    clearTimeout(timers.get(id));
    timers.delete(id);
    try {
      if (states.get(id)?.kind !== 'queued') setState(id, { kind: 'sending' });
      const zaloAccessToken = await deps.accessToken();
      const outcome = await deps.send(zaloAccessToken ? { ...body, zaloAccessToken } : body);
      if (outcome.kind === 'retry') {
        const n = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, n);
        setState(id, { kind: 'queued' });
        schedule(body, outcome.retryAfterMs ?? backoffDelay(n, deps.backoff ?? DEFAULT_BACKOFF));
        return;
      }
      await update((items) => items.filter((item) => item.body.clientId !== id));
      attempts.delete(id);
      setState(id, outcome.kind === 'sent' ? { kind: 'sent', receipt: outcome.receipt } : outcome);
    } finally {
      inFlight.delete(id);
    }
  }

  return {
    async submit(body) {
      setState(body.clientId, { kind: 'sending' });
      await update((items) =>
        items.some((item) => item.body.clientId === body.clientId) ? items : [...items, { body, savedAt: now() }],
      );
      await attempt(body);
      return states.get(body.clientId) ?? { kind: 'queued' };
    },
    async flush() {
      const items = await readItems();
      await Promise.all(items.map((item) => attempt(item.body)));
    },
    state: (clientId) => states.get(clientId),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async pending() {
      return (await readItems()).map((item) => item.body);
    },
  };
}
