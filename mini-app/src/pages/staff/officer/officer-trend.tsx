import { useMemo } from 'react';
import { BucketTable } from '../../../components/staff/bucket-table.tsx';
import { UNIT_WORDS } from '../../../components/staff/bucket-words.ts';
import { TrendChart, type TrendPoint } from '../../../components/staff/trend-chart.tsx';
import type { OfficerSummary } from '../../../services/api/cases.ts';
import { formatDay } from '../../../services/format/staff.ts';

/** The officer's shares per day, week or month of the range (the API cuts it), as a chart and a table. */
export function OfficerTrend({ s }: { readonly s: OfficerSummary }) {
  const points = useMemo((): TrendPoint[] => s.trend.rows.map((r) => ({ key: r.key, label: r.label, from: r.from, to: r.to, ...r.shares })), [s]);
  const withData = points.filter((p) => p.responses > 0);
  const unitWord = UNIT_WORDS[s.trend.unit];
  return (
    <section className="staff-section" aria-labelledby="officer-trend">
      <h2 id="officer-trend">Diễn biến theo {unitWord}</h2>
      {withData.length === 0 ? (
        <p className="staff-empty">Chưa có phiếu nào trong kỳ.</p>
      ) : (
        <div className="officer-trend-grid">
          <div className="staff-card">
            <TrendChart points={points} unit={s.trend.unit} title={s.officer.name} />
          </div>
          <div className="staff-card table-scroll" role="region" aria-label={`Bảng số liệu theo ${unitWord}`} tabIndex={0}>
            <BucketTable
              unitWord={unitWord}
              caption={`Kết quả của ${s.officer.name} theo ${unitWord}`}
              rows={[...withData].reverse().map((p) => ({
                key: p.key,
                name: s.trend.unit === 'month' ? `Tháng ${p.label}` : p.from === p.to ? formatDay(p.from) : `${formatDay(p.from)} – ${formatDay(p.to)}`,
                responses: p.responses,
                satisfiedShare: p.satisfiedShare,
                dissatisfiedShare: p.dissatisfiedShare,
              }))}
            />
          </div>
        </div>
      )}
    </section>
  );
}
