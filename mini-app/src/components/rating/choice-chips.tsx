import { useId } from 'react';

export interface ChoiceOption {
  readonly id: string;
  readonly label: string;
  readonly detail?: string | null;
}

export interface ChoiceChipsProps {
  readonly legend: string;
  readonly hint?: string;
  readonly options: readonly ChoiceOption[];
  readonly value: string | null;
  /** One row that scrolls sideways (long lists, e.g. officers), instead of wrapping. */
  readonly scroll?: boolean;
  /** Tapping the chosen chip again clears the choice (every choice here is optional). */
  readonly onChange: (id: string | null) => void;
}

/** An optional single choice shown as chips: one tap to choose, no sheet to open. */
export function ChoiceChips({ legend, hint, options, value, scroll = false, onChange }: ChoiceChipsProps) {
  const legendId = useId();
  return (
    <div className="choice">
      <p className="choice-legend" id={legendId}>
        {legend}
        {hint && <span className="choice-hint"> {hint}</span>}
      </p>
      <div className={`chips${scroll ? ' is-scroll' : ''}`} role="radiogroup" aria-labelledby={legendId}>
        {options.map((option) => {
          const checked = option.id === value;
          return (
            <button
              key={option.id}
              type="button"
              role="radio"
              aria-checked={checked}
              className={`chip${checked ? ' is-checked' : ''}`}
              onClick={() => onChange(checked ? null : option.id)}
            >
              <span className="chip-label">{option.label}</span>
              {option.detail && <span className="chip-detail">{option.detail}</span>}
            </button>
          );
        })}
      </div>
    </div>
  );
}
