import { useState } from 'react';
import { downloadRawResponses, downloadReport, type Audience, type DayRange, type ReportFormat } from '../../../services/api/reports.ts';
import { StaffApiError } from '../../../services/api/staff.ts';

type Job = ReportFormat | 'raw';
const FILES: readonly { job: ReportFormat; label: string }[] = [
  { job: 'pdf', label: 'Tải PDF' },
  { job: 'xlsx', label: 'Tải Excel (XLSX)' },
  { job: 'csv', label: 'Tải CSV' },
];

/**
 * "Bản nội bộ / Bản công khai" and the download buttons. The public version has no officer names
 * and no comments (for posting and publishing); the raw responses are internal only.
 */
export function DownloadBar({
  unitId,
  range,
  formKey,
  audience,
  onAudience,
}: {
  readonly unitId: string;
  readonly range: DayRange;
  readonly formKey: string | undefined;
  readonly audience: Audience;
  readonly onAudience: (a: Audience) => void;
}) {
  const [busy, setBusy] = useState<Job | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(job: Job) {
    setBusy(job);
    setResult(null);
    try {
      const name = job === 'raw' ? await downloadRawResponses(unitId, range, formKey) : await downloadReport(unitId, range, formKey, audience, job);
      setResult({ ok: true, text: `Đã tải: ${name}` });
    } catch (e) {
      setResult({ ok: false, text: e instanceof StaffApiError ? e.message : 'Chưa tải được tệp. Vui lòng thử lại.' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="report-card no-print" aria-labelledby="download-h">
      <h2 id="download-h">Tải báo cáo</h2>
      <fieldset className="audience-toggle">
        <legend className="sr-only">Phiên bản báo cáo</legend>
        {(
          [
            ['internal', 'Bản nội bộ'],
            ['public', 'Bản công khai'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={audience === value ? 'is-active' : undefined}>
            <input type="radio" name="audience" value={value} checked={audience === value} onChange={() => onAudience(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      <p className="staff-small staff-muted">
        {audience === 'public'
          ? 'Bản công khai: không có tên cán bộ và nội dung góp ý; dùng để niêm yết, công bố.'
          : 'Bản nội bộ: có kết quả từng cán bộ và các góp ý; chỉ dùng trong cơ quan.'}
      </p>
      <div className="download-buttons">
        {FILES.map((f) => (
          <button key={f.job} type="button" className="staff-btn staff-btn-primary" disabled={busy !== null} onClick={() => void run(f.job)}>
            {busy === f.job ? 'Đang tạo tệp…' : f.label}
          </button>
        ))}
        <button type="button" className="staff-btn" disabled={busy !== null} onClick={() => void run('raw')}>
          {busy === 'raw' ? 'Đang tải…' : 'Tải phiếu gốc (CSV)'}
        </button>
      </div>
      <p className={result && !result.ok ? 'staff-error-text' : 'staff-small staff-muted'} role={result && !result.ok ? 'alert' : 'status'}>
        {result?.text ?? ''}
      </p>
    </section>
  );
}
