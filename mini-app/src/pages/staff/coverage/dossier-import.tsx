import { useState, type FormEvent } from 'react';
import { saveBlob } from '../../../services/api/download.ts';
import { importDossierCounts, importTypeOf, type CoverageReport, type DossierImportSummary } from '../../../services/api/coverage.ts';
import { StaffApiError, type ApiErrorDetail } from '../../../services/api/staff-http.ts';
import { formatCount } from '../../../services/format/staff.ts';

type Outcome = { readonly kind: 'ok'; readonly summary: DossierImportSummary } | { readonly kind: 'error'; readonly message: string; readonly details: readonly ApiErrorDetail[] };

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A CSV of the period's counts as they stand, in the columns the import reads: a start the clerk
 * fills in. UTF-8 with a byte-order mark, so that Excel shows the Vietnamese names.
 */
export function templateCsv(c: Pick<CoverageReport, 'period' | 'fields' | 'dossiers' | 'dossierSource'>): string {
  const lines = ['lĩnh vực,kỳ,số hồ sơ', ...c.fields.map((f) => `${quote(f.name)},${c.period},${f.dossiers}`)];
  // The unit's own total only when one was typed: otherwise it is the sum of the fields.
  if (c.dossierSource === 'period') lines.push(`,${c.period},${c.dossiers}`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Dossier counts from a CSV or XLSX file. All or nothing: when a line is wrong, the server lists
 * every wrong line and stores none, and the screen says so.
 */
export function DossierImport({ unitId, coverage, onImported }: { readonly unitId: string; readonly coverage: CoverageReport | null; readonly onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    const type = importTypeOf(file);
    if (!type) {
      setOutcome({ kind: 'error', message: 'Chỉ nhận tệp CSV (.csv) hoặc Excel (.xlsx).', details: [] });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'ok', summary: await importDossierCounts(unitId, file, type) });
      onImported();
    } catch (err) {
      setOutcome(err instanceof StaffApiError ? { kind: 'error', message: err.message, details: err.details } : { kind: 'error', message: 'Chưa nhập được tệp.', details: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="report-card dossier-import no-print" aria-labelledby="import-h">
      <h2 id="import-h">Nhập số hồ sơ từ tệp</h2>
      <p className="staff-muted">
        Tệp CSV (UTF-8) hoặc Excel (.xlsx), dòng đầu là tên cột: <strong>lĩnh vực</strong> (để trống là cả đơn vị), <strong>kỳ</strong> (năm YYYY, tháng YYYY-MM hoặc quý YYYY-Qn) và{' '}
        <strong>số hồ sơ</strong>. Có dòng sai thì không dòng nào được nhập.
      </p>
      {coverage && (
        <button
          type="button"
          className="staff-btn"
          onClick={() => saveBlob(new Blob([templateCsv(coverage)], { type: 'text/csv;charset=utf-8' }), `so-ho-so_${coverage.period}.csv`)}
        >
          Tải tệp mẫu (CSV)
        </button>
      )}
      <form className="import-form" onSubmit={(e) => void submit(e)}>
        <label className="staff-field">
          <span>Tệp số hồ sơ</span>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
        </label>
        <button type="submit" className="staff-btn staff-btn-primary" disabled={!file || busy}>
          {busy ? 'Đang nhập…' : 'Nhập tệp'}
        </button>
      </form>
      {outcome?.kind === 'ok' && (
        <p className="import-ok" role="status">
          Đã nhập {formatCount(outcome.summary.rows)} dòng: {formatCount(outcome.summary.inserted)} mới, {formatCount(outcome.summary.updated)} cập nhật,{' '}
          {formatCount(outcome.summary.unchanged)} không đổi.
        </p>
      )}
      {outcome?.kind === 'error' && (
        <div className="staff-error import-error" role="alert">
          <p>{outcome.message}</p>
          {outcome.details.length > 0 && (
            <ul className="import-errors">
              {outcome.details.map((d, i) => (
                <li key={`${d.path}-${i}`}>
                  <strong>{d.path}</strong>: {d.message}
                </li>
              ))}
            </ul>
          )}
          {/* The server says it for a refused line; a refused file (type, size) is said here. */}
          {!/không có số liệu nào/i.test(outcome.message) && <p>Không có số liệu nào từ tệp này được lưu.</p>}
          {outcome.details.length > 0 && <p>Sửa các dòng trên rồi nhập lại cả tệp.</p>}
        </div>
      )}
    </section>
  );
}
