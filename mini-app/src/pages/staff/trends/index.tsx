import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { FormPicker } from '../../../components/staff/form-picker.tsx';
import { FunnelPlot } from '../../../components/staff/funnel-plot.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { officerHref } from '../../../components/staff/officer-link.ts';
import { VerdictBadge, verdictFor, verdictRowClass, verdictWords } from '../../../components/staff/verdict.tsx';
import { PeriodPicker } from '../../../components/staff/period-picker.tsx';
import { BucketTable } from '../../../components/staff/bucket-table.tsx';
import { UNIT_WORDS, type BucketUnit } from '../../../components/staff/bucket-words.ts';
import { TrendChart, type TrendPoint } from '../../../components/staff/trend-chart.tsx';
import type { DayRange } from '../../../services/api/reports.ts';
import { fetchTrends, type TrendsReport } from '../../../services/api/staff.ts';
import { formatCount, formatDay, formatPercent, formatPercentShort, shiftDay, vietnamToday } from '../../../services/format/staff.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import './trends.css';

/** Trends over a range, per criterion, cut by day, week or month as the API cuts it; officers on a funnel plot. */
export function TrendsPage() {
  const { unit } = useStaffUnit();
  const today = vietnamToday();
  // The last 30 days first: early in a month, "Tháng này" holds only a few days.
  const last30 = { from: shiftDay(today, -29), to: today };
  const [range, setRange] = useState<DayRange>(last30);
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
      <h1 className="staff-title">Xu hướng</h1>
      <FormPicker />
      <PeriodPicker value={range} onChange={setRange} today={today} legend="Khoảng thời gian" extraPresets={[{ key: 'last30', label: '30 ngày qua', range: last30 }]} />
      {question !== null && (
        <div className="staff-toolbar no-print">
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
        </div>
      )}
      {report && question !== null ? <TrendsReportView r={report} question={question} /> : <LoadState state={state} onRetry={reload} />}
    </div>
  );
}

/** A bucket's name in the table: the day, the week's days, or the month. */
function bucketName(p: TrendPoint, unit: BucketUnit): string {
  if (unit === 'month') return `Tháng ${p.label}`;
  return p.from === p.to ? formatDay(p.from) : `${formatDay(p.from)} – ${formatDay(p.to)}`;
}

function TrendsReportView({ r, question }: { readonly r: TrendsReport; readonly question: string }) {
  const points = useMemo(
    (): (TrendPoint & { satisfied: number; dissatisfied: number })[] => r.buckets.map((b) => ({ ...(b.questions[question] ?? b), key: b.key, label: b.label, from: b.from, to: b.to })),
    [r, question],
  );
  const withData = points.filter((p) => p.responses > 0);
  // The range's totals: counts add up across buckets; the shares are of the sums.
  const total = points.reduce((t, p) => ({ responses: t.responses + p.responses, satisfied: t.satisfied + p.satisfied, dissatisfied: t.dissatisfied + p.dissatisfied }), { responses: 0, satisfied: 0, dissatisfied: 0 });
  const share = (n: number) => (total.responses > 0 ? n / total.responses : null);
  const title = r.questions.find((q) => q.key === question)?.shortLabel ?? question;
  const unitWord = UNIT_WORDS[r.bucketUnit];
  const target = formatPercentShort(r.funnel.target);
  const words = verdictWords(r.rule);
  const navigate = useNavigate();
  const range = { from: r.from, to: r.to };
  const openOfficer = (officerId: string) => navigate(officerHref(officerId, range));
  return (
    <>
      <section className="staff-section" aria-labelledby="trend-h">
        <h2 id="trend-h">
          {title}: {formatDay(r.from)} – {formatDay(r.to)}
        </h2>
        <dl className="trend-totals" aria-label="Cả kỳ">
          <div data-total="responses">
            <dt>Số phiếu cả kỳ</dt>
            <dd>{formatCount(total.responses)}</dd>
          </div>
          <div data-total="satisfied">
            <dt>Hài lòng</dt>
            <dd>{formatPercent(share(total.satisfied))}</dd>
          </div>
          <div data-total="dissatisfied">
            <dt>Không hài lòng</dt>
            <dd>{formatPercent(share(total.dissatisfied))}</dd>
          </div>
        </dl>
        <div className="trend-grid">
          <div className="staff-card">
            <TrendChart points={points} unit={r.bucketUnit} title={title} />
            <p className="staff-small staff-muted trend-unit">Mỗi điểm là một {unitWord}.</p>
          </div>
          <div className="staff-card table-scroll" role="region" aria-label={`Bảng số liệu theo ${unitWord}`} tabIndex={0}>
            {withData.length === 0 ? (
              <p className="staff-empty">Chưa có phiếu nào trong khoảng thời gian này.</p>
            ) : (
              <BucketTable
                unitWord={unitWord}
                caption={`Số liệu theo ${unitWord}: ${title}`}
                rows={[...withData].reverse().map((p) => ({ key: p.key, name: bucketName(p, r.bucketUnit), responses: p.responses, satisfiedShare: p.satisfiedShare, dissatisfiedShare: p.dissatisfiedShare }))}
                foot={
                  <tfoot>
                    <tr data-bucket="total">
                      <th scope="row">Cả kỳ</th>
                      <td className="num">{formatCount(total.responses)}</td>
                      <td className="num">{formatPercent(share(total.satisfied))}</td>
                      <td className="num">{formatPercent(share(total.dissatisfied))}</td>
                    </tr>
                  </tfoot>
                }
              />
            )}
          </div>
        </div>
      </section>
      <section className="staff-section" aria-labelledby="funnel-h">
        <h2 id="funnel-h">So sánh cán bộ: biểu đồ phễu</h2>
        <p className="staff-muted">
          Mỗi điểm là một cán bộ: càng nhiều phiếu càng về bên phải. Đường đen là ngưỡng {target}; hai đường đứt nét là giới hạn mà dưới đó chênh lệch có thể chỉ do
          ngẫu nhiên. Tam giác đỏ: {words.certain}; hình thoi vàng: {words.chance}; chấm xanh: {words.ok}. Bấm vào một điểm hoặc tên cán bộ trong bảng để xem chi tiết.
        </p>
        <div className="trend-grid">
          <div className="staff-card">
            <FunnelPlot funnel={r.funnel} rule={r.rule} onOfficer={openOfficer} />
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
                  <th scope="col">Đánh giá</th>
                </tr>
              </thead>
              <tbody>
                {r.funnel.officers.map((o) => (
                  <tr key={o.officerId} data-officer-id={o.officerId} className={verdictRowClass(verdictFor(o, r.rule))}>
                    <th scope="row">
                      <Link className="row-link" to={officerHref(o.officerId, range)}>
                        {o.name}
                      </Link>
                    </th>
                    <td className="num">{formatCount(o.responses)}</td>
                    <td className="num">{o.responses > 0 ? `${o.dissatisfied}/${o.responses} · ${formatPercent(o.dissatisfiedShare)}` : '–'}</td>
                    <td>
                      <VerdictBadge shares={o} rule={r.rule} />
                    </td>
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
