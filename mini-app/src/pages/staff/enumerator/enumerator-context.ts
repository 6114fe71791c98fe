import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { EnumeratorServices } from '../../../services/offline/enumerator-instance.ts';
import { pendingOps, type CampaignRecord } from '../../../services/offline/enumerator-store.ts';
import type { SyncSummary } from '../../../services/offline/enumerator-sync.ts';

/** The signed-in enumerator's device store and sync (a memory store in tests). */
export const EnumeratorContext = createContext<EnumeratorServices | null>(null);

export function useEnumerator(): EnumeratorServices {
  const v = useContext(EnumeratorContext);
  if (!v) throw new Error('useEnumerator outside EnumeratorContext');
  return v;
}

/** A campaign as the device keeps it, read again after every change of the store; null while reading. */
export function useCampaignRecord(campaignId: string): CampaignRecord | null {
  const { store } = useEnumerator();
  const [record, setRecord] = useState<CampaignRecord | null>(null);
  useEffect(() => {
    let live = true;
    let ticket = 0;
    const load = () => {
      const mine = ++ticket;
      void store.record(campaignId).then((r) => live && mine === ticket && setRecord(r));
    };
    load();
    const off = store.subscribe((id) => id === campaignId && load());
    return () => {
      live = false;
      off();
    };
  }, [store, campaignId]);
  return record;
}

/** navigator.onLine, followed. It says "no network" reliably; "online" may still fail, and a send says so. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => typeof navigator === 'undefined' || navigator.onLine !== false);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export interface SyncState {
  readonly busy: boolean;
  readonly last: SyncSummary | null;
  readonly run: () => Promise<void>;
}

/**
 * "Gửi dữ liệu", and the same on its own when the network comes back and when the screen opens
 * with ops waiting (not on a timer: a phone with no signal all day is not woken for nothing).
 */
export function useSync(campaignId: string, record: CampaignRecord | null): SyncState {
  const { sync } = useEnumerator();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SyncSummary | null>(null);
  const run = useCallback(async () => {
    setBusy(true);
    try {
      setLast(await sync.sync(campaignId));
    } finally {
      setBusy(false);
    }
  }, [sync, campaignId]);
  const waiting = record ? pendingOps(record).length : 0;
  const waitingRef = useRef(waiting);
  waitingRef.current = waiting;
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (tried || !record) return;
    setTried(true);
    if (waiting > 0 && navigator.onLine !== false) void run();
  }, [tried, record, waiting, run]);
  useEffect(() => {
    const online = () => {
      if (waitingRef.current > 0) void run();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [run]);
  return { busy, last, run };
}
