import { useCallback, useState } from 'react';
import { DayToolbar } from '../../../components/staff/day-toolbar.tsx';
import { FormPicker } from '../../../components/staff/form-picker.tsx';
import { LevelLegend } from '../../../components/staff/level-chips.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { SharesTable, type SharesRow } from '../../../components/staff/shares-table.tsx';
import { SipasIndexTable } from '../../../components/staff/sipas-index-table.tsx';
import { fetchTallies, type TalliesReport } from '../../../services/api/staff.ts';
import { capitalize, formatCount, formatPercent, formatPercentShort, overThreshold, vietnamToday } from '../../../services/format/staff.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import './today.css';

// Counter traffic is a few responses an hour: every 30 s is "live" without loading the server.
const REFRESH_MS = 30_000;

/** One day's figures per officer, field and criterion of the chosen form; refreshes itself while open. */
export function TodayPage() {
  const { unit } = useStaffUnit();
  const { formKey } = useStaffForm();
  const [day, setDay] = useState(vietnamToday);
  const load = useCallback(() => fetchTallies(unit.id, day, day, formKey), [unit.id, day, formKey]);
  const { state, reload, refreshing } = useLoaded(load, `${unit.id}|${day}|${formKey ?? ''}`, REFRESH_MS);

  return (
    <div className="staff-screen">
      <h1 className="staff-title">Kết quả trong ngày</h1>
      <FormPicker />
      <DayToolbar day={day} onDay={setDay} onRefresh={reload} refreshing={refreshing} at={state.kind === 'ok' ? state.at : null} />
      {state.kind === 'ok' ? <TodayReport r={state.data} /> : <LoadState state={state} onRetry={reload} />}
    </div>
  );
}

/** “Không hài lòng” và “Rất không hài lòng”: the labels of the given levels, highest first. */
function levelNames(r: TalliesReport, levels: readonly number[]): string {
  return r.form.levels
    .filter((l) => levels.includes(l.value))
    .map((l) => `“${l.label}”`)
    .join(' và ');
}

function TodayReport({ r }: { readonly r: TalliesReport }) {
  const { rule, form } = r;
  const over = overThreshold(rule);
  const dissatisfiedNames = levelNames(r, rule.dissatisfiedLevels);
  const flagged = r.officers.filter((o) => o.flagged);
  const groupLabel = new Map(form.groups.map((g) => [g.key, g.label]));
  const overall = form.questions.find((q) => q.key === form.overallKey);
  const questionRows = form.questions.flatMap((q): SharesRow[] => {
    const shares = r.questions[q.key];
    return shares ? [{ ...shares, id: q.key, name: q.shortLabel, sub: q.group ? groupLabel.get(q.group) : null }] : [];
  });
  return (
    <>
      <section className="stat-grid" aria-label="Tổng hợp">
        <Stat label="Số phiếu" value={formatCount(r.total.responses)} id="total" />
        <Stat label="Hài lòng" value={formatPercent(r.total.satisfiedShare)} tone="good" id="satisfied" />
        <Stat label="Không hài lòng" value={formatPercent(r.total.dissatisfiedShare)} tone="bad" id="dissatisfied" />
        <Stat label={`Cán bộ ${over} không hài lòng`} value={formatCount(flagged.length)} tone={flagged.length > 0 ? 'bad' : 'good'} id="flagged" />
      </section>
      {flagged.length > 0 && (
        <p className="staff-flag-note" role="note">
          Có tỷ lệ {dissatisfiedNames} {over}: {flagged.map((o) => o.name).join(', ')}.
        </p>
      )}
      {r.index && (
        <section className="staff-section" aria-labelledby="by-index">
          <h2 id="by-index">Chỉ số hài lòng SIPAS</h2>
          <SipasIndexTable index={r.index} />
        </section>
      )}
      <LevelLegend scale={form.levels} />
      <section className="staff-section" aria-labelledby="by-officer">
        <h2 id="by-officer">Theo cán bộ, công chức</h2>
        <SharesTable
          caption="Kết quả theo cán bộ, công chức"
          nameHeader="Cán bộ, công chức"
          rule={rule}
          scale={form.levels}
          withFlag
          rows={r.officers.map((o) => ({ ...o, id: o.officerId, sub: o.title }))}
        />
      </section>
      <section className="staff-section" aria-labelledby="by-field">
        <h2 id="by-field">Theo lĩnh vực</h2>
        <SharesTable caption="Kết quả theo lĩnh vực" nameHeader="Lĩnh vực" rule={rule} scale={form.levels} rows={r.fields.map((f) => ({ ...f, id: f.fieldId ?? 'none' }))} />
      </section>
      <section className="staff-section" aria-labelledby="by-question">
        <h2 id="by-question">Theo tiêu chí</h2>
        <SharesTable caption="Kết quả theo tiêu chí" nameHeader="Tiêu chí" rule={rule} scale={form.levels} rows={questionRows} />
      </section>
      <p className="staff-footnote">
        “{capitalize(over)}”: tỷ lệ phiếu {dissatisfiedNames} lớn hơn {formatPercentShort(rule.thresholdShare)} số phiếu của cán bộ
        {rule.strictlyGreater ? ` (đúng ${formatPercentShort(rule.thresholdShare)} chưa tính)` : ''}. Khoảng tin cậy {formatPercentShort(rule.confidence)} (Wilson) cho
        biết tỷ lệ thật có thể nằm trong khoảng nào; “ít dữ liệu” khi dưới {formatCount(rule.smallSample)} phiếu.
        {overall ? ` Tỷ lệ chung và cờ tính theo câu “${overall.shortLabel}”.` : ''}
        {r.index
          ? ` Chỉ số SIPAS của một câu là tỷ lệ câu trả lời ${levelNames(r, rule.satisfiedLevels)}; của một yếu tố, khía cạnh là trung bình các chỉ số bên dưới; chỉ số chung là trung bình các khía cạnh.`
          : ''}
      </p>
    </>
  );
}

function Stat({ label, value, tone, id }: { readonly label: string; readonly value: string; readonly tone?: 'good' | 'bad'; readonly id: string }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`} data-stat={id}>
      <p className="stat-value">{value}</p>
      <p className="stat-label">{label}</p>
    </div>
  );
}
