import { useCallback, useMemo, useState } from 'react';
import { DateField } from '../../../components/staff/date-field.tsx';
import { FormPicker } from '../../../components/staff/form-picker.tsx';
import { FunnelPlot } from '../../../components/staff/funnel-plot.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { TrendChart } from '../../../components/staff/trend-chart.tsx';
import { fetchTrends, type SatisfactionRule, type TrendsReport } from '../../../services/api/staff.ts';
import { formatCount, formatDay, formatPercent, formatPercentShort, overThreshold, shiftDay, vietnamToday } from '../../../services/format/staff.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import './trends.css';

const PRESETS = [
  { days: 7, label: '7 ngày' },
  { days: 30, label: '30 ngày' },
  { days: 90, label: '90 ngày' },
] as const;

type Band = TrendsReport['funnel']['officers'][number]['band'];

/** Where an officer sits in the funnel, worded from the rule's threshold. */
function bandLabel(band: Band, rule: SatisfactionRule): string {
  const share = formatPercentShort(rule.thresholdShare);
  switch (band) {
    case 'above-99.8':
      return `Cao hơn ${share} rõ rệt (ngoài giới hạn 99,8%)`;
    case 'above-95':
      return `Cao hơn ${share} (ngoài giới hạn 95%)`;
    case 'within':
      return 'Trong giới hạn, khác biệt có thể do ngẫu nhiên';
    case 'below-95':
      return `Thấp hơn ${share} rõ rệt`;
    case 'none':
      return 'Chưa có phiếu';
  }
}

/** Per-day trends over a range, per criterion, and officers on a funnel plot. */
export function TrendsPage() {
  const { unit } = useStaffUnit();
  const today = vietnamToday();
  const [range, setRange] = useState({ from: shiftDay(today, -29), to: today });
  const { form, formKey } = useStaffForm();
  // null: the form's general question (its overallKey), also after switching to a form without the picked one.
  const [picked, setPicked] = useState<string | null>(null);
  const load = useCallback(() => fetchTrends(unit.id, range.from, range.to, formKey), [unit.id, range, formKey]);
  const { state, reload } = useLoaded(load, `${unit.id}|${range.from}|${range.to}|${formKey ?? ''}`);
  // The criteria come from the report; while it loads, from the chosen form (the same labels).
  const report = state.kind === 'ok' ? state.data : null;
  const questions = report?.questions ?? form?.questions ?? [];
  const overallKey = report?.form.overallKey ?? form?.overallKey;
  const question = questions.some((q) => q.key === picked) ? picked : (overallKey ?? null);

  return (
    <div className="staff-screen">
      <h1 className="staff-title">Xu hướng theo ngày</h1>
      <FormPicker />
      <div className="staff-toolbar">
        {PRESETS.map((p) => (
          <button
            key={p.days}
            type="button"
            className={`staff-btn${range.to === today && range.from === shiftDay(today, 1 - p.days) ? ' is-active' : ''}`}
            onClick={() => setRange({ from: shiftDay(today, 1 - p.days), to: today })}
          >
            {p.label}
          </button>
        ))}
        <button type="button" className="staff-btn" onClick={() => setRange({ from: `${today.slice(0, 4)}-01-01`, to: today })}>
          Năm nay
        </button>
        <DateField label="Từ" value={range.from} max={range.to} onChange={(from) => setRange((r) => ({ ...r, from }))} />
        <DateField label="Đến" value={range.to} min={range.from} max={today} onChange={(to) => setRange((r) => ({ ...r, to }))} />
        {question !== null && (
          <label className="staff-inline-field">
            <span>Tiêu chí</span>
            <select value={question} onChange={(e) => setPicked(e.target.value)}>
              {questions.map((q) => (
                <option key={q.key} value={q.key}>
                  {q.shortLabel}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {report && question !== null ? <TrendsReportView r={report} question={question} /> : <LoadState state={state} onRetry={reload} />}
    </div>
  );
}

function TrendsReportView({ r, question }: { readonly r: TrendsReport; readonly question: string }) {
  const points = useMemo(() => r.days.map((d) => ({ day: d.day, ...(d.questions[question] ?? d) })), [r, question]);
  const withData = points.filter((p) => p.responses > 0);
  const title = r.questions.find((q) => q.key === question)?.shortLabel ?? question;
  const over = overThreshold(r.rule);
  const target = formatPercentShort(r.funnel.target);
  return (
    <>
      <section className="staff-section" aria-labelledby="trend-h">
        <h2 id="trend-h">
          {title}: {formatDay(r.from)} – {formatDay(r.to)}
        </h2>
        <div className="trend-grid">
          <div className="staff-card">
            <TrendChart points={points} title={title} />
          </div>
          <div className="staff-card table-scroll" role="region" aria-label="Bảng số liệu theo ngày" tabIndex={0}>
            {withData.length === 0 ? (
              <p className="staff-empty">Chưa có phiếu nào trong khoảng thời gian này.</p>
            ) : (
              <table className="plain-table">
                <caption className="sr-only">Số liệu theo ngày: {title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Ngày</th>
                    <th scope="col" className="num">
                      Số phiếu
                    </th>
                    <th scope="col" className="num">
                      Hài lòng
                    </th>
                    <th scope="col" className="num">
                      Không hài lòng
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...withData].reverse().map((p) => (
                    <tr key={p.day} data-day={p.day}>
                      <th scope="row">{formatDay(p.day)}</th>
                      <td className="num">{formatCount(p.responses)}</td>
                      <td className="num">{formatPercent(p.satisfiedShare)}</td>
                      <td className="num">{formatPercent(p.dissatisfiedShare)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      </section>
      <section className="staff-section" aria-labelledby="funnel-h">
        <h2 id="funnel-h">So sánh cán bộ: biểu đồ phễu</h2>
        <p className="staff-muted">
          Mỗi chấm là một cán bộ: càng nhiều phiếu càng về bên phải. Đường đen là ngưỡng {target}; hai đường đứt nét là giới hạn mà dưới đó chênh lệch có thể chỉ do
          ngẫu nhiên. Chấm đỏ: {over} không hài lòng.
        </p>
        <div className="trend-grid">
          <div className="staff-card">
            <FunnelPlot funnel={r.funnel} flagText={`${over} không hài lòng`} />
          </div>
          <div className="staff-card table-scroll" role="region" aria-label="Bảng so sánh cán bộ" tabIndex={0}>
            <table className="plain-table">
              <caption className="sr-only">Cán bộ theo tỷ lệ không hài lòng</caption>
              <thead>
                <tr>
                  <th scope="col">Cán bộ</th>
                  <th scope="col" className="num">
                    n
                  </th>
                  <th scope="col" className="num">
                    Không hài lòng
                  </th>
                  <th scope="col">Vị trí</th>
                </tr>
              </thead>
              <tbody>
                {r.funnel.officers.map((o) => (
                  <tr key={o.officerId} className={o.flagged ? 'is-flagged' : undefined}>
                    <th scope="row">{o.name}</th>
                    <td className="num">{formatCount(o.responses)}</td>
                    <td className="num">{o.responses > 0 ? `${o.dissatisfied}/${o.responses} · ${formatPercent(o.dissatisfiedShare)}` : '–'}</td>
                    <td>{bandLabel(o.band, r.rule)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
    </>
  );
}
