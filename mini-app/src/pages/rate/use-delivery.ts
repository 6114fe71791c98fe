import { useEffect, useState } from 'react';
import type { DeliveryState, Outbox } from '../../services/offline/outbox.ts';

/** The live delivery state of one form. */
export function useDelivery(outbox: Outbox, clientId: string, initial: DeliveryState): DeliveryState {
  const [state, setState] = useState<DeliveryState>(() => outbox.state(clientId) ?? initial);
  useEffect(() => {
    const current = outbox.state(clientId);
    if (current) setState(current);
    return outbox.subscribe((id, next) => {
      if (id === clientId) setState(next);
    });
  }, [outbox, clientId]);
  return state;
}
