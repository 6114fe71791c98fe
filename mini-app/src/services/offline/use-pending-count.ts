import { useEffect, useState } from 'react';
import type { Outbox } from './outbox.ts';

/** How many filled forms the outbox keeps on the device, not yet sent; follows every delivery change. */
export function usePendingCount(outbox: Outbox): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let latest = 0;
    let live = true;
    const recount = () => {
      const ticket = ++latest;
      outbox.pending().then(
        (items) => live && ticket === latest && setCount(items.length),
        () => undefined,
      );
    };
    recount();
    const unsubscribe = outbox.subscribe(recount);
    window.addEventListener('online', recount);
    return () => {
      live = false;
      unsubscribe();
      window.removeEventListener('online', recount);
    };
  }, [outbox]);
  return count;
}
