import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { acknowledgeAlert, fetchAlerts, fetchRule, StaffApiError, type AlertItem, type SatisfactionRule } from '../../../services/api/staff.ts';
import { formatInstant, overThreshold, ROLE_LABELS } from '../../../services/format/staff.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
// The alerts are drawn as comment cards.
import '../../../components/staff/comment-card.css';

/** The alert's kind; the crossing names the rule's threshold once the rule is loaded. */
function kindLabel(kind: string, rule: SatisfactionRule | null): string {
  if (kind === 'response') return 'Phiếu không hài lòng';
  if (kind === 'crossing') return rule ? `Vượt ngưỡng: ${overThreshold(rule)} không hài lòng` : 'Vượt ngưỡng không hài lòng';
  if (kind === 'digest') return 'Tổng hợp trong ngày';
  return kind;
}
const DELIVERY: Record<string, string> = {
  delivered: 'Đã gửi tới',
  failed: 'Gửi không được',
  waiting: 'Đang chờ',
  sending: 'Đang gửi',
  pending: 'Đang chờ gửi',
  none: 'Chưa có người nhận',
};

/**
 * What was sent to whom, delivered or why not, acknowledged by whom. A link from a Zalo alert
 * (#/staff/alerts?unit=…&alert=…) highlights that alert and scrolls to it.
 */
export function AlertsPage() {
  const { unit } = useStaffUnit();
  const { state, reload } = useLoaded(useCallback(() => fetchAlerts(unit.id), [unit.id]), unit.id, 60_000);
  const ruleState = useLoaded(fetchRule, 'rule').state;
  const rule = ruleState.kind === 'ok' ? ruleState.data : null;
  const [params] = useSearchParams();
  const linked = params.get('alert');
  const linkedMissing = linked !== null && state.kind === 'ok' && state.data !== null && !state.data.some((a) => a.id === linked);
  return (
    <div className="staff-screen">
      <h1 className="staff-title">Cảnh báo</h1>
      {linkedMissing && (
        <p className="staff-notice" role="status">
          Không thấy cảnh báo trong đường liên kết ở danh sách của {unit.name}: có thể cảnh báo thuộc đơn vị khác hoặc đã quá cũ.
        </p>
      )}
      {state.kind !== 'ok' ? (
        <LoadState state={state} onRetry={reload} />
      ) : state.data === null ? (
        <p className="staff-empty">Chức năng cảnh báo qua Zalo chưa được bật trên máy chủ này. Khi bật, các cảnh báo đã gửi sẽ hiện ở đây.</p>
      ) : state.data.length === 0 ? (
        <p className="staff-empty">
          Chưa có cảnh báo nào. Khi có phiếu không hài lòng hoặc cán bộ {rule ? `có tỷ lệ ${overThreshold(rule)} không hài lòng` : 'vượt ngưỡng không hài lòng'}, cảnh báo
          sẽ hiện ở đây.
        </p>
      ) : (
        <div className="comment-list">
          {state.data.map((a) => (
            <AlertCard key={a.id} unitId={unit.id} alert={a} rule={rule} linked={a.id === linked} onChanged={reload} />
          ))}
        </div>
      )}
    </div>
  );
}

function AlertCard({
  unitId,
  alert,
  rule,
  linked,
  onChanged,
}: {
  readonly unitId: string;
  readonly alert: AlertItem;
  readonly rule: SatisfactionRule | null;
  readonly linked: boolean;
  readonly onChanged: () => void;
}) {
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (linked) card.current?.scrollIntoView({ block: 'center' });
  }, [linked]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ack = alert.acknowledged;
  const by = ack ? (alert.deliveries.find((d) => d.staffId === ack.by)?.username ?? (ack.by ? 'cán bộ' : 'quản trị')) : null;
  const noteId = `ack-${alert.id}`;

  async function acknowledge() {
    setBusy(true);
    setError(null);
    try {
      await acknowledgeAlert(unitId, alert.id, note.trim());
      onChanged();
    } catch (e) {
      setError(e instanceof StaffApiError ? e.message : 'Chưa lưu được.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <article ref={card} className={`comment-card${ack ? ' is-handled' : ''}${linked ? ' is-linked' : ''}`} data-alert-id={alert.id} aria-current={linked ? 'true' : undefined}>
      <header className="comment-head">
        <span className="badge badge-flag">{kindLabel(alert.kind, rule)}</span>
        <span className={`badge ${alert.status === 'failed' ? 'badge-flag' : alert.status === 'delivered' ? 'badge-ok' : 'badge-open'}`}>{DELIVERY[alert.status] ?? alert.status}</span>
        <time className="comment-time" dateTime={alert.createdAt}>
          {formatInstant(alert.createdAt)}
        </time>
      </header>
      <p className="comment-text alert-text">{alert.text}</p>
      {alert.deliveries.length > 0 && (
        <ul className="note-list" aria-label="Người nhận">
          {alert.deliveries.map((d, i) => (
            <li key={`${d.staffId ?? 'x'}-${i}`}>
              {d.username ?? 'Người nhận'}
              {d.role ? ` (${ROLE_LABELS[d.role] ?? d.role})` : ''}: <strong>{DELIVERY[d.status] ?? d.status}</strong>
              {d.deliveredAt ? ` lúc ${formatInstant(d.deliveredAt)}` : ''}
              {d.reason ? ` — ${d.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
      {ack ? (
        <p className="comment-meta">
          Đã xác nhận bởi {by} lúc {formatInstant(ack.at)}
          {ack.note ? `: ${ack.note}` : ''}
        </p>
      ) : (
        <div className="note-form">
          <label htmlFor={noteId} className="staff-small">
            Ghi chú khi xác nhận
          </label>
          <textarea id={noteId} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="note-actions">
            <button type="button" className="staff-btn staff-btn-primary" disabled={busy} onClick={() => void acknowledge()}>
              Xác nhận đã biết
            </button>
          </div>
          {error && <p className="staff-error-text">{error}</p>}
        </div>
      )}
    </article>
  );
}
