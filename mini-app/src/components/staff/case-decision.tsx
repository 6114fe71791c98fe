import { useId, useState, type FormEvent } from 'react';
import { decideCase, type CaseStatus, type Decision, type UnitStaff } from '../../services/api/cases.ts';
import { StaffApiError } from '../../services/api/staff-http.ts';
import { formatDay } from '../../services/format/staff.ts';
import { CASE_STATUSES, isOpenCase, nextStatus } from './case-status.ts';
import { NoteHistory, type HandlingNote } from './note-history.tsx';
import './case-decision.css';

/** A case as every list of the API sums it up: its status, due day, whether it is overdue (the server's word) and its owner. */
export interface CaseFacts {
  readonly status: CaseStatus;
  readonly dueDay: string;
  readonly overdue: boolean;
  readonly owner: { readonly id: string; readonly username: string } | null;
}

/**
 * A case's due day, owner and history, and the one decision the API takes for it (POST
 * …/cases/:responseId): the same on Góp ý, Cảnh báo and the officer's page, so a case handled in
 * one place is handled everywhere. Closing (handled, unfounded) needs a note: the server says so in
 * its own words, shown here.
 */
export function CaseDecision(props: Props) {
  // A new decision (status or owner) starts the form afresh from it.
  return <DecisionForm key={`${props.facts.status}|${props.facts.owner?.id ?? ''}`} {...props} />;
}

interface Props {
  readonly unitId: string;
  readonly responseId: string;
  readonly facts: CaseFacts;
  /** The unit's staff, to pick an owner from; null while unknown (no picker). */
  readonly staff: readonly UnitStaff[] | null;
  readonly notes?: readonly HandlingNote[];
  /** Called with the server's answer: the note recorded and the case as it now stands. */
  readonly onDecided: (decision: Decision) => void;
}

function DecisionForm({
  unitId,
  responseId,
  facts,
  staff,
  notes = [],
  onDecided,
}: Props) {
  const id = useId();
  const [status, setStatus] = useState<CaseStatus>(nextStatus(facts.status));
  const [owner, setOwner] = useState(facts.owner?.id ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A closed case shows its outcome; the form opens on demand (to reopen, or to correct it).
  const [editing, setEditing] = useState(isOpenCase(facts.status));
  const owned = facts.owner ? facts.owner.username || (staff?.find((s) => s.id === facts.owner?.id)?.username ?? null) : null;
  const closing = !isOpenCase(status);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ownerStaffId = staff && owner !== (facts.owner?.id ?? '') ? owner || null : undefined;
      const decision = await decideCase(unitId, responseId, { status, note: note.trim(), ...(ownerStaffId !== undefined ? { ownerStaffId } : {}) });
      setNote('');
      onDecided(decision);
    } catch (err) {
      setError(err instanceof StaffApiError ? err.message : 'Chưa lưu được. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="case-box" data-case-status={facts.status}>
      <p className="case-facts">
        <span>
          Hạn xử lý: <time dateTime={facts.dueDay}>{formatDay(facts.dueDay)}</time>
          {facts.overdue && <strong className="case-overdue"> (quá hạn)</strong>}
        </span>
        <span>Người xử lý: {owned ?? 'chưa giao'}</span>
      </p>
      <NoteHistory notes={notes} />
      {!editing ? (
        <div className="note-actions no-print">
          <button type="button" className="staff-btn" onClick={() => setEditing(true)}>
            Mở lại hoặc sửa quyết định
          </button>
        </div>
      ) : (
        <form className="case-form no-print" aria-label="Quyết định xử lý" onSubmit={(e) => void submit(e)}>
          <div className="case-fields">
            <label className="staff-field">
              <span>Tình trạng hồ sơ</span>
              <select value={status} onChange={(e) => setStatus(e.target.value as CaseStatus)}>
                {CASE_STATUSES.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
            {staff && (
              <label className="staff-field">
                <span>Người xử lý</span>
                <select value={owner} onChange={(e) => setOwner(e.target.value)}>
                  <option value="">Chưa giao</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.username}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <label htmlFor={`${id}-note`} className="staff-small case-note-label">
            Kết quả, ghi chú xử lý{closing ? ' (bắt buộc khi đóng hồ sơ)' : ''}
          </label>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Ví dụ: đã làm việc với cán bộ, đã liên hệ người dân…"
          />
          <div className="note-actions">
            <button type="submit" className="staff-btn staff-btn-primary" disabled={busy}>
              Lưu quyết định
            </button>
          </div>
          {error && (
            <p className="staff-error-text" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
