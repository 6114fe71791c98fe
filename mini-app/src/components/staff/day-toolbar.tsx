import { formatDay, shiftDay, vietnamToday } from '../../services/format/staff.ts';
import { DateField } from './date-field.tsx';

/** Day picker with previous/next, a refresh button and when the figures were last fetched. */
export function DayToolbar(props: { readonly day: string; readonly onDay: (d: string) => void; readonly onRefresh: () => void; readonly refreshing: boolean; readonly at: Date | null }) {
  const today = vietnamToday();
  const { day, onDay } = props;
  return (
    <div className="staff-toolbar">
      <button type="button" className="staff-btn" onClick={() => onDay(shiftDay(day, -1))} aria-label="Ngày trước">
        ‹
      </button>
      <DateField label="Ngày" value={day} max={today} onChange={onDay} />
      <button type="button" className="staff-btn" onClick={() => onDay(shiftDay(day, 1))} disabled={day >= today} aria-label="Ngày sau">
        ›
      </button>
      {day !== today && (
        <button type="button" className="staff-btn" onClick={() => onDay(today)}>
          Hôm nay
        </button>
      )}
      <button type="button" className="staff-btn staff-btn-primary" onClick={props.onRefresh} disabled={props.refreshing}>
        {props.refreshing ? 'Đang cập nhật…' : 'Làm mới'}
      </button>
      <p className="staff-updated" aria-live="polite">
        {props.at ? `Số liệu ngày ${formatDay(day)}, cập nhật lúc ${props.at.toLocaleTimeString('vi-VN', { hour12: false })}` : ''}
      </p>
    </div>
  );
}
