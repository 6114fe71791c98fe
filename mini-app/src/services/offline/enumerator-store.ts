import type { Assignment, EnumeratorDay, EntryStatus, SyncOp, SyncResult } from '../api/campaigns.ts';
import type { DeviceStorage } from '../zalo/storage.ts';
import { newClientId } from './client-id.ts';

/** An op kept on the device until the server acknowledges it; a refused one stays, with the server's words. */
export interface StoredOp {
  readonly op: SyncOp;
  readonly savedAt: number;
  readonly rejected?: { readonly code: string; readonly message: string };
}

/** One campaign on the device: the day as last downloaded, and the ops not yet acknowledged. */
export interface CampaignRecord {
  readonly day: EnumeratorDay | null;
  readonly downloadedAt: number | null;
  readonly ops: readonly StoredOp[];
}

export interface EnumeratorStore {
  record(campaignId: string): Promise<CampaignRecord>;
  /** Replaces the downloaded day; ops kept on the device stay as they are. */
  saveDay(campaignId: string, day: EnumeratorDay): Promise<void>;
  /** Keeps an op at once (the same opId twice is kept once). */
  addOp(campaignId: string, op: SyncOp): Promise<void>;
  /**
   * The server's answers: "stored" and "already" remove their op and write its outcome into the
   * day's list; "rejected" keeps it aside with the message. Ops without an answer stay pending.
   */
  applyResults(campaignId: string, results: readonly SyncResult[]): Promise<void>;
  /** Removes a rejected op the enumerator has read (it would be rejected again). */
  dismiss(campaignId: string, opId: string): Promise<void>;
  assignments(): Promise<{ readonly list: readonly Assignment[]; readonly at: number } | null>;
  saveAssignments(list: readonly Assignment[]): Promise<void>;
  /** This device's id for the sync log, made once. */
  deviceId(): Promise<string>;
  /** Called after every change, with the campaign it touched (null: the assignments). */
  subscribe(listener: (campaignId: string | null) => void): () => void;
}

export interface EnumeratorStoreDeps {
  readonly storage: DeviceStorage;
  /** Whose work this is: two enumerators sharing a phone never see or send each other's ops. */
  readonly user: string;
  readonly now?: () => number;
}

export const ENUMERATOR_PREFIX = 'hailong.enumerator.v1.';
const EMPTY: CampaignRecord = { day: null, downloadedAt: null, ops: [] };

const OUTCOME: Record<SyncOp['kind'], EntryStatus> = { response: 'done', refused: 'refused', unreachable: 'unreachable' };

/** The day with the outcome of acknowledged ops written into its entries. */
function withOutcomes(day: EnumeratorDay, ops: readonly SyncOp[]): EnumeratorDay {
  if (ops.length === 0) return day;
  const status = new Map(ops.map((op) => [op.entryId, OUTCOME[op.kind]]));
  return {
    ...day,
    units: day.units.map((u) => ({ ...u, entries: u.entries.map((e) => (status.has(e.entryId) ? { ...e, status: status.get(e.entryId)! } : e)) })),
  };
}

export function createEnumeratorStore(deps: EnumeratorStoreDeps): EnumeratorStore {
  const now = deps.now ?? Date.now;
  const base = `${ENUMERATOR_PREFIX}${deps.user}.`;
  const campaignKey = (id: string) => `${base}campaign.${id}`;
  const listeners = new Set<(campaignId: string | null) => void>();
  let chain: Promise<unknown> = Promise.resolve();

  async function read<T>(key: string, fallback: T): Promise<T> {
    try {
      const raw = await deps.storage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : fallback;
    } catch {
      return fallback;
    }
  }

  /** Read-modify-write of one key, one at a time (a sync's answer and a new op never overwrite each other). */
  function update<T>(key: string, fallback: T, change: (value: T) => T, campaignId: string | null): Promise<T> {
    const next = chain.then(async () => {
      const value = change(await read(key, fallback));
      await deps.storage.setItem(key, JSON.stringify(value));
      return value;
    });
    chain = next.catch(() => undefined);
    return next.then((value) => {
      for (const l of listeners) l(campaignId);
      return value;
    });
  }

  const updateRecord = (id: string, change: (r: CampaignRecord) => CampaignRecord) => update(campaignKey(id), EMPTY, change, id).then(() => undefined);

  return {
    record: (id) => read(campaignKey(id), EMPTY),
    saveDay: (id, day) => updateRecord(id, (r) => ({ ...r, day, downloadedAt: now() })),
    addOp: (id, op) =>
      updateRecord(id, (r) => (r.ops.some((s) => s.op.opId === op.opId) ? r : { ...r, ops: [...r.ops, { op, savedAt: now() }] })),
    applyResults: (id, results) =>
      updateRecord(id, (r) => {
        const answer = new Map(results.map((x) => [x.opId, x]));
        const acknowledged: SyncOp[] = [];
        const ops: StoredOp[] = [];
        for (const s of r.ops) {
          const a = answer.get(s.op.opId);
          if (a?.status === 'stored' || a?.status === 'already') acknowledged.push(s.op);
          else if (a?.status === 'rejected')
            ops.push({ ...s, rejected: { code: a.error?.code ?? 'rejected', message: a.error?.message ?? 'Máy chủ không nhận thao tác này.' } });
          else ops.push(s);
        }
        return { ...r, day: r.day && withOutcomes(r.day, acknowledged), ops };
      }),
    dismiss: (id, opId) => updateRecord(id, (r) => ({ ...r, ops: r.ops.filter((s) => !(s.op.opId === opId && s.rejected)) })),
    assignments: () => read(`${base}assignments`, null),
    saveAssignments: (list) => update(`${base}assignments`, null, () => ({ list, at: now() }), null).then(() => undefined),
    async deviceId() {
      const key = `${ENUMERATOR_PREFIX}device`;
      const known = await deps.storage.getItem(key);
      if (known) return known;
      const id = newClientId(now());
      await deps.storage.setItem(key, id);
      return id;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Ops still to send (not refused), in the order they were made. */
export const pendingOps = (r: CampaignRecord): SyncOp[] => r.ops.filter((s) => !s.rejected).map((s) => s.op);
/** Ops the server refused, with its message. */
export const rejectedOps = (r: CampaignRecord): StoredOp[] => r.ops.filter((s) => s.rejected);
