import type { Outbox } from '../../services/offline/outbox.ts';
import { usePendingCount } from '../../services/offline/use-pending-count.ts';

export function pendingText(count: number): string {
  return `${count} phiếu đang chờ gửi`;
}

/** Kiosk mode: a small line when forms are kept on the tablet until the network returns. */
export function PendingBadge({ outbox }: { readonly outbox: Outbox }) {
  const count = usePendingCount(outbox);
  return (
    <p className="kiosk-pending" role="status">
      {count > 0 && (
        <>
          <span className="kiosk-pending-dot" aria-hidden="true" />
          {pendingText(count)}
        </>
      )}
    </p>
  );
}
