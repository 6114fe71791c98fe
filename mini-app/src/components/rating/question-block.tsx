import type { FormItem, FormLevel } from '../../services/api-types.ts';
import { LevelScale } from './level-scale.tsx';

export interface QuestionBlockProps {
  readonly index: number;
  readonly question: FormItem;
  readonly levels: readonly FormLevel[];
  readonly value: number | undefined;
  readonly showMissing: boolean;
  readonly onChange: (key: string, value: number) => void;
}

export const MISSING_ANSWER_HINT = 'Vui lòng chọn một mức đánh giá cho câu này.';

/** One mandatory question: its label, a hint when still unanswered after "Gửi", the level buttons. */
export function QuestionBlock({ index, question, levels, value, showMissing, onChange }: QuestionBlockProps) {
  const labelId = `q-${question.key}-label`;
  const hintId = `q-${question.key}-hint`;
  const missing = showMissing && value === undefined;
  return (
    <section className={`card question${missing ? ' is-missing' : ''}`} id={`q-${question.key}`} data-question={question.key}>
      <h2 className="question-label" id={labelId}>
        <span className="question-number">{index + 1}.</span> {question.label}
        <span className="required-mark" aria-hidden="true">{"\u00a0*"}</span>
      </h2>
      {missing && (
        <p className="missing-hint" id={hintId} role="alert">
          {MISSING_ANSWER_HINT}
        </p>
      )}
      <LevelScale
        labelledBy={labelId}
        describedBy={missing ? hintId : undefined}
        levels={levels}
        value={value}
        onChange={(v) => onChange(question.key, v)}
      />
    </section>
  );
}
