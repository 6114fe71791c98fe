import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { fetchUnitStaff } from '../../../services/api/cases.ts';
import { downloadPaperForm, fetchBatches } from '../../../services/api/paper.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { useStaffSession } from '../../../state/staff-session.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { BatchList } from './batch-list.tsx';
import { BatchPanel } from './batch-panel.tsx';
import { OpenBatchForm } from './open-batch-form.tsx';
import './paper.css';

/**
 * Paper ballots (R6.2): the printable form, the batches opened from the ballot box, and the
 * chosen batch (#/staff/paper?batch=…) with the keyboard entry of its forms and the commit.
 */
export function PaperPage() {
  const { unit } = useStaffUnit();
  const session = useStaffSession();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('batch');
  const [opening, setOpening] = useState(false);
  // The clerk opened or chose a batch: its first question takes the focus (not when the address alone names it).
  const [focusEntry, setFocusEntry] = useState(false);
  const list = useLoaded(useCallback(() => fetchBatches(unit.id), [unit.id]), unit.id);
  const staff = useLoaded(useCallback(() => fetchUnitStaff(unit.id), [unit.id]), unit.id).state;
  const names = useMemo(() => new Map(staff.kind === 'ok' ? staff.data.map((s) => [s.id, s.username]) : []), [staff]);
  const canEnter = session?.unitId === unit.id;

  return (
    <div className="staff-screen paper-screen">
      <h1 className="staff-title">Phiếu giấy</h1>
      <p className="staff-muted no-print paper-intro">
        Khi mở hòm phiếu: mở một đợt với số phiếu đếm được, nhập từng phiếu bằng bàn phím, kiểm tra rồi ghi vào kết quả. Phiếu giấy chỉ được tính khi đã ghi.
      </p>
      <div className="paper-toolbar no-print">
        {canEnter && !opening && (
          <button type="button" className="staff-btn staff-btn-primary" onClick={() => setOpening(true)}>
            Mở hòm phiếu
          </button>
        )}
        <PrintFormButton unitId={unit.id} />
      </div>
      {!canEnter && <p className="staff-notice no-print">Chỉ cán bộ của {unit.name} mới mở hòm và nhập phiếu giấy của đơn vị; ở đây chỉ xem.</p>}
      {opening && (
        <OpenBatchForm
          unitId={unit.id}
          onClose={() => setOpening(false)}
          onOpened={(id) => {
            setOpening(false);
            setFocusEntry(true);
            setParams({ batch: id });
            list.reload();
          }}
        />
      )}
      {chosen && <BatchPanel key={`${unit.id}|${chosen}`} unitId={unit.id} batchId={chosen} names={names} canEnter={canEnter} focusEntry={focusEntry} onChanged={list.reload} />}
      <section className="staff-section" aria-labelledby="paper-batches-h">
        <h2 id="paper-batches-h">Các đợt mở hòm phiếu</h2>
        {list.state.kind === 'ok' ? <BatchList batches={list.state.data} chosen={chosen} names={names} onChoose={() => setFocusEntry(true)} /> : <LoadState state={list.state} onRetry={list.reload} />}
      </section>
    </div>
  );
}

/** "In phiếu giấy": the printable form of the unit's counter point (A4 PDF), fetched with the session and saved. */
function PrintFormButton({ unitId }: { readonly unitId: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  async function run() {
    setBusy(true);
    setResult(null);
    try {
      setResult({ ok: true, text: `Đã tải: ${await downloadPaperForm(unitId)}` });
    } catch (e) {
      setResult({ ok: false, text: e instanceof StaffApiError ? e.message : 'Chưa tải được phiếu. Vui lòng thử lại.' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" className="staff-btn" disabled={busy} onClick={() => void run()}>
        {busy ? 'Đang tạo phiếu…' : 'In phiếu giấy'}
      </button>
      <span className={result && !result.ok ? 'staff-error-text' : 'staff-small staff-muted'} role={result && !result.ok ? 'alert' : 'status'}>
        {result?.text ?? ''}
      </span>
    </>
  );
}
