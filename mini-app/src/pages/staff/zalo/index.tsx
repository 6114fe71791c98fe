import { useEffect, useState } from 'react';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { fetchZaloLink, issueZaloLinkCode, unlinkZalo, type LinkCode } from '../../../services/api/zalo-link.ts';
import { formatInstant } from '../../../services/format/staff.ts';
import { LinkCodePanel } from './link-code-panel.tsx';
import { UnlinkPanel } from './unlink-panel.tsx';
import './zalo.css';

// While a code is shown, the screen asks every few seconds whether the OA has received it.
const POLL_MS = 3000;

/**
 * The signed-in staff member's own Zalo link (#/staff/zalo): whether it is linked, a one-time code
 * to send to the Official Account in Zalo (shown big, with its expiry), and unlinking after a
 * confirmation. Linked, alerts reach this person in Zalo and the Mini App signs them in by Zalo.
 */
export function ZaloLinkPage() {
  const { state, reload } = useLoaded(fetchZaloLink, 'zalo-link');
  const [code, setCode] = useState<LinkCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const linked = state.kind === 'ok' && state.data.linked;
  const live = code !== null && Date.parse(code.expiresAt) > now;

  // Waiting for the code to arrive: poll, and tick the time left.
  useEffect(() => {
    if (!live) return;
    const id = setInterval(() => {
      setNow(Date.now());
      reload();
    }, POLL_MS);
    return () => clearInterval(id);
  }, [live, reload]);
  // The code arrived: linked.
  useEffect(() => {
    if (code && linked) {
      setCode(null);
      setDone('Đã liên kết Zalo. Từ nay cảnh báo sẽ được gửi tới tài khoản Zalo này.');
    }
  }, [code, linked]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof StaffApiError ? e.message : 'Chưa thực hiện được. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  }
  const issue = () =>
    run(async () => {
      setCode(await issueZaloLinkCode());
      setNow(Date.now());
    });
  const unlink = () =>
    run(async () => {
      await unlinkZalo();
      setCode(null);
      setDone('Đã huỷ liên kết Zalo. Cảnh báo sẽ không còn gửi tới Zalo của bạn.');
      reload();
    });

  return (
    <div className="staff-screen zalo-screen">
      <h1 className="staff-title">Liên kết Zalo</h1>
      <p className="staff-muted zalo-intro">
        Liên kết tài khoản Zalo của bạn với tài khoản cán bộ này để nhận cảnh báo (phiếu rất không hài lòng, phản ánh tiêu cực, cán bộ vượt ngưỡng, hồ sơ quá hạn) qua
        Zalo OA của hệ thống, và để đăng nhập bằng Zalo trong Mini App.
      </p>
      {state.kind !== 'ok' ? (
        <LoadState state={state} onRetry={reload} />
      ) : (
        <section className="staff-card zalo-card" aria-labelledby="zalo-state-h">
          <h2 id="zalo-state-h" className="zalo-state" data-linked={linked ? 'yes' : 'no'}>
            Trạng thái: <span className={`badge ${linked ? 'badge-ok' : 'badge-open'}`}>{linked ? 'Đã liên kết' : 'Chưa liên kết'}</span>
          </h2>
          {linked && state.data.linkedAt && <p>Liên kết từ {formatInstant(state.data.linkedAt)}.</p>}
          {done && (
            <p className="zalo-done" role="status">
              {done}
            </p>
          )}
          {code ? (
            <LinkCodePanel code={code} now={now} busy={busy} onNewCode={() => void issue()} />
          ) : linked ? (
            <UnlinkPanel busy={busy} onUnlink={() => void unlink()} />
          ) : (
            <div className="zalo-actions">
              <button type="button" className="staff-btn staff-btn-primary" disabled={busy} onClick={() => void issue()}>
                Lấy mã liên kết
              </button>
            </div>
          )}
          {error && (
            <p className="staff-error-text" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
