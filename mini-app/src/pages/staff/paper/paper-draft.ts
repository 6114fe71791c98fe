import type { PaperForm, PaperFormInput } from '../../../services/api/paper.ts';
import type { FormView } from '../../../services/api/staff.ts';

/** A paper form as it is being typed: a digit (or '') per question, the selects, the boxes, the comment. */
export interface PaperDraft {
  readonly answers: Readonly<Record<string, string>>;
  readonly officerId: string;
  readonly fieldId: string;
  readonly issues: readonly string[];
  readonly comment: string;
}

export const EMPTY_DRAFT: PaperDraft = { answers: {}, officerId: '', fieldId: '', issues: [], comment: '' };

/** The level a key stands for on the paper form (5 = Rất hài lòng … 1 = Rất không hài lòng), or null. */
export const levelOfKey = (key: string): 1 | 2 | 3 | 4 | 5 | null => (/^[1-5]$/.test(key) ? (Number(key) as 1 | 2 | 3 | 4 | 5) : null);

/** A typed form back in the entry form, to correct it. */
export function draftOf(f: PaperForm): PaperDraft {
  return {
    answers: Object.fromEntries(Object.entries(f.answers).map(([k, v]) => [k, String(v)])),
    officerId: f.officerId ?? '',
    fieldId: f.fieldId ?? '',
    issues: f.issues,
    comment: f.comment ?? '',
  };
}

/** The first mandatory question left blank, or null when the form may be saved. */
export function missingQuestion(form: Pick<FormView, 'questions'>, d: PaperDraft): FormView['questions'][number] | null {
  return form.questions.find((q) => q.mandatory && !levelOfKey(d.answers[q.key] ?? '')) ?? null;
}

/** The body of POST/PUT …/forms: blank questions left out, empty selects and comment as null, issues in the form's order. */
export function inputOf(form: Pick<FormView, 'questions' | 'issues'>, d: PaperDraft): PaperFormInput {
  const answers: Record<string, number> = {};
  for (const q of form.questions) {
    const level = levelOfKey(d.answers[q.key] ?? '');
    if (level) answers[q.key] = level;
  }
  const comment = d.comment.trim();
  return {
    officerId: d.officerId || null,
    fieldId: d.fieldId || null,
    answers,
    issues: form.issues.map((i) => i.key).filter((k) => d.issues.includes(k)),
    comment: comment === '' ? null : comment,
  };
}
