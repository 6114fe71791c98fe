import type { TicketClosedReason } from '../../services/api/public.ts';

export interface TicketClosedProps {
  readonly reason: TicketClosedReason;
  /** The server's Vietnamese words: thanks for a used ticket, the way to the counter's QR for an expired one. */
  readonly message: string;
}

const TITLE: Record<TicketClosedReason, string> = {
  used: 'Hồ sơ này đã được đánh giá',
  expired: 'Mã QR của hồ sơ đã hết hạn',
};

/**
 * A receipt ticket that has done its work: rated already (a thank-you, nothing to fix), or past
 * its expiry (the way left: the QR code at the counter). Not an error page.
 */
export function TicketClosed({ reason, message }: TicketClosedProps) {
  return (
    <section className={`page-message ticket-closed is-${reason}`} aria-labelledby="ticket-closed-title">
      <svg className="ticket-closed-icon" viewBox="0 0 48 48" width="64" height="64" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" />
        {reason === 'used' ? (
          <path d="M14 24.5l7 7 13-14" fill="none" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
        ) : (
          <path d="M24 12v13l8 5" fill="none" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
        )}
      </svg>
      <h1 id="ticket-closed-title" className="page-message-title">
        {TITLE[reason]}
      </h1>
      <p className="ticket-closed-message">{message}</p>
    </section>
  );
}
