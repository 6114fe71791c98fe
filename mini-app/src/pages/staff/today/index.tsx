import { useCallback, useState } from 'react';
import { DayToolbar } from '../../../components/staff/day-toolbar.tsx';
import { LevelLegend } from '../../../components/staff/level-chips.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { SharesTable } from '../../../components/staff/shares-table.tsx';
import { fetchTallies, type TalliesReport } from '../../../services/staff-api.ts';
import { formatCount, formatPercent, QUESTION_LABELS, vietnamToday } from '../../../services/staff-format.ts';
import { useLoaded } from '../../../services/staff-load.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';

// Counter traffic is a few responses an hour: every 30 s is "live" without loading the server.
const REFRESH_MS = 30_000;

/** One day's figures per officer, field and criterion; refreshes itself while open. */
export function TodayPage() {
  const { unit } = useStaffUnit();
  const [day, setDay] = useState(vietnamToday);
  const load = useCallback(() => fetchTallies(unit.id, day, day), [unit.id, day]);
  const { state, reload, refreshing } = useLoaded(load, `${unit.id}|${day}`, REFRESH_MS);

  return (
    <div className="staff-screen">
      <h1 className="staff-title">Kết quả trong ngày</h1>
      <DayToolbar day={day} onDay={setDay} onRefresh={reload} refreshing={refreshing} at={state.kind === 'ok' ? state.at : null} />
      {state.kind === 'ok' ? <TodayReport r={state.data} /> : <LoadState state={state} onRetry={reload} />}
    </div>
  );
}

function TodayReport({ r }: { readonly r: TalliesReport }) {
  const flagged = r.officers.filter((o) => o.flagged);
  return (
    <>
      <section className="stat-grid" aria-label="Tổng hợp">
        <Stat label="Số phiếu" value={formatCount(r.total.responses)} id="total" />
        <Stat label="Hài lòng" value={formatPercent(r.total.satisfiedShare)} tone="good" id="satisfied" />
        <Stat label="Không hài lòng" value={formatPercent(r.total.dissatisfiedShare)} tone="bad" id="dissatisfied" />
        <Stat label="Cán bộ trên 25% không hài lòng" value={formatCount(flagged.length)} tone={flagged.length > 0 ? 'bad' : 'good'} id="flagged" />
      </section>
      {flagged.length > 0 && (
        <p className="staff-flag-note" role="note">
          Có tỷ lệ “Không hài lòng” và “Rất không hài lòng” trên 25%: {flagged.map((o) => o.name).join(', ')}.
        </p>
      )}
      <LevelLegend />
      <section className="staff-section" aria-labelledby="by-officer">
        <h2 id="by-officer">Theo cán bộ, công chức</h2>
        <SharesTable
          caption="Kết quả theo cán bộ, công chức"
          nameHeader="Cán bộ, công chức"
          withFlag
          rows={r.officers.map((o) => ({ ...o, id: o.officerId, sub: o.title, interval: o.dissatisfiedInterval }))}
        />
      </section>
      <section className="staff-section" aria-labelledby="by-field">
        <h2 id="by-field">Theo lĩnh vực</h2>
        <SharesTable caption="Kết quả theo lĩnh vực" nameHeader="Lĩnh vực" rows={r.fields.map((f) => ({ ...f, id: f.fieldId ?? 'none' }))} />
      </section>
      <section className="staff-section" aria-labelledby="by-question">
        <h2 id="by-question">Theo tiêu chí</h2>
        <SharesTable
          caption="Kết quả theo tiêu chí"
          nameHeader="Tiêu chí"
          rows={Object.entries(r.questions).map(([key, q]) => ({ ...q, id: key, name: QUESTION_LABELS[key] ?? key }))}
        />
      </section>
      <p className="staff-footnote">
        “Trên 25%”: tỷ lệ phiếu “Không hài lòng” và “Rất không hài lòng” lớn hơn 25% số phiếu của cán bộ (đúng 25% chưa tính). Khoảng tin cậy 95%
        (Wilson) cho biết tỷ lệ thật có thể nằm trong khoảng nào; “ít dữ liệu” khi dưới 10 phiếu. Mức hài lòng chung và cờ tính theo câu hỏi chung.
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
