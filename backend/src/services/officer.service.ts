import { AppError } from '../app-error.ts';
import { findOfficer } from '../db/officers.repository.ts';
import { sumByDayOfOfficer, sumByQuestionOfOfficer } from '../db/tallies.repository.ts';
import type { Deps } from '../deps.ts';
import { addDays } from '../domain/day.ts';
import { bucketsOf, bucketUnitFor, periodForRange, type Period } from '../domain/periods.ts';
import { sharesOf, verdictOf, type Shares, type Verdict } from '../domain/results.ts';
import { RULE } from '../domain/rule.ts';
import { emptyLevels } from '../domain/tally.ts';
import { listCaseViews, type CaseView } from './cases.service.ts';
import { listComments, type CommentView } from './comments.service.ts';
import { formView, latestFormOrThrow, type FormView } from './form-view.ts';
import { levelsBy } from './tallies.service.ts';

export interface OfficerSummary {
  officer: { id: string; name: string; title: string | null; active: boolean };
  period: Period;
  form: FormView;
  rule: typeof RULE;
  total: Shares;
  verdict: Verdict;
  questions: { key: string; label: string; shares: Shares }[];
  trend: { unit: 'day' | 'week' | 'month'; rows: { key: string; label: string; from: string; to: string; shares: Shares }[] };
  /** The officer's cases of the period, open first. */
  cases: CaseView[];
  /** The officer's latest comments of the period (at most 50). */
  comments: CommentView[];
}

/**
 * One officer in one place (issue 27, R3.2): the period's figures with the one wording of the
 * verdict, the trend, the cases and the comments: the evidence the chairman informs the officer
 * with. From the tallies (figures) and the responses (comments, cases).
 */
export async function buildOfficerSummary(deps: Deps, unitId: string, officerId: string, q: { from: string; to: string; formKey: string }): Promise<OfficerSummary> {
  const db = deps.db.kysely;
  const officer = await findOfficer(db, officerId);
  if (!officer || officer.unitId !== unitId) throw new AppError('not_found', 'Không tìm thấy cán bộ này trong đơn vị.');
  const form = await latestFormOrThrow(deps, q.formKey);
  const range = { unitId, formKey: form.key, from: q.from, to: q.to };
  const [byQuestion, byDay, cases, comments] = await Promise.all([
    sumByQuestionOfOfficer(db, range, form.questions.map((x) => x.key), officerId),
    sumByDayOfOfficer(db, range, form.overallKey, officerId),
    listCaseViews(deps, { unitId, officerId, from: q.from, to: q.to, limit: 200 }),
    listComments(deps, { unitId, formKey: form.key, officerId, fromDay: q.from, toDay: q.to, limit: 50 }),
  ]);
  const perQuestion = levelsBy(byQuestion, (r) => r.questionKey);
  const perDay = levelsBy(byDay, (r) => r.day);
  const total = sharesOf(perQuestion.get(form.overallKey) ?? emptyLevels());
  const unit = bucketUnitFor(q.from, q.to);
  const rows = bucketsOf(q.from, q.to, unit).map((b) => {
    const levels = emptyLevels();
    for (let d = b.from; d <= b.to; d = addDays(d, 1)) {
      const l = perDay.get(d);
      if (l) for (const k of ['1', '2', '3', '4', '5'] as const) levels[k] += l[k];
    }
    return { key: b.key, label: b.label, from: b.from, to: b.to, shares: sharesOf(levels) };
  });
  const view = formView(form);
  return {
    officer: { id: officer.id, name: officer.name, title: officer.title, active: officer.active },
    period: periodForRange(q.from, q.to),
    form: view,
    rule: RULE,
    total,
    verdict: verdictOf(total),
    questions: view.questions.map((x) => ({ key: x.key, label: x.shortLabel, shares: sharesOf(perQuestion.get(x.key) ?? emptyLevels()) })),
    trend: { unit, rows },
    cases: [...cases.cases].sort((a, b) => Number(!['new', 'in_progress'].includes(a.status)) - Number(!['new', 'in_progress'].includes(b.status))),
    comments: comments.comments,
  };
}
