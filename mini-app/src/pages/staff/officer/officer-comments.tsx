import { caseStatusLabel } from '../../../components/staff/case-status.ts';
import type { OfficerSummary } from '../../../services/api/cases.ts';
import { formatInstant } from '../../../services/format/staff.ts';

/** What citizens wrote about the officer in the period (the latest 50), as they wrote it. */
export function OfficerComments({ s }: { readonly s: OfficerSummary }) {
  return (
    <section className="staff-section" aria-labelledby="officer-comments">
      <h2 id="officer-comments">Góp ý của người dân ({s.comments.length})</h2>
      {s.comments.length === 0 ? (
        <p className="staff-empty">Không có góp ý nào trong kỳ.</p>
      ) : (
        <ul className="officer-comment-list">
          {s.comments.map((c) => {
            const level = s.form.levels.find((l) => l.value === c.level);
            return (
              <li key={c.id} className="officer-comment" data-comment-id={c.id}>
                <p className="officer-comment-head">
                  <span className={`badge lc-badge lc-${c.level ?? 0}`}>{level?.label ?? 'Không rõ mức'}</span>
                  <time dateTime={c.receivedAt}>{formatInstant(c.receivedAt)}</time>
                  {c.case && <span className="staff-small">Hồ sơ: {caseStatusLabel(c.case.status)}</span>}
                </p>
                {c.issues.length > 0 && <p className="officer-comment-issues">Phản ánh: {c.issues.map((i) => s.form.issues.find((f) => f.key === i)?.label ?? i).join('; ')}</p>}
                {c.comment && <blockquote className="comment-text">{c.comment}</blockquote>}
              </li>
            );
          })}
        </ul>
      )}
      {s.comments.length >= 50 && <p className="staff-small staff-muted">Chỉ hiện 50 góp ý gần nhất; xem đầy đủ ở màn hình Góp ý.</p>}
    </section>
  );
}
