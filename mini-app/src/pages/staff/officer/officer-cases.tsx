import { CaseDecision } from '../../../components/staff/case-decision.tsx';
import { isOpenCase, statusBadgeClass } from '../../../components/staff/case-status.ts';
import type { OfficerSummary, UnitStaff } from '../../../services/api/cases.ts';
import { formatInstant } from '../../../services/format/staff.ts';
import '../../../components/staff/comment-card.css';

const KIND: Record<string, string> = { misconduct: 'Phản ánh tiêu cực', very_dissatisfied: 'Rất không hài lòng, kèm ý kiến' };

/** The officer's cases of the period, open first, each decided here as on Góp ý and Cảnh báo. */
export function OfficerCases({ s, unitId, staff, onChanged }: { readonly s: OfficerSummary; readonly unitId: string; readonly staff: readonly UnitStaff[] | null; readonly onChanged: () => void }) {
  return (
    <section className="staff-section" aria-labelledby="officer-cases">
      <h2 id="officer-cases">Hồ sơ xử lý phản ánh ({s.cases.length})</h2>
      {s.cases.length === 0 ? (
        <p className="staff-empty">Không có phản ánh tiêu cực hay phiếu “rất không hài lòng” kèm ý kiến nào trong kỳ.</p>
      ) : (
        <div className="comment-list">
          {s.cases.map((c) => {
            const level = s.form.levels.find((l) => l.value === c.response.level);
            return (
              <article
                key={c.responseId}
                className={`comment-card case-card${isOpenCase(c.status) ? '' : ' is-handled'}${c.overdue ? ' is-overdue' : ''}`}
                data-case-id={c.responseId}
              >
                <header className="comment-head">
                  <span className="alert-kind">{KIND[c.kind] ?? c.kind}</span>
                  <span className={`badge ${statusBadgeClass(c.status)}`} data-status={c.status}>
                    {c.statusLabel}
                  </span>
                  <time className="comment-time" dateTime={c.response.receivedAt}>
                    {formatInstant(c.response.receivedAt)}
                  </time>
                </header>
                <p className="comment-meta">
                  {level ? `Mức đánh giá: ${level.label}` : 'Không rõ mức'}
                  {c.field ? ` · Lĩnh vực: ${c.field.name}` : ''}
                </p>
                {c.response.issues.length > 0 && (
                  <ul className="issue-list" aria-label="Nội dung phản ánh">
                    {c.response.issues.map((i) => (
                      <li key={i} className="badge badge-flag">
                        {i}
                      </li>
                    ))}
                  </ul>
                )}
                {c.response.comment && <blockquote className="comment-text">{c.response.comment}</blockquote>}
                <CaseDecision unitId={unitId} responseId={c.responseId} facts={c} notes={c.notes} staff={staff} onDecided={() => onChanged()} />
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}
