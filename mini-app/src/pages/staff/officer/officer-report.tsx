import { useMemo } from 'react';
import { LevelLegend } from '../../../components/staff/level-chips.tsx';
import { SharesTable } from '../../../components/staff/shares-table.tsx';
import { StatTile } from '../../../components/staff/stat-tile.tsx';
import { verdictFor } from '../../../components/staff/verdict.tsx';
import { VerdictFootnote } from '../../../components/staff/verdict-notes.tsx';
import { isOpenCase } from '../../../components/staff/case-status.ts';
import type { OfficerSummary, UnitStaff } from '../../../services/api/cases.ts';
import { formatCount, formatDay, formatInterval, formatPercent, formatPercentShort } from '../../../services/format/staff.ts';
import { OfficerCases } from './officer-cases.tsx';
import { OfficerComments } from './officer-comments.tsx';
import { OfficerTrend } from './officer-trend.tsx';

/** The labels of the given levels, as the form words them: “Không hài lòng” và “Rất không hài lòng”. */
const levelNames = (s: OfficerSummary, levels: readonly number[]) =>
  s.form.levels
    .filter((l) => levels.includes(l.value))
    .map((l) => `“${l.label}”`)
    .join(' và ');

/** The officer's period: verdict and figures, per question, trend, cases, comments. */
export function OfficerReport({ s, unitId, staff, onChanged }: { readonly s: OfficerSummary; readonly unitId: string; readonly staff: readonly UnitStaff[] | null; readonly onChanged: () => void }) {
  const { total, rule } = s;
  const tone = verdictFor(total, rule).tone;
  const open = s.cases.filter((c) => isOpenCase(c.status));
  const overdue = open.filter((c) => c.overdue).length;
  const dissatisfiedNames = levelNames(s, rule.dissatisfiedLevels);
  const questionRows = useMemo(() => s.questions.map((q) => ({ ...q.shares, id: q.key, name: q.label })), [s]);
  return (
    <>
      <p className="print-only officer-period">
        {s.period.label} ({formatDay(s.period.from)} – {formatDay(s.period.to)}) · {s.form.title}
      </p>
      <section className={`officer-verdict verdict-panel-${tone}`} aria-labelledby="officer-verdict-h" data-verdict={tone}>
        <h2 id="officer-verdict-h">Đánh giá trong kỳ</h2>
        <p className="officer-verdict-label">{s.verdict.label}</p>
        {total.responses > 0 && (
          <p className="officer-verdict-detail">
            {formatCount(total.dissatisfied)}/{formatCount(total.responses)} phiếu {dissatisfiedNames}, tức {formatPercent(total.dissatisfiedShare)}; khoảng tin cậy{' '}
            {formatPercentShort(rule.confidence)}: {formatInterval(total.dissatisfiedInterval)}
            {total.smallSample ? ` · ít dữ liệu (dưới ${formatCount(rule.smallSample)} phiếu)` : ''}.
          </p>
        )}
      </section>
      <section className="stat-grid" aria-label="Tổng hợp">
        <StatTile label="Số phiếu" value={formatCount(total.responses)} id="total" />
        <StatTile label="Hài lòng" value={formatPercent(total.satisfiedShare)} tone="good" id="satisfied" />
        <StatTile label="Không hài lòng" value={formatPercent(total.dissatisfiedShare)} tone="bad" id="dissatisfied" />
        <StatTile label={overdue > 0 ? `Hồ sơ đang mở (${formatCount(overdue)} quá hạn)` : 'Hồ sơ đang mở'} value={formatCount(open.length)} tone={overdue > 0 ? 'bad' : undefined} id="open-cases" />
      </section>

      <LevelLegend scale={s.form.levels} />
      <section className="staff-section" aria-labelledby="officer-questions">
        <h2 id="officer-questions">Theo tiêu chí</h2>
        <SharesTable caption={`Kết quả theo tiêu chí của ${s.officer.name}`} nameHeader="Tiêu chí" rule={rule} scale={s.form.levels} rows={questionRows} />
      </section>

      <OfficerTrend s={s} />
      <OfficerCases s={s} unitId={unitId} staff={staff} onChanged={onChanged} />
      <OfficerComments s={s} />
      <VerdictFootnote rule={rule} dissatisfiedNames={dissatisfiedNames} />
    </>
  );
}
