import { StatTile } from '../../../components/staff/stat-tile.tsx';
import { UnitFunnelPlot } from '../../../components/staff/unit-funnel-plot.tsx';
import type { ComparisonAsk, ComparisonReport, ComparisonRow } from '../../../services/api/comparison.ts';
import { formatCount, formatDay, formatPercent } from '../../../services/format/staff.ts';
import type { SortState } from '../../../state/comparison-table.ts';
import { ComparisonDownloads } from './comparison-downloads.tsx';
import { ComparisonTable } from './comparison-table.tsx';

/** One comparison as the API gave it: the totals, the files, the funnel plot, the table, how to read them. */
export function ComparisonView({
  report,
  ask,
  sort,
  onSort,
  onOpen,
  currentUnitId,
}: {
  readonly report: ComparisonReport;
  readonly ask: ComparisonAsk;
  readonly sort: SortState;
  readonly onSort: (s: SortState) => void;
  readonly onOpen: (row: Pick<ComparisonRow, 'unitId' | 'name'>) => void;
  readonly currentUnitId: string;
}) {
  const withResponses = report.units.filter((u) => u.responses > 0).length;
  const higher = report.units.filter((u) => u.outlier === 'higher').length;
  const range = report.period.kind === 'range' ? `${formatDay(report.from)} – ${formatDay(report.to)}` : report.period.label;
  return (
    <>
      <p className="cmp-what">
        {report.form.title} · {range}
        {report.campaignId ? ' · theo đợt khảo sát' : ''}
      </p>
      <div className="cmp-top">
        <div className="stat-grid cmp-stats">
          <StatTile id="units" label={`Đơn vị (${formatCount(withResponses)} có phiếu)`} value={formatCount(report.units.length)} />
          <StatTile id="responses" label="Tổng số phiếu" value={formatCount(report.overall.responses)} />
          <StatTile id="satisfied" label="Hài lòng (mức chung)" value={formatPercent(report.overall.satisfiedShare)} />
          <StatTile id="dissatisfied" label="Không hài lòng (mức chung)" value={formatPercent(report.overall.dissatisfiedShare)} tone={higher > 0 ? 'bad' : undefined} />
        </div>
        <ComparisonDownloads unitId={report.unitId} ask={ask} />
      </div>
      {report.units.length === 0 ? (
        <p className="staff-empty">Không có đơn vị nào trực thuộc đơn vị này.</p>
      ) : (
        <>
          <section className="staff-section cmp-funnel" aria-labelledby="cmp-funnel-h">
            <h2 id="cmp-funnel-h">Biểu đồ phễu: tỷ lệ không hài lòng theo số phiếu</h2>
            {report.funnelCurve ? (
              <div className="staff-card">
                <UnitFunnelPlot report={report} onUnit={(id) => onOpen(report.units.find((u) => u.unitId === id) ?? { unitId: id, name: id })} />
              </div>
            ) : (
              <p className="staff-empty">Chưa có phiếu nào trong kỳ này.</p>
            )}
            <p className="staff-small staff-muted cmp-hint">
              {higher > 0
                ? `${formatCount(higher)} đơn vị có tỷ lệ không hài lòng cao hơn mức chung, vượt ngoài dao động ngẫu nhiên. `
                : 'Không đơn vị nào cao hơn mức chung ngoài dao động ngẫu nhiên. '}
              Bấm một điểm hoặc một dòng của bảng để mở đơn vị đó.
            </p>
          </section>
          <section className="staff-section" aria-labelledby="cmp-table-h">
            <h2 id="cmp-table-h">Bảng so sánh</h2>
            <p className="cmp-note">
              {report.ranking.note}
            </p>
            <ComparisonTable report={report} sort={sort} onSort={onSort} onOpen={onOpen} currentUnitId={currentUnitId} />
          </section>
        </>
      )}
      <details className="cmp-notes">
        <summary>Cách đọc bảng và biểu đồ</summary>
        <ul>
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </details>
    </>
  );
}
