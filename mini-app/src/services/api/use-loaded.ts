import { useCallback, useEffect, useRef, useState } from 'react';
import { StaffApiError } from './staff.ts';

export type Loaded<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ok'; readonly data: T; readonly at: Date };

/**
 * Loads with `load` whenever `key` changes, and again every `refreshMs` while the page is visible.
 * A refresh keeps the figures on screen (no flash to "loading"); only the newest answer is kept.
 */
export function useLoaded<T>(load: () => Promise<T>, key: string, refreshMs?: number): { state: Loaded<T>; reload: () => void; refreshing: boolean } {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback((soft: boolean) => {
    const ticket = ++latest.current;
    if (soft) setRefreshing(true);
    else setState({ kind: 'loading' });
    loadRef
      .current()
      .then((data) => ticket === latest.current && setState({ kind: 'ok', data, at: new Date() }))
      .catch((e: unknown) => {
        if (ticket !== latest.current) return;
        const message = e instanceof StaffApiError ? e.message : 'Đã có lỗi xảy ra. Vui lòng thử lại.';
        if (!soft) setState({ kind: 'error', message });
      })
      .finally(() => ticket === latest.current && setRefreshing(false));
  }, []);

  useEffect(() => run(false), [key, run]);

  useEffect(() => {
    if (!refreshMs) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') run(true);
    }, refreshMs);
    return () => clearInterval(id);
  }, [key, refreshMs, run]);

  return { state, reload: useCallback(() => run(true), [run]), refreshing };
}
