import { useEffect, useRef, useState } from 'react';
import { commitBatch, discardBatch, type CommitResult, type PaperBatchView } from '../../../services/api/paper.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';

/**
 * "Ghi vào kết quả", enabled once the forms typed are the forms found (the server checks again
 * and says why when it refuses: its message is shown as it is), and "Hủy đợt", asked first.
 */
export function BatchActions({
  unitId,
  batch,
  focusCommit,
  onDone,
}: {
  readonly unitId: string;
  readonly batch: PaperBatchView;
  /** The last form was just typed: the commit is the next key to press. */
  readonly focusCommit: boolean;
  /** After a commit, a refusal or a discard: the batch is read again. */
  readonly onDone: (committed: CommitResult | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const commitRef = useRef<HTMLButtonElement>(null);
  const full = batch.entered === batch.expectedForms;
  useEffect(() => {
    if (focusCommit && full) commitRef.current?.focus();
  }, [focusCommit, full]);

  async function run(action: 'commit' | 'discard') {
    setBusy(true);
    setError(null);
    try {
      if (action === 'commit') onDone(await commitBatch(unitId, batch.id));
      else {
        await discardBatch(unitId, batch.id);
        setAsking(false);
        onDone(null);
      }
    } catch (e) {
      setError(e instanceof StaffApiError ? e.message : 'Chưa thực hiện được. Vui lòng thử lại.');
      // The count may have changed behind the screen (another clerk): read the batch again.
      onDone(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="paper-actions no-print">
      <div className="paper-action-row">
        <button ref={commitRef} type="button" className="staff-btn staff-btn-primary" disabled={!full || busy} onClick={() => void run('commit')}>
          {busy && !asking ? 'Đang ghi…' : 'Ghi vào kết quả'}
        </button>
        {!asking && (
          <button type="button" className="staff-btn" disabled={busy} onClick={() => setAsking(true)}>
            Hủy đợt
          </button>
        )}
      </div>
      <p className="staff-small staff-muted">
        {full
          ? `Đã nhập đủ ${batch.expectedForms} phiếu. Kiểm tra lại các phiếu rồi ghi vào kết quả: sau khi ghi, không sửa được nữa.`
          : `Chỉ ghi được khi số phiếu đã nhập bằng số phiếu trong hòm (${batch.expectedForms}).`}
      </p>
      {asking && (
        <div className="paper-confirm-box" role="group" aria-labelledby={`discard-${batch.id}`}>
          <p id={`discard-${batch.id}`}>
            <strong>Hủy đợt nhập phiếu này?</strong> Các phiếu đã nhập được giữ lại để đối chiếu nhưng không được tính vào kết quả. Không hoàn tác được.
          </p>
          <div className="paper-action-row">
            <button type="button" className="staff-btn staff-btn-danger" disabled={busy} onClick={() => void run('discard')}>
              Có, hủy đợt
            </button>
            <button type="button" className="staff-btn" disabled={busy} onClick={() => setAsking(false)}>
              Không
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="staff-error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
