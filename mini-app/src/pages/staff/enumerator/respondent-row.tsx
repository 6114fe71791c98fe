import { Link } from 'react-router-dom';
import type { DayEntry } from '../../../services/api/campaigns.ts';
import { listLabel, STATUS_LABELS } from './enumerator-words.ts';

export type CloseKind = 'refused' | 'unreachable';

interface Props {
  readonly entry: DayEntry;
  readonly campaignId: string;
  /** The next one to visit in its group. */
  readonly isNext: boolean;
  /** A reserve entry offered in place of a closed one. */
  readonly isOffered: boolean;
  /** Pending and in the queue: the enumerator may interview or close it. */
  readonly actionable: boolean;
  /** The closing being confirmed on this row, if any. */
  readonly asking: CloseKind | null;
  readonly onAsk: (kind: CloseKind | null) => void;
  readonly onClose: (kind: CloseKind) => void;
}

const QUESTION: Record<CloseKind, string> = {
  refused: 'từ chối trả lời phỏng vấn?',
  unreachable: 'không liên lạc được?',
};

/** One person of the list: order, name, where to find them, status, and what can be done now. */
export function RespondentRow({ entry, campaignId, isNext, isOffered, actionable, asking, onAsk, onClose }: Props) {
  const nameId = `enum-e-${entry.entryId}`;
  return (
    <li className={`enum-entry is-${entry.status}${isNext ? ' is-next' : ''}`} data-entry={entry.entryId} aria-labelledby={nameId}>
      <div className="enum-entry-info">
        <div className="enum-entry-head">
          <span className="enum-entry-order">{listLabel(entry)}</span>
          {isNext && <span className="badge badge-info enum-next-tag">Người tiếp theo</span>}
          {isOffered && !isNext && <span className="badge badge-open">Dự phòng thay thế</span>}
          {entry.status !== 'pending' && <span className={`badge enum-status-${entry.status}`}>{STATUS_LABELS[entry.status]}</span>}
        </div>
        <p className="enum-entry-name" id={nameId}>
          {entry.name}
        </p>
        {(entry.address || entry.phone) && (
          <p className="enum-entry-where staff-small">
            {entry.address}
            {entry.address && entry.phone && ' · '}
            {entry.phone && (
              <a href={`tel:${entry.phone.replace(/[^\d+]/g, '')}`} aria-label={`Gọi ${entry.name}: ${entry.phone}`}>
                {entry.phone}
              </a>
            )}
          </p>
        )}
        {entry.note && <p className="enum-entry-note staff-small">{entry.note}</p>}
      </div>
      {actionable && asking === null && (
        <>
          <Link className="staff-btn staff-btn-primary enum-interview" to={`/staff/enumerator/${campaignId}/interview/${entry.entryId}`} aria-describedby={nameId}>
            Phỏng vấn
          </Link>
          <div className="enum-entry-more">
            <button type="button" className="staff-btn" aria-describedby={nameId} onClick={() => onAsk('refused')}>
              Từ chối
            </button>
            <button type="button" className="staff-btn" aria-describedby={nameId} onClick={() => onAsk('unreachable')}>
              Không liên lạc được
            </button>
          </div>
        </>
      )}
      {actionable && asking !== null && (
        <div className="enum-confirm" role="group" aria-labelledby={`${nameId}-q`}>
          <p id={`${nameId}-q`}>
            <strong>
              {entry.name} {QUESTION[asking]}
            </strong>{' '}
            Sau khi ghi không sửa được; nếu còn thiếu phiếu, người tiếp theo trong danh sách dự phòng sẽ được đưa vào.
          </p>
          <div className="enum-entry-actions">
            <button type="button" className="staff-btn staff-btn-danger" onClick={() => onClose(asking)}>
              {asking === 'refused' ? 'Có, ghi từ chối' : 'Có, ghi không liên lạc được'}
            </button>
            <button type="button" className="staff-btn" onClick={() => onAsk(null)}>
              Không
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
