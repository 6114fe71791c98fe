import type { DayRange } from '../../services/api/reports.ts';
import { formatDay, vietnamToday } from '../../services/format/staff.ts';
import { DateField } from './date-field.tsx';
import { ALL_KINDS, periodOfRange, periodPresets, recentPeriods, sameRange, type NamedKind, type RangePreset } from './period-options.ts';
import './period-picker.css';

/**
 * The range a screen shows: the presets ("Tháng này", "Quý này", "6 tháng đầu năm", "Năm nay"),
 * any earlier month, quarter, half-year or year from a list, and (unless `custom` is false) any
 * range of days. It says which period the range is, so a range that is exactly a quarter reads
 * "Quý I/2026" wherever it was picked.
 */
export function PeriodPicker({
  value,
  onChange,
  today = vietnamToday(),
  kinds = ALL_KINDS,
  custom = true,
  extraPresets = [],
  legend = 'Kỳ báo cáo',
}: {
  readonly value: DayRange;
  readonly onChange: (range: DayRange) => void;
  readonly today?: string;
  readonly kinds?: readonly NamedKind[];
  readonly custom?: boolean;
  /** Ranges that are no named period (Trends: "30 ngày qua"), shown first. */
  readonly extraPresets?: readonly RangePreset[];
  readonly legend?: string;
}) {
  const presets = [...extraPresets, ...periodPresets(today, kinds)];
  const groups = recentPeriods(today, kinds);
  const period = periodOfRange(value);
  const listed = groups.some((g) => g.periods.some((p) => p.key === period.key));
  // A range that is an extra preset ("30 ngày qua") goes by the preset's name.
  const extra = extraPresets.find((p) => sameRange(p.range, value));
  const pick = (key: string) => {
    const p = groups.flatMap((g) => g.periods).find((x) => x.key === key);
    if (p) onChange({ from: p.from, to: p.to });
  };
  return (
    <fieldset className="period-picker">
      <legend className="period-legend">{legend}</legend>
      <div className="period-presets">
        {presets.map((p) => {
          const active = sameRange(p.range, value);
          return (
            <button key={p.key} type="button" className={`staff-btn${active ? ' is-active' : ''}`} aria-pressed={active} onClick={() => onChange(p.range)}>
              {p.label}
            </button>
          );
        })}
      </div>
      <div className="period-more">
        <label className="staff-inline-field period-select">
          <span>Chọn kỳ</span>
          <select value={listed ? period.key : ''} onChange={(e) => pick(e.target.value)}>
            {!listed && <option value="">{extra?.label ?? (period.kind === 'range' ? 'Khoảng ngày tự chọn' : period.label)}</option>}
            {groups.map((g) => (
              <optgroup key={g.kind} label={g.label}>
                {g.periods.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {custom && (
          <span className="period-dates">
            <DateField label="Từ" value={value.from} max={value.to} onChange={(from) => onChange({ from, to: from > value.to ? from : value.to })} />
            <DateField label="Đến" value={value.to} min={value.from} onChange={(to) => onChange({ from: to < value.from ? to : value.from, to })} />
          </span>
        )}
      </div>
      <p className="period-summary">
        {period.kind === 'range' ? (
          <>
            <strong>{extra?.label ?? 'Khoảng ngày tự chọn'}:</strong> {formatDay(value.from)} – {formatDay(value.to)}
          </>
        ) : (
          <>
            <strong>{period.label}</strong> ({formatDay(period.from)} – {formatDay(period.to)})
          </>
        )}
        {value.to > today && value.from <= today ? `; số liệu đến hôm nay, ${formatDay(today)}` : ''}
      </p>
    </fieldset>
  );
}
