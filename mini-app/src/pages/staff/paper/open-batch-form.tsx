import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DateField } from '../../../components/staff/date-field.tsx';
import { openBatch } from '../../../services/api/paper.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import { vietnamToday } from '../../../services/format/staff.ts';

/**
 * "Mở hòm phiếu": the day the box was opened, the day its forms count in (the same unless
 * changed: a box opened on 2/1 may count in the quarter that ended on 31/12), how many forms
 * were found in it, a note.
 */
export function OpenBatchForm({ unitId, onOpened, onClose }: { readonly unitId: string; readonly onOpened: (batchId: string) => void; readonly onClose: () => void }) {
  const today = vietnamToday();
  const [openedOn, setOpenedOn] = useState(today);
  // null: the same day as the opening.
  const [countsOn, setCountsOn] = useState<string | null>(null);
  const [count, setCount] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const countRef = useRef<HTMLInputElement>(null);
  useEffect(() => countRef.current?.focus(), []);
  const expected = /^\d{1,5}$/.test(count.trim()) ? Number(count.trim()) : NaN;
  const valid = expected >= 1 && expected <= 10_000;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid) {
      setError('Nhập số phiếu đếm được trong hòm (từ 1 đến 10.000).');
      countRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const id = await openBatch(unitId, { openedOn, ...(countsOn && countsOn !== openedOn ? { countsOn } : {}), expectedForms: expected, ...(note.trim() ? { note: note.trim() } : {}) });
      onOpened(id);
    } catch (err) {
      setError(err instanceof StaffApiError ? err.message : 'Chưa mở được đợt nhập phiếu. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="report-card paper-open no-print" aria-labelledby="paper-open-h" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="paper-open-h">Mở hòm phiếu</h2>
      <div className="paper-open-days">
        <DateField label="Ngày mở hòm" value={openedOn} max={today} onChange={setOpenedOn} />
        <DateField label="Tính vào kết quả ngày" value={countsOn ?? openedOn} max={today} onChange={setCountsOn} />
      </div>
      <p className="staff-small staff-muted">Phiếu được tính vào kết quả của ngày này (mặc định là ngày mở hòm). Hòm mở đầu kỳ có thể tính vào ngày cuối của kỳ trước.</p>
      <div className="paper-open-fields">
        <label className="staff-field">
          <span>Số phiếu trong hòm</span>
          <input ref={countRef} type="number" inputMode="numeric" min={1} max={10000} step={1} required value={count} onChange={(e) => setCount(e.target.value)} />
        </label>
        <label className="staff-field">
          <span>Ghi chú (không bắt buộc)</span>
          <input type="text" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Ví dụ: hòm phiếu tầng 1, người chứng kiến…" />
        </label>
      </div>
      <div className="paper-action-row">
        <button type="submit" className="staff-btn staff-btn-primary" disabled={busy}>
          {busy ? 'Đang mở…' : 'Mở đợt nhập phiếu'}
        </button>
        <button type="button" className="staff-btn" onClick={onClose}>
          Đóng
        </button>
      </div>
      {error && (
        <p className="staff-error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
