import { useRef } from 'react';
import type { FormLevel } from '../../services/api/types.ts';
import type { FormQuestion } from '../../state/form-layout.ts';
import { isMandatory } from '../../state/rating-form.ts';
import { LevelScale } from './level-scale.tsx';

export type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

export interface QuestionBlockProps {
  /** Its number on the screen (1…n in reading order). */
  readonly number: number;
  readonly question: FormQuestion;
  readonly levels: readonly FormLevel[];
  readonly value: number | undefined;
  readonly showMissing: boolean;
  /** One below the heading of the section the question sits in. */
  readonly heading?: HeadingTag;
  readonly onChange: (key: string, value: number) => void;
  readonly onClear: (key: string) => void;
}

export const MISSING_ANSWER_HINT = 'Vui lòng chọn một mức đánh giá cho câu này.';
export const OPTIONAL_HINT = '(không bắt buộc)';

/**
 * One question: its label with `*` when mandatory or "(không bắt buộc)", its help line, a hint
 * when a mandatory one is still unanswered after "Gửi", the level buttons, and for an optional
 * question already answered a way to take the answer back.
 */
export function QuestionBlock({ number, question, levels, value, showMissing, heading: Heading = 'h2', onChange, onClear }: QuestionBlockProps) {
  const labelId = `q-${question.key}-label`;
  const helpId = `q-${question.key}-help`;
  const hintId = `q-${question.key}-hint`;
  const block = useRef<HTMLElement>(null);
  const mandatory = isMandatory(question);
  const missing = mandatory && showMissing && value === undefined;
  const describedBy = [question.help ? helpId : null, missing ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <section ref={block} className={`card question${missing ? ' is-missing' : ''}`} id={`q-${question.key}`} data-question={question.key}>
      <Heading className="question-label" id={labelId}>
        <span className="question-number">{number}.</span> {question.label}
        {mandatory ? (
          <span className="required-mark" aria-hidden="true">
            {'\u00a0*'}
          </span>
        ) : (
          <span className="optional-hint"> {OPTIONAL_HINT}</span>
        )}
      </Heading>
      {question.help && (
        <p className="question-help" id={helpId}>
          {question.help}
        </p>
      )}
      {missing && (
        <p className="missing-hint" id={hintId} role="alert">
          {MISSING_ANSWER_HINT}
        </p>
      )}
      <LevelScale
        labelledBy={labelId}
        describedBy={describedBy}
        required={mandatory}
        levels={levels}
        value={value}
        onChange={(v) => onChange(question.key, v)}
      />
      {!mandatory && value !== undefined && (
        <button
          type="button"
          className="clear-answer"
          aria-describedby={labelId}
          onClick={() => {
            onClear(question.key);
            // The button goes away with the answer: keep focus in the question, not on <body>.
            block.current?.querySelector<HTMLElement>('[role="radio"]')?.focus();
          }}
        >
          Bỏ chọn câu này
        </button>
      )}
    </section>
  );
}
