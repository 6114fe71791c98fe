import type { Channel } from '@hai-long/backend/domain/channels';
import { useCallback, useState } from 'react';
import { DayToolbar } from '../../../components/staff/day-toolbar.tsx';
import { FormPicker } from '../../../components/staff/form-picker.tsx';
import { LevelLegend } from '../../../components/staff/level-chips.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { SharesTable, type SharesRow } from '../../../components/staff/shares-table.tsx';
import { SipasIndexTable } from '../../../components/staff/sipas-index-table.tsx';
import { StatTile } from '../../../components/staff/stat-tile.tsx';
import { officerHref } from '../../../components/staff/officer-link.ts';
import { FlaggedNote, VerdictFootnote } from '../../../components/staff/verdict-notes.tsx';
import { overRuleWords } from '../../../components/staff/verdict.tsx';
import { ChannelFilter } from '../../../components/staff/channel-filter.tsx';
import type { TalliesReport } from '../../../services/api/staff.ts';
import { formatCount, formatPercent, vietnamToday } from '../../../services/format/staff.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { fetchDayTallies } from './today-tallies.ts';

// Counter traffic is a few responses an hour: every 30 s is "live" without loading the server.
const REFRESH_MS = 30_000;

/** One day's figures per officer, field and criterion of the chosen form; refreshes itself while open. */
export function TodayPage() {
  const { unit } = useStaffUnit();
  const { formKey } = useStaffForm();
  const [day, setDay] = useState(vietnamToday);
  const [channel, setChannel] = useState<Channel | null>(null);
  const load = useCallback(() => fetchDayTallies(unit.id, day, formKey, channel), [unit.id, day, formKey, channel]);
  const { state, reload, refreshing } = useLoaded(load, `${unit.id}|${day}|${formKey ?? ''}|${channel ?? ''}`, REFRESH_MS);

  return (
    <div className="staff-screen">
      <h1 className="staff-title">Kết quả trong ngày</h1>
      <FormPicker />
      <DayToolbar day={day} onDay={setDay} onRefresh={reload} refreshing={refreshing} at={state.kind === 'ok' ? state.at : null} />
      <ChannelFilter value={channel} onChange={setChannel} counts={state.kind === 'ok' ? state.data.total.channels : undefined} />
      {state.kind === 'ok' ? <TodayReport r={state.data} day={day} /> : <LoadState state={state} onRetry={reload} />}
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

function TodayReport({ r, day }: { readonly r: TalliesReport; readonly day: string }) {
  const { rule, form } = r;
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
        <StatTile label="Số phiếu" value={formatCount(r.total.responses)} id="total" />
        <StatTile label="Hài lòng" value={formatPercent(r.total.satisfiedShare)} tone="good" id="satisfied" />
        <StatTile label="Không hài lòng" value={formatPercent(r.total.dissatisfiedShare)} tone="bad" id="dissatisfied" />
        <StatTile label={`Cán bộ ${overRuleWords(rule).toLocaleLowerCase('vi-VN')}`} value={formatCount(flagged.length)} tone={flagged.length > 0 ? 'bad' : 'good'} id="flagged" />
      </section>
      <FlaggedNote rule={rule} officers={r.officers} />
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
          linkOf={(row) => officerHref(row.id, { from: day, to: day })}
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
      <VerdictFootnote rule={rule} dissatisfiedNames={dissatisfiedNames}>
        {overall ? ` Tỷ lệ chung và đánh giá tính theo câu “${overall.shortLabel}”.` : ''}
        {r.index
          ? ` Chỉ số SIPAS của một câu là tỷ lệ câu trả lời ${levelNames(r, rule.satisfiedLevels)}; của một yếu tố, khía cạnh là trung bình các chỉ số bên dưới; chỉ số chung là trung bình các khía cạnh.`
          : ''}
      </VerdictFootnote>
    </>
  );
}
