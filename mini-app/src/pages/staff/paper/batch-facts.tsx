import type { PaperBatchView } from '../../../services/api/paper.ts';
import { formatDay, formatInstant } from '../../../services/format/staff.ts';
import { BATCH_STATUS, enteredWords, whoOf } from './paper-words.ts';

/** A batch's facts (counts on, form, who opened it, status), the running count, and how it ended (committed or discarded). */
export function BatchFacts({ batch, names }: { readonly batch: PaperBatchView; readonly names: ReadonlyMap<string, string> }) {
  const status = BATCH_STATUS[batch.status];
  return (
    <>
      <dl className="paper-facts">
        <div>
          <dt>Tính vào kết quả ngày</dt>
          <dd>{formatDay(batch.countsOn)}</dd>
        </div>
        <div>
          <dt>Mẫu phiếu</dt>
          <dd>{batch.pointLabel}</dd>
        </div>
        <div>
          <dt>Người mở</dt>
          <dd>
            {whoOf(batch.createdBy, names)}, {formatInstant(batch.createdAt)}
          </dd>
        </div>
        <div>
          <dt>Tình trạng</dt>
          <dd>
            <span className={`badge ${status.badge}`}>{status.label}</span>
          </dd>
        </div>
      </dl>
      {batch.note && <p className="staff-small">Ghi chú: {batch.note}</p>}
      <p className="paper-count" role="status">
        <strong>{enteredWords(batch.entered, batch.expectedForms)}</strong>
        <progress max={batch.expectedForms} value={Math.min(batch.entered, batch.expectedForms)} aria-hidden="true" />
      </p>
      {batch.status === 'committed' && (
        <p className="paper-committed">
          Đã ghi {batch.stored ?? batch.entered} phiếu vào kết quả
          {batch.committedAt ? ` lúc ${formatInstant(batch.committedAt)}` : ''}
          {batch.committedAt ? ` (${whoOf(batch.committedBy, names)})` : ''}. Không sửa được nữa.
        </p>
      )}
      {batch.status === 'discarded' && <p className="staff-notice">Đợt này đã bị hủy: các phiếu đã nhập được giữ lại để đối chiếu, không tính vào kết quả.</p>}
    </>
  );
}
