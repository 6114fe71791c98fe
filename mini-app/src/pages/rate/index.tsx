import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Page } from 'zmp-ui';
import { appOutbox } from '../../services/offline/outbox-instance.ts';
import type { DeliveryState, Outbox } from '../../services/offline/outbox.ts';
import { lastSendWithinWindow, rememberSend } from '../../services/offline/recent-sends.ts';
import { formatViTime } from '@hai-long/backend/domain/day';
import type { TicketClosedReason } from '../../services/api/public.ts';
import { isInsideZalo } from '../../services/zalo/env.ts';
import { isKioskMode } from '../../state/kiosk.ts';
import { KioskForm } from './kiosk-form.tsx';
import { PageMessage } from './page-message.tsx';
import { PendingBadge } from './pending-badge.tsx';
import { RatingForm } from './rating-form.tsx';
import { scrollToTop } from './scroll-to-top.ts';
import { ThankYou } from './thank-you.tsx';
import { TicketClosed } from './ticket-closed.tsx';
import { useLaunchParams } from './use-launch-params.ts';
import { usePoint } from './use-point.ts';
import './kiosk.css';
import './ticket.css';

interface Submitted {
  readonly clientId: string;
  readonly state: DeliveryState;
  readonly at: Date;
}

function recentNotice(at: Date): string {
  return (
    `Ông/Bà đã gửi một phiếu đánh giá tại đây lúc ${formatViTime(at)}. ` +
    'Mỗi lần giao dịch xin chỉ đánh giá một lần; nếu đây là lần giao dịch khác, Ông/Bà vẫn có thể gửi.'
  );
}

/** The rating screen, opened by the point token in the launch URL (`?q=<token>`, `&kiosk=1`). */
export function RatePage({ outbox = appOutbox() }: { readonly outbox?: Outbox }) {
  const { params, ready } = useLaunchParams();
  const { token } = params;
  const { state, retry } = usePoint(ready ? token : null);
  // `kiosk=1` in the link, or a kiosk point whatever the link says.
  const kiosk = isKioskMode(params.kiosk, state.kind === 'ready' ? state.point : null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [session, setSession] = useState(0);
  const [recentAt, setRecentAt] = useState<Date | null>(null);
  // A receipt ticket the server refused a response for (rated meanwhile, or expired while filling in).
  const [closed, setClosed] = useState<{ readonly reason: TicketClosedReason; readonly message: string } | null>(null);
  const onTicketClosed = useCallback((reason: TicketClosedReason, message: string) => {
    setClosed({ reason, message });
    scrollToTop();
  }, []);

  useEffect(() => {
    setRecentAt(null);
    if (!token || kiosk) return;
    let live = true;
    void lastSendWithinWindow(token).then((at) => live && setRecentAt(at));
    return () => {
      live = false;
    };
  }, [token, kiosk, session]);

  const onSubmitted = useCallback(
    (clientId: string, delivery: DeliveryState) => {
      const at = new Date();
      setSubmitted({ clientId, state: delivery, at });
      if (token && !kiosk) void rememberSend(token, at.getTime());
      scrollToTop();
    },
    [token, kiosk],
  );

  const resetForNextPerson = useCallback(() => {
    setSubmitted(null);
    setSession((n) => n + 1);
    scrollToTop();
  }, []);

  const notice = useMemo(() => (recentAt ? recentNotice(recentAt) : null), [recentAt]);

  let content;
  if (ready && !token) {
    content = (
      <PageMessage title="Không tìm thấy mã điểm đánh giá">
        <p>Vui lòng quét lại mã QR dán tại quầy tiếp nhận hồ sơ.</p>
      </PageMessage>
    );
  } else if (!ready || state.kind === 'loading') {
    content = <PageMessage title="Đang tải phiếu đánh giá…" busy />;
  } else if (state.kind === 'not-found') {
    content = (
      <PageMessage title="Mã QR không còn dùng được">
        <p>{state.message}</p>
        <p>Vui lòng quét mã QR đang dán tại quầy hoặc hỏi cán bộ tại quầy.</p>
      </PageMessage>
    );
  } else if (state.kind === 'ticket-closed') {
    content = <TicketClosed reason={state.reason} message={state.message} />;
  } else if (closed) {
    content = <TicketClosed reason={closed.reason} message={closed.message} />;
  } else if (state.kind === 'offline') {
    content = (
      <PageMessage title="Chưa tải được phiếu đánh giá">
        <p>Vui lòng kiểm tra kết nối mạng rồi thử lại.</p>
        <Button onClick={retry}>Thử lại</Button>
      </PageMessage>
    );
  } else if (submitted && token) {
    content = (
      <ThankYou
        unitName={state.point.unit.name}
        outbox={outbox}
        clientId={submitted.clientId}
        initial={submitted.state}
        sentAt={submitted.at}
        onReset={kiosk ? resetForNextPerson : undefined}
      />
    );
  } else if (token && kiosk) {
    content = <KioskForm key={session} token={token} point={state.point} outbox={outbox} onSubmitted={onSubmitted} />;
  } else if (token) {
    content = (
      <RatingForm
        key={session}
        token={token}
        point={state.point}
        outbox={outbox}
        notice={notice}
        channel={isInsideZalo() ? 'zalo' : 'web'}
        onSubmitted={onSubmitted}
        onTicketClosed={onTicketClosed}
      />
    );
  }

  return (
    <Page className={`rate-page${kiosk ? ' is-kiosk' : ''}`}>
      <main className="rate-main">
        {kiosk && <PendingBadge outbox={outbox} />}
        {content}
      </main>
    </Page>
  );
}
