import type { DeliveryState } from '../../services/offline/outbox.ts';

const TEXT: Record<DeliveryState['kind'], string> = {
  sending: 'Đang gửi…',
  queued: 'Đã lưu trên máy, sẽ gửi khi có mạng.',
  sent: 'Đã gửi thành công.',
  rejected: 'Không gửi được.',
};

export interface DeliveryStatusProps {
  readonly state: DeliveryState;
}

/** Where the citizen's form is: sending, kept on the phone until the network returns, or sent. */
export function DeliveryStatus({ state }: DeliveryStatusProps) {
  return (
    <p className={`delivery delivery-${state.kind}`} role="status" aria-live="polite" data-delivery={state.kind}>
      <span className="delivery-dot" aria-hidden="true" />
      {state.kind === 'rejected' ? state.message : TEXT[state.kind]}
    </p>
  );
}
