import { LoadState } from '../../../components/staff/load-state.tsx';
import type { CalendarReport } from '../../../services/api/reports.ts';
import type { Loaded } from '../../../services/api/use-loaded.ts';
import { formatDay, vietnamToday } from '../../../services/format/staff.ts';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const weekdayOf = (day: string) => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];

function whenText(inDays: number): string {
  if (inDays <= 0) return 'Hôm nay';
  if (inDays === 1) return 'Ngày mai';
  return `Còn ${inDays} ngày`;
}

/**
 * The next due dates for publishing results (the API's calendar): when, for which period, whether
 * a weekend moved the date, and whether this unit has published it. Dates within the reminder
 * window and not yet published stand out.
 */
export function PublicationCalendar({ state, onRetry }: { readonly state: Loaded<CalendarReport>; readonly onRetry: () => void }) {
  return (
    <section className="report-card" aria-labelledby="calendar-h">
      <h2 id="calendar-h">Lịch công bố kết quả</h2>
      {state.kind !== 'ok' ? (
        <LoadState state={state} onRetry={onRetry} />
      ) : (
        <ul className="calendar-list">
          {state.data.entries.map((e) => {
            const soon = !e.publication && e.inDays <= state.data.reminderDays;
            return (
              <li key={e.key} data-due={e.key} className={soon ? 'is-soon' : undefined}>
                <p className="calendar-date">
                  <strong>{formatDay(e.due)}</strong> <span className="staff-small">{weekdayOf(e.due)}</span>
                </p>
                <p className="calendar-label">{e.label}</p>
                {e.note && <p className="staff-small staff-muted">{e.note}</p>}
                <p className="calendar-status">
                  <span className="staff-small">{whenText(e.inDays)}</span>{' '}
                  {e.publication ? (
                    <span className="badge badge-ok">Đã công bố {formatDay(vietnamToday(new Date(e.publication.publishedAt)))}</span>
                  ) : (
                    <span className={`badge ${soon ? 'badge-flag' : 'badge-open'}`}>Chưa công bố</span>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
