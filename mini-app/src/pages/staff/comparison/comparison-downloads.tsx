import { useState } from 'react';
import { downloadComparison, type ComparisonAsk, type ComparisonFormat } from '../../../services/api/comparison.ts';
import { StaffApiError } from '../../../services/api/staff.ts';

const FILES: readonly { format: ComparisonFormat; label: string }[] = [
  { format: 'xlsx', label: 'Tải Excel (XLSX)' },
  { format: 'pdf', label: 'Tải PDF' },
];

/** The province report of the comparison as a file: one row per unit, as on screen. */
export function ComparisonDownloads({ unitId, ask }: { readonly unitId: string; readonly ask: ComparisonAsk }) {
  const [busy, setBusy] = useState<ComparisonFormat | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(format: ComparisonFormat) {
    setBusy(format);
    setResult(null);
    try {
      setResult({ ok: true, text: `Đã tải: ${await downloadComparison(unitId, ask, format)}` });
    } catch (e) {
      setResult({ ok: false, text: e instanceof StaffApiError ? e.message : 'Chưa tải được tệp. Vui lòng thử lại.' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="report-card cmp-downloads no-print" aria-labelledby="cmp-download-h">
      <h2 id="cmp-download-h">Tải báo cáo so sánh</h2>
      <p className="staff-small staff-muted">Mỗi đơn vị một dòng, kèm cách đọc và xếp hạng.</p>
      <div className="cmp-download-buttons">
        {FILES.map((f) => (
          <button key={f.format} type="button" className="staff-btn staff-btn-primary" disabled={busy !== null} onClick={() => void run(f.format)}>
            {busy === f.format ? 'Đang tạo tệp…' : f.label}
          </button>
        ))}
      </div>
      <p className={result && !result.ok ? 'staff-error-text' : 'staff-small staff-muted'} role={result && !result.ok ? 'alert' : 'status'}>
        {result?.text ?? ''}
      </p>
    </section>
  );
}
