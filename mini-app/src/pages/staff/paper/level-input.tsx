import { forwardRef, type KeyboardEvent } from 'react';
import type { FormView } from '../../../services/api/staff.ts';
import { levelOfKey } from './paper-draft.ts';

type Question = FormView['questions'][number];

/**
 * One question of a paper form: the clerk types the digit ticked on paper (5 = Rất hài lòng …
 * 1 = Rất không hài lòng), the level's word shows beside it. Any other key is ignored, a new digit
 * replaces the old one, Backspace clears it; Tab and Enter move on (the entry form moves on Enter).
 */
export const LevelInput = forwardRef<
  HTMLInputElement,
  {
    readonly id: string;
    readonly no: number;
    readonly question: Question;
    readonly levels: FormView['levels'];
    readonly value: string;
    readonly error: string | null;
    readonly onChange: (digit: string) => void;
  }
>(function LevelInput({ id, no, question, levels, value, error, onChange }, ref) {
  const level = levelOfKey(value);
  const word = levels.find((l) => l.value === level)?.label;

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (levelOfKey(e.key)) {
      e.preventDefault();
      onChange(e.key);
    } else if (e.key === 'Backspace' || e.key === 'Delete') {
      e.preventDefault();
      onChange('');
    } else if (e.key.length === 1) {
      // Letters, 0, 6–9, spaces: not a level.
      e.preventDefault();
    }
  }

  return (
    <div className={`paper-q${error ? ' is-invalid' : ''}`}>
      <label htmlFor={id} className="paper-q-label">
        <span className="paper-q-no">{no}.</span> {question.shortLabel}
        {!question.mandatory && <span className="staff-small staff-muted"> (không bắt buộc)</span>}
      </label>
      <input
        ref={ref}
        id={id}
        data-entry=""
        className="paper-digit"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        enterKeyHint="next"
        maxLength={1}
        value={value}
        aria-describedby={`${id}-word${error ? ` ${id}-err` : ''}`}
        aria-invalid={error ? true : undefined}
        onKeyDown={onKeyDown}
        // A phone's keyboard sends no usable key: the typed text decides (the last digit 1–5 in it).
        onChange={(e) => onChange([...e.target.value].reverse().find((c) => levelOfKey(c)) ?? '')}
        onFocus={(e) => e.target.select()}
      />
      <span id={`${id}-word`} className={`paper-word${level ? ` lc-badge lc-${level}` : ''}`}>
        {word ?? 'Gõ 1–5'}
      </span>
      {error && (
        <span id={`${id}-err`} className="paper-q-error">
          {error}
        </span>
      )}
    </div>
  );
});
