import { useCallback, useEffect, useState } from 'react';
import { loadPoint, type TicketClosedReason } from '../../services/api/public.ts';
import type { PublicPoint } from '../../services/api/types.ts';
import { cachedPoint, cachePoint } from '../../services/offline/point-cache.ts';

export type PointState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly point: PublicPoint }
  | { readonly kind: 'not-found'; readonly message: string }
  /** A receipt ticket rated already, or past its expiry: the server's words. */
  | { readonly kind: 'ticket-closed'; readonly reason: TicketClosedReason; readonly message: string }
  | { readonly kind: 'offline' };

/** Loads the point's form; falls back to the copy kept on the device when the network is down. */
export function usePoint(token: string | null): { readonly state: PointState; readonly retry: () => void } {
  const [state, setState] = useState<PointState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!token) return;
    let live = true;
    setState({ kind: 'loading' });
    void (async () => {
      const result = await loadPoint(token);
      if (!live) return;
      if (result.kind === 'ok') {
        setState({ kind: 'ready', point: result.point });
        void cachePoint(token, result.point);
      } else if (result.kind === 'not-found' || result.kind === 'ticket-closed') {
        setState(result);
      } else {
        const cached = await cachedPoint(token);
        if (live) setState(cached ? { kind: 'ready', point: cached } : { kind: 'offline' });
      }
    })();
    return () => {
      live = false;
    };
  }, [token, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
