import { useId, useState } from 'react';
import type { UnitStaff } from '../../services/api/cases.ts';
import { addNote, StaffApiError, type CommentItem, type FormView } from '../../services/api/staff.ts';
import { formatInstant } from '../../services/format/staff.ts';
import { CaseDecision } from './case-decision.tsx';
import { statusBadgeClass } from './case-status.ts';
import { NoteHistory } from './note-history.tsx';
import './comment-card.css';

/**
 * One comment or report, its level and issues labelled by `form` (the comments response's own):
 * every value is rendered as text by React (a "<script>" stays text). A response that opened a
 * case (a misconduct report, or "Rất không hài lòng" with a comment) is decided as a case: status,
 * owner, due day, a note to close. Any other comment takes a plain handling note.
 */
export function CommentCard({
  unitId,
  item,
  form,
  staff = null,
  onChanged,
}: {
  readonly unitId: string;
  readonly item: CommentItem;
  readonly form: FormView;
  /** The unit's staff, to give a case an owner (null: no picker). */
  readonly staff?: readonly UnitStaff[] | null;
  readonly onChanged: () => void;
}) {
  const level = form.levels.find((l) => l.value === item.level);
  const c = item.case;
  const overdue = c?.overdue ?? false;
  const done = c ? !['new', 'in_progress'].includes(c.status) : item.handled;
  const status = c ? c.status : item.handled ? 'handled' : 'new';

  return (
    <article className={`comment-card${done ? ' is-handled' : ''}${overdue ? ' is-overdue' : ''}`} data-comment-id={item.id}>
      <header className="comment-head">
        <span className={`badge lc-badge lc-${item.level ?? 0}`}>{level?.label ?? 'Không rõ mức'}</span>
        <span className={`badge ${statusBadgeClass(status)}`} data-status={c ? c.status : item.handled ? 'handled' : 'open'}>
          {c ? c.statusLabel : item.handled ? 'Đã xử lý' : 'Chưa xử lý'}
        </span>
        <time className="comment-time" dateTime={item.receivedAt}>
          {formatInstant(item.receivedAt)}
        </time>
      </header>
      <p className="comment-meta">
        {item.officer ? `Cán bộ: ${item.officer.name}` : 'Không chọn cán bộ'}
        {item.field ? ` · Lĩnh vực: ${item.field.name}` : ''}
      </p>
      {item.issues.length > 0 && (
        <ul className="issue-list" aria-label="Nội dung phản ánh">
          {item.issues.map((i) => (
            <li key={i} className="badge badge-flag">
              {form.issues.find((f) => f.key === i)?.label ?? i}
            </li>
          ))}
        </ul>
      )}
      {item.comment && <blockquote className="comment-text">{item.comment}</blockquote>}
      {c ? (
        <CaseDecision unitId={unitId} responseId={item.id} facts={c} staff={staff} notes={item.notes} onDecided={() => onChanged()} />
      ) : (
        <>
          <NoteHistory notes={item.notes} />
          <PlainNote unitId={unitId} item={item} onChanged={onChanged} />
        </>
      )}
    </article>
  );
}

/** A comment without a case: a note, and whether it has been dealt with. */
function PlainNote({ unitId, item, onChanged }: { readonly unitId: string; readonly item: CommentItem; readonly onChanged: () => void }) {
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(handled: boolean) {
    setBusy(true);
    setError(null);
    try {
      await addNote(unitId, item.id, handled, note.trim());
      setNote('');
      onChanged();
    } catch (e) {
      setError(e instanceof StaffApiError ? e.message : 'Chưa lưu được. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="note-form">
      <label htmlFor={`${id}-note`} className="staff-small">
        Ghi chú xử lý
      </label>
      <textarea id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Ví dụ: đã liên hệ người dân, đã chuyển bộ phận chuyên môn…" />
      <div className="note-actions">
        {item.handled ? (
          <button type="button" className="staff-btn" disabled={busy} onClick={() => void save(false)}>
            Mở lại
          </button>
        ) : (
          <button type="button" className="staff-btn staff-btn-primary" disabled={busy} onClick={() => void save(true)}>
            Ghi nhận đã xử lý
          </button>
        )}
      </div>
      {error && (
        <p className="staff-error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
