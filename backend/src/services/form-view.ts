import { AppError } from '../app-error.ts';
import type { Deps } from '../deps.ts';
import { shortLabelOf, type FormDefinition, type FormGroup, type FormIssue } from '../domain/form.ts';
import { LEVELS } from '../domain/levels.ts';

/** A form as every screen reads it: its questions with labels (short ones for tables), groups, issues, the five levels. */
export interface FormView {
  key: string;
  version: number;
  title: string;
  overallKey: string;
  comment: boolean;
  levels: { value: number; label: string }[];
  questions: { key: string; label: string; shortLabel: string; help: string | null; group: string | null; mandatory: boolean }[];
  groups: { key: string; label: string; parent: string | null }[];
  issues: { key: string; label: string }[];
}

export function formView(f: FormDefinition): FormView {
  return {
    key: f.key,
    version: f.version,
    title: f.title,
    overallKey: f.overallKey,
    comment: f.comment,
    levels: LEVELS.map((l) => ({ value: l.value, label: l.label })),
    questions: f.questions.map((q) => ({ key: q.key, label: q.label, shortLabel: shortLabelOf(q), help: q.help ?? null, group: q.group ?? null, mandatory: q.mandatory })),
    groups: f.groups.map((g: FormGroup) => ({ key: g.key, label: g.label, parent: g.parent ?? null })),
    issues: f.issues.map((i: FormIssue) => ({ key: i.key, label: i.label })),
  };
}

/** The latest version of a form, or 404 with a Vietnamese message. */
export async function latestFormOrThrow(deps: Deps, key: string): Promise<FormDefinition> {
  const form = await deps.forms.latest(deps.db, key, deps.now().getTime());
  if (!form) throw new AppError('not_found', `Không có phiếu khảo sát "${key}".`);
  return form;
}
