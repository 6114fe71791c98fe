import type { FormLevel } from '../../services/api/types.ts';
import { FaceIcon } from './face-icon.tsx';

export interface LevelScaleProps {
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly required?: boolean;
  readonly levels: readonly FormLevel[];
  readonly value: number | undefined;
  readonly onChange: (value: number) => void;
}

/** The five levels of one question as large face buttons, labels verbatim from the form. */
export function LevelScale({ labelledBy, describedBy, required = false, levels, value, onChange }: LevelScaleProps) {
  return (
    <div className="level-scale" role="radiogroup" aria-labelledby={labelledBy} aria-describedby={describedBy} aria-required={required}>
      {levels.map((level) => {
        const checked = value === level.value;
        return (
          <button
            key={level.value}
            type="button"
            role="radio"
            aria-checked={checked}
            className={`level-button level-${level.value}${checked ? ' is-checked' : ''}`}
            onClick={() => onChange(level.value)}
          >
            <FaceIcon level={level.value} />
            <span className="level-label">{level.label}</span>
          </button>
        );
      })}
    </div>
  );
}
