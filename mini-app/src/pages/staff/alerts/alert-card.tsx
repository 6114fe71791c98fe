import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { CaseDecision } from '../../../components/staff/case-decision.tsx';
import type { HandlingNote } from '../../../components/staff/note-history.tsx';
import { statusBadgeClass } from '../../../components/staff/case-status.ts';
import { officerHref } from '../../../components/staff/officer-link.ts';
import { acknowledgeAlert, type AlertItem } from '../../../services/api/alerts.ts';
import type { UnitStaff } from '../../../services/api/cases.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import { formatInstant, ROLE_LABELS } from '../../../services/format/staff.ts';
import { alertCertainty, DELIVERY_WORDS, KIND_LABELS, officerTarget, RECIPIENT_STATUS } from './alert-words.ts';

/**
 * One alert: its kind, its one status (the case's, else new or seen), the short summary (the Zalo
 * message itself is for Zalo), the officer's page when it names one, whether Zalo delivered it,
 * and what to do: decide its case here (its status, due day, owner and overdue as the API sums
 * them up), or mark it seen. The list carries no case history: the decisions taken on this card
 * are shown under it (the full history is on Góp ý and the officer's page).
 */
export function AlertCard({
  unitId,
  alert,
  staff,
  linked,
  inGroup = false,
  onChanged,
}: {
  readonly unitId: string;
  readonly alert: AlertItem;
  /** Inside an officer's group, which links to the officer once for all its alerts. */
  readonly inGroup?: boolean;
  readonly staff: readonly UnitStaff[] | null;
  readonly linked: boolean;
  readonly onChanged: () => void;
}) {
  const card = useRef<HTMLElement>(null);
  const [decided, setDecided] = useState<readonly HandlingNote[]>([]);
  useEffect(() => {
    if (linked) card.current?.scrollIntoView({ block: 'center' });
  }, [linked]);
  const target = officerTarget(alert);
  const certainty = alertCertainty(alert);
  const closed = !['new', 'in_progress'].includes(alert.handling);
  const tone = closed ? ' is-handled' : certainty ? ` is-${certainty}` : '';
  return (
    <article
      ref={card}
      className={`comment-card alert-card${tone}${linked ? ' is-linked' : ''}`}
      data-alert-id={alert.id}
      data-kind={alert.kind}
      aria-current={linked ? 'true' : undefined}
    >
      <header className="comment-head">
        <span className="alert-kind">{KIND_LABELS[alert.kind] ?? alert.kind}</span>
        <span className={`badge ${statusBadgeClass(alert.handling)}`} data-handling={alert.handling}>
          {alert.handlingLabel}
        </span>
        <time className="comment-time" dateTime={alert.createdAt}>
          {formatInstant(alert.createdAt)}
        </time>
      </header>
      <p className="alert-summary">{alert.summary}</p>
      {target && alert.officer && !inGroup && (
        <p className="alert-links">
          <Link className="row-link" to={officerHref(target.officerId, target.range, target.form)}>
            Xem kết quả, hồ sơ của {alert.officer.name}
          </Link>
        </p>
      )}
      <Delivery alert={alert} />
      {alert.responseId && alert.case ? (
        <CaseDecision
          unitId={unitId}
          responseId={alert.responseId}
          facts={alert.case}
          notes={decided}
          staff={staff}
          onDecided={({ note }) => {
            setDecided((ns) => [...ns, note]);
            onChanged();
          }}
        />
      ) : (
        <Acknowledge unitId={unitId} alert={alert} onChanged={onChanged} />
      )}
    </article>
  );
}

/** Whether the Zalo messages reached everyone, and each recipient's state when asked. */
function Delivery({ alert }: { readonly alert: AlertItem }) {
  const problem = alert.delivery === 'failed' || alert.delivery === 'waiting';
  return (
    <details className="alert-delivery">
      <summary className={problem ? 'is-problem' : undefined}>
        {DELIVERY_WORDS[alert.delivery]}
        {alert.deliveries.length > 0 ? ` (${alert.deliveries.length} người nhận)` : ''}
      </summary>
      {alert.deliveries.length > 0 && (
        <ul className="note-list" aria-label="Người nhận">
          {alert.deliveries.map((d, i) => (
            <li key={`${d.staffId ?? 'x'}-${i}`}>
              {d.username ?? 'Người nhận'}
              {d.role ? ` (${ROLE_LABELS[d.role] ?? d.role})` : ''}: <strong>{RECIPIENT_STATUS[d.status] ?? d.status}</strong>
              {d.deliveredAt ? ` lúc ${formatInstant(d.deliveredAt)}` : ''}
              {d.reason ? ` – ${d.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** An alert without a case: who saw it, or a note and "Đánh dấu đã xem". */
function Acknowledge({ unitId, alert, onChanged }: { readonly unitId: string; readonly alert: AlertItem; readonly onChanged: () => void }) {
  const id = useId();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ack = alert.acknowledged;
  if (ack) {
    const by = alert.deliveries.find((d) => d.staffId === ack.by)?.username ?? (ack.by ? 'cán bộ' : 'quản trị');
    return (
      <p className="comment-meta">
        Đã xem: {by}, lúc {formatInstant(ack.at)}
        {ack.note ? ` – ${ack.note}` : ''}
      </p>
    );
  }
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
    <div className="note-form ack-form">
      <label htmlFor={`${id}-ack`} className="staff-small">
        Ghi chú khi đánh dấu đã xem (không bắt buộc)
      </label>
      <div className="ack-row">
        <input id={`${id}-ack`} type="text" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="button" className="staff-btn staff-btn-primary" disabled={busy} onClick={() => void acknowledge()}>
          Đánh dấu đã xem
        </button>
      </div>
      {error && (
        <p className="staff-error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
