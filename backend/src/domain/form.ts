/**
 * A questionnaire as data (ARCHITECTURE.md, second wave): key, version, title, questions in
 * groups that nest (aspect → factor), the issue checklist, the overall question the 25 % rule
 * reads, whether a comment is offered. Every question is rated on the five levels of
 * levels.ts. A version with responses never changes; a change is the next version.
 */
import { z } from 'zod';
import { canonicalJson } from './chain.ts';

export interface FormQuestion {
  readonly key: string;
  readonly label: string;
  /** A few words for tables and charts ("Thái độ"); the label where absent. */
  readonly shortLabel?: string;
  /** A line of help under the label. */
  readonly help?: string;
  /** The innermost group the question belongs to (a factor), if any. */
  readonly group?: string;
  readonly mandatory: boolean;
}

export interface FormGroup {
  readonly key: string;
  readonly label: string;
  /** The enclosing group (an aspect, for a factor); none for a top-level group. */
  readonly parent?: string;
}

export interface FormIssue {
  readonly key: string;
  readonly label: string;
}

/** What a form asks, as stored: versions are numbered by the database (1, 2, …). */
export interface FormContent {
  readonly title: string;
  readonly questions: readonly FormQuestion[];
  readonly groups: readonly FormGroup[];
  readonly issues: readonly FormIssue[];
  /** The general question: its levels decide satisfaction and the 25 % flag (R1.5). */
  readonly overallKey: string;
  /** A free-text comment is offered. */
  readonly comment: boolean;
}

export interface FormDefinition extends FormContent {
  readonly key: string;
  readonly version: number;
}

/** Tally question key counting excluded self-ratings per officer (not a form question). */
export const SELF_RATING_KEY = 'self_rating';

const KEY = /^[a-z][a-z0-9_]{0,31}$/;
const keyOf = (what: string) =>
  z
    .string()
    .regex(KEY, `${what}: chữ thường không dấu, chữ số và "_", bắt đầu bằng chữ cái, tối đa 32 ký tự`);
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, 'Không được để trống.').max(max));

/** A form as an administrator writes it (POST /api/admin/forms, `forms import`): validated, then normalised. */
export const formInputSchema = z
  .strictObject({
    key: keyOf('key'),
    title: text(200),
    questions: z
      .array(
        z.strictObject({
          key: keyOf('key').refine((k) => k !== SELF_RATING_KEY, `"${SELF_RATING_KEY}" là khóa dành riêng.`),
          label: text(500),
          shortLabel: text(60).optional(),
          help: text(1000).optional(),
          group: keyOf('group').optional(),
          mandatory: z.boolean().default(true),
        }),
      )
      .min(1)
      .max(100),
    groups: z.array(z.strictObject({ key: keyOf('key'), label: text(300), parent: keyOf('parent').optional() })).max(100).default([]),
    issues: z.array(z.strictObject({ key: keyOf('key'), label: text(300) })).max(20).default([]),
    overallKey: keyOf('overallKey').optional(),
    comment: z.boolean().default(true),
  })
  .superRefine((f, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const dupes = (items: readonly { key: string }[], path: string) => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        if (seen.has(it.key)) issue([path, i, 'key'], `Khóa "${it.key}" bị trùng.`);
        seen.add(it.key);
      });
    };
    dupes(f.questions, 'questions');
    dupes(f.groups, 'groups');
    dupes(f.issues, 'issues');
    const groups = new Map(f.groups.map((g) => [g.key, g]));
    f.groups.forEach((g, i) => {
      if (g.parent !== undefined && !groups.has(g.parent)) issue(['groups', i, 'parent'], `Không có nhóm "${g.parent}".`);
      // Nesting must end: following parents from any group never comes back to it.
      const path = new Set<string>([g.key]);
      for (let p = g.parent; p !== undefined; p = groups.get(p)?.parent) {
        if (path.has(p)) {
          issue(['groups', i, 'parent'], 'Các nhóm lồng nhau thành vòng.');
          break;
        }
        path.add(p);
      }
    });
    f.questions.forEach((q, i) => {
      if (q.group !== undefined && !groups.has(q.group)) issue(['questions', i, 'group'], `Không có nhóm "${q.group}".`);
    });
    const overall = f.overallKey ?? defaultOverallKey(f.questions);
    const o = f.questions.find((q) => q.key === overall);
    if (!o) issue(['overallKey'], `Không có câu hỏi "${overall}".`);
    else if (!o.mandatory) issue(['overallKey'], 'Câu hỏi chung phải là câu bắt buộc.');
  })
  .transform(
    (f): FormContent & { key: string } => ({
      key: f.key,
      title: f.title,
      questions: f.questions.map((q) => ({
        key: q.key,
        label: q.label,
        ...(q.shortLabel !== undefined ? { shortLabel: q.shortLabel } : {}),
        ...(q.help !== undefined ? { help: q.help } : {}),
        ...(q.group !== undefined ? { group: q.group } : {}),
        mandatory: q.mandatory,
      })),
      groups: f.groups.map((g) => ({ key: g.key, label: g.label, ...(g.parent !== undefined ? { parent: g.parent } : {}) })),
      issues: f.issues.map((i) => ({ key: i.key, label: i.label })),
      overallKey: f.overallKey ?? defaultOverallKey(f.questions),
      comment: f.comment,
    }),
  );

export type FormInput = z.input<typeof formInputSchema>;

/** The question named "overall" if there is one, else the first. */
function defaultOverallKey(questions: readonly { key: string }[]): string {
  return questions.some((q) => q.key === 'overall') ? 'overall' : (questions[0]?.key ?? 'overall');
}

/** The stored text of a form's content: one string per content, whatever the key order it was written in. */
export function contentJson(c: FormContent): string {
  return canonicalJson({ title: c.title, questions: c.questions, groups: c.groups, issues: c.issues, overallKey: c.overallKey, comment: c.comment });
}

export const sameContent = (a: FormContent, b: FormContent): boolean => contentJson(a) === contentJson(b);

/** The label a table or a chart shows for a question. */
export const shortLabelOf = (q: FormQuestion): string => q.shortLabel ?? q.label;

/** The groups above a group, outermost first (aspect, factor). */
export function groupPath(form: Pick<FormContent, 'groups'>, groupKey: string | undefined): FormGroup[] {
  const byKey = new Map(form.groups.map((g) => [g.key, g]));
  const out: FormGroup[] = [];
  for (let k = groupKey; k !== undefined; k = byKey.get(k)?.parent) {
    const g = byKey.get(k);
    if (!g) break;
    out.unshift(g);
  }
  return out;
}

/**
 * Checks a citizen's answers against a form: every key is a question of the form, every
 * mandatory question answered, every issue one of the form's. Returns the problems, each with
 * its path and a Vietnamese message (empty when the answers fit).
 */
export function answerProblems(form: FormContent, answers: Readonly<Record<string, number>>, issues: readonly string[] = []): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const questions = new Set(form.questions.map((q) => q.key));
  for (const key of Object.keys(answers)) if (!questions.has(key)) problems.push({ path: `answers.${key}`, message: 'Câu hỏi không có trong phiếu này.' });
  for (const q of form.questions) if (q.mandatory && answers[q.key] === undefined) problems.push({ path: `answers.${q.key}`, message: 'Thiếu giá trị bắt buộc.' });
  const known = new Set(form.issues.map((i) => i.key));
  issues.forEach((k, i) => {
    if (!known.has(k)) problems.push({ path: `issues.${i}`, message: 'Giá trị không nằm trong danh sách cho phép.' });
  });
  return problems;
}
