import { useRef } from 'react';
import { formatDay } from '../../services/format/staff.ts';

/**
 * A native date picker that always reads dd/mm/yyyy: the input's own text follows the browser's
 * language (11/26/2026 on an English browser), so it sits transparent over a dd/mm/yyyy label
 * and opens the native calendar on tap.
 */
export function DateField(props: { readonly label: string; readonly value: string; readonly min?: string; readonly max?: string; readonly onChange: (day: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <label className="staff-inline-field">
      <span>{props.label}</span>
      <span className="date-field">
        <span className="date-field-text" aria-hidden="true">
          {formatDay(props.value)}
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3zm12 8H5v9h14zM5 6v2h14V6z" />
          </svg>
        </span>
        <input
          ref={ref}
          type="date"
          value={props.value}
          min={props.min}
          max={props.max}
          onChange={(e) => e.target.value && props.onChange(e.target.value)}
          onClick={() => {
            try {
              ref.current?.showPicker();
            } catch {
              /* older browsers open the picker themselves */
            }
          }}
        />
      </span>
    </label>
  );
}
