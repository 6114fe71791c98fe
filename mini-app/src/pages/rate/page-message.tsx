import type { ReactNode } from 'react';

export interface PageMessageProps {
  readonly title: string;
  readonly children?: ReactNode;
  readonly busy?: boolean;
}

/** A full-screen message: loading, unknown QR code, no network. */
export function PageMessage({ title, children, busy = false }: PageMessageProps) {
  return (
    <section className="page-message" aria-busy={busy} role={busy ? 'status' : undefined}>
      {busy && <span className="spinner" aria-hidden="true" />}
      <h1 className="page-message-title">{title}</h1>
      {children}
    </section>
  );
}
