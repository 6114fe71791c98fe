import { useState } from 'react';
import type { Period } from '@hai-long/backend/domain/periods';
import { boardUrl, publishPeriod, type Publication } from '../../../services/api/reports.ts';
import { StaffApiError } from '../../../services/api/staff.ts';
import { formatDay, formatInstant } from '../../../services/format/staff.ts';

/**
 * "Công bố kết quả kỳ này": publishes the public report of a named period (not a range of days)
 * after a confirmation, since a published report is kept as it is and never replaced. A period
 * already published shows its publication; if another session published it meanwhile, the
 * server's 409 message says so.
 */
export function PublishPanel({
  unitId,
  unitCode,
  period,
  today,
  formKey,
  published,
  onPublished,
}: {
  readonly unitId: string;
  readonly unitCode: string;
  readonly period: Period;
  readonly today: string;
  readonly formKey: string | undefined;
  /** This period's publication of the chosen form, when the list has it. */
  readonly published: Publication | null;
  readonly onPublished: (p: Publication) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Shown at once, before the list is read again.
  const [done, setDone] = useState<Publication | null>(null);
  const shown = published ?? done;

  async function publish() {
    setBusy(true);
    setError(null);
    try {
      const p = await publishPeriod(unitId, period.key, formKey);
      setDone(p);
      setConfirming(false);
      onPublished(p);
    } catch (e) {
      setError(e instanceof StaffApiError ? e.message : 'Chưa công bố được. Vui lòng thử lại.');
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (period.kind === 'range') {
    body = <p className="staff-muted">Chỉ công bố được theo tháng, quý, 6 tháng hoặc năm: chọn một kỳ ở trên.</p>;
  } else if (period.from > today) {
    body = <p className="staff-muted">{period.label} chưa bắt đầu: chưa thể công bố.</p>;
  } else if (shown) {
    body = (
      <div className="publish-done" data-published={shown.id} role="status">
        <p>
          <span className="badge badge-ok">Đã công bố</span> {period.label}, lúc {formatInstant(shown.publishedAt)} (số liệu đến {formatDay(shown.to)}).
        </p>
        <p className="publication-sha">
          SHA-256: <code>{shown.sha256}</code>
        </p>
        <p>
          <a href={boardUrl(unitCode, shown.id)} target="_blank" rel="noopener">
            Tải bản đã công bố (PDF)
          </a>
        </p>
      </div>
    );
  } else if (confirming) {
    body = (
      <div className="publish-confirm" role="group" aria-label="Xác nhận công bố">
        <p>
          Công bố <strong>{period.label}</strong>? Bản công khai (PDF) được lưu nguyên bản, đưa lên bảng công khai và không thể thay thế.
          {period.to > today ? ' Kỳ chưa kết thúc: báo cáo chỉ có số liệu đến hôm nay.' : ''}
        </p>
        <div className="staff-toolbar">
          <button type="button" className="staff-btn staff-btn-primary" disabled={busy} onClick={() => void publish()}>
            {busy ? 'Đang công bố…' : 'Xác nhận công bố'}
          </button>
          <button type="button" className="staff-btn" disabled={busy} onClick={() => setConfirming(false)}>
            Hủy
          </button>
        </div>
      </div>
    );
  } else {
    body = (
      <>
        <p className="staff-muted">Đưa bản công khai của {period.label} lên bảng công khai của đơn vị, kèm mã SHA-256 để đối chiếu.</p>
        <button type="button" className="staff-btn staff-btn-primary" onClick={() => setConfirming(true)}>
          Công bố kết quả kỳ này
        </button>
      </>
    );
  }

  return (
    <section className="report-card no-print" aria-labelledby="publish-h">
      <h2 id="publish-h">Công bố kết quả</h2>
      {body}
      {error && (
        <p className="staff-error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
