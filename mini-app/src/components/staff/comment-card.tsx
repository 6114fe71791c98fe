import { useState } from 'react';
import { addNote, StaffApiError, type CommentItem, type FormView } from '../../services/api/staff.ts';
import { formatInstant } from '../../services/format/staff.ts';
import './comment-card.css';

/**
 * One comment or report, its level and issues labelled by `form` (the comments response's own):
 * every value is rendered as text by React (a "<script>" stays text).
 */
export function CommentCard({ unitId, item, form, onChanged }: { readonly unitId: string; readonly item: CommentItem; readonly form: FormView; readonly onChanged: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const level = form.levels.find((l) => l.value === item.level);
  const noteId = `note-${item.id}`;

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
    <article className={`comment-card${item.handled ? ' is-handled' : ''}`} data-comment-id={item.id}>
      <header className="comment-head">
        <span className={`badge lc-badge lc-${item.level ?? 0}`}>{level?.label ?? 'Không rõ mức'}</span>
        <span className={`badge ${item.handled ? 'badge-ok' : 'badge-open'}`} data-status={item.handled ? 'handled' : 'open'}>
          {item.handled ? 'Đã xử lý' : 'Chưa xử lý'}
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
      {item.notes.length > 0 && (
        <ol className="note-list" aria-label="Lịch sử xử lý">
          {item.notes.map((n) => (
            <li key={n.id}>
              <strong>{n.handled ? 'Đã xử lý' : 'Mở lại'}</strong> · {n.author} · {formatInstant(n.createdAt)}
              {n.note && <p className="note-text">{n.note}</p>}
            </li>
          ))}
        </ol>
      )}
      <div className="note-form">
        <label htmlFor={noteId} className="staff-small">
          Ghi chú xử lý
        </label>
        <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Ví dụ: đã liên hệ người dân, đã nhắc nhở cán bộ…" />
        <div className="note-actions">
          {item.handled ? (
            <button type="button" className="staff-btn" disabled={busy} onClick={() => void save(false)}>
              Mở lại
            </button>
          ) : (
            <button type="button" className="staff-btn staff-btn-primary" disabled={busy} onClick={() => void save(true)}>
              Đánh dấu đã xử lý
            </button>
          )}
        </div>
        {error && (
          <p className="staff-error-text" role="alert">
            {error}
          </p>
        )}
      </div>
    </article>
  );
}
