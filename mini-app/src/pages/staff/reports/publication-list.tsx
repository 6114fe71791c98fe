import { periodOf } from '@hai-long/backend/domain/periods';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { boardUrl, type Publication } from '../../../services/api/reports.ts';
import type { Loaded } from '../../../services/api/use-loaded.ts';
import { formatCount, formatDay, formatInstant, formatPercent } from '../../../services/format/staff.ts';

/** The unit's published reports, newest first: each with its SHA-256 and the board's link to the very bytes published. */
export function PublicationList({ unitCode, state, formTitles }: { readonly unitCode: string; readonly state: Loaded<Publication[]>; readonly formTitles: ReadonlyMap<string, string> }) {
  return (
    <section className="report-card" aria-labelledby="published-h">
      <h2 id="published-h">Kết quả đã công bố</h2>
      {state.kind !== 'ok' ? (
        <LoadState state={state} />
      ) : state.data.length === 0 ? (
        <p className="staff-muted">Chưa công bố kỳ nào.</p>
      ) : (
        <ul className="publication-list">
          {state.data.map((p) => (
            <li key={p.id} data-publication={p.id}>
              <a href={boardUrl(unitCode, p.id)} target="_blank" rel="noopener">
                {periodOf(p.periodKey)?.label ?? p.periodKey}
              </a>
              {formTitles.size > 1 && <span className="row-sub">{formTitles.get(p.formKey) ?? p.formKey}</span>}
              <span className="staff-small">
                {formatCount(p.responses)} phiếu · {formatPercent(p.satisfiedShare)} hài lòng · số liệu {formatDay(p.from)} – {formatDay(p.to)}
              </span>
              <span className="staff-small staff-muted">
                Công bố lúc {formatInstant(p.publishedAt)} bởi {p.publishedBy}
              </span>
              <span className="publication-sha">
                SHA-256: <code>{p.sha256}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="staff-small no-print">
        <a href={boardUrl(unitCode)} target="_blank" rel="noopener">
          Mở bảng công khai của đơn vị
        </a>
      </p>
    </section>
  );
}
