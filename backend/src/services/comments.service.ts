import { listCommentRows, findResponseUnit, type CommentFilter } from '../db/comments.repository.ts';
import { notesForResponses, type HandlingNote } from '../db/handling-notes.repository.ts';
import { casesOfResponses, type Case } from '../db/cases.repository.ts';
import { caseSummaries, decideCase, type CaseSummary } from './cases.service.ts';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import { AppError } from '../app-error.ts';
import { formView, latestFormOrThrow, type FormView } from './form-view.ts';
import type { Principal } from './auth.service.ts';
import type { Deps } from '../deps.ts';

export interface CommentView {
  id: string;
  seq: number;
  receivedAt: string;
  day: string;
  channel: string;
  officer: { id: string; name: string } | null;
  field: { id: string; name: string } | null;
  /** Level of the overall question (1–5). */
  level: number | null;
  answers: Record<string, number>;
  issues: string[];
  comment: string | null;
  handled: boolean;
  notes: HandlingNote[];
  /** The case this response opened, if any (a misconduct report, or "Rất không hài lòng" with a comment), with its status in words, owner and whether it is overdue. */
  case: (Case & CaseSummary) | null;
}

/** Comments and misconduct reports of a unit for one form, newest first, with their handling history and the form's labels. */
export async function listComments(
  deps: Deps,
  query: Omit<CommentFilter, 'overallKey'>,
): Promise<{ form: FormView; comments: CommentView[]; nextBefore: number | null }> {
  const db = deps.db.kysely;
  const form = await latestFormOrThrow(deps, query.formKey);
  if (query.issue !== undefined && !form.issues.some((i) => i.key === query.issue)) {
    throw new AppError('invalid_input', undefined, { details: [{ path: 'issue', message: 'Giá trị không nằm trong danh sách cho phép.' }] });
  }
  const filter: CommentFilter = { ...query, overallKey: form.overallKey };
  const [rows, officers, fields] = await Promise.all([listCommentRows(db, filter), listOfficers(db, filter.unitId), listFields(db, filter.unitId)]);
  const [notes, cases] = await Promise.all([notesForResponses(db, rows.map((r) => r.id)), casesOfResponses(db, rows.map((r) => r.id))]);
  const summaries = await caseSummaries(deps, filter.unitId, cases);
  const officerName = new Map(officers.map((o) => [o.id, o.name]));
  const fieldName = new Map(fields.map((f) => [f.id, f.name]));
  const comments = rows.map((r) => {
    const history = notes.get(r.id) ?? [];
    return {
      id: r.id,
      seq: r.seq,
      receivedAt: r.receivedAt,
      day: r.day,
      channel: r.channel,
      officer: r.officerId ? { id: r.officerId, name: officerName.get(r.officerId) ?? '' } : null,
      field: r.fieldId ? { id: r.fieldId, name: fieldName.get(r.fieldId) ?? '' } : null,
      level: r.answers[form.overallKey] ?? null,
      answers: r.answers,
      issues: r.issues,
      comment: r.comment,
      handled: history.at(-1)?.handled ?? false,
      notes: history,
      case: cases.has(r.id) ? { ...cases.get(r.id)!, ...summaries.get(r.id)! } : null,
    };
  });
  const last = rows.at(-1);
  return { form: formView(form), comments, nextBefore: rows.length === filter.limit && last ? last.seq : null };
}

/**
 * Records a handling decision on a comment; null when the response is not the unit's (the caller
 * answers 404). A response with a case is decided through its case (cases.service.ts), so that
 * "handled" on the comments screen is the case's status on every screen.
 */
export async function addHandlingNote(
  deps: Deps,
  principal: Principal,
  unitId: string,
  responseId: string,
  input: { handled: boolean; note: string },
): Promise<HandlingNote | null> {
  const decided = await decideCase(deps, principal, unitId, responseId, { status: input.handled ? 'handled' : 'in_progress', note: input.note });
  return decided?.note ?? null;
}
