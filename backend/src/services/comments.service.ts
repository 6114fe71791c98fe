import { listCommentRows, findResponseUnit, type CommentFilter } from '../db/comments.repository.ts';
import { insertHandlingNote, notesForResponses, type HandlingNote } from '../db/handling-notes.repository.ts';
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
  const notes = await notesForResponses(db, rows.map((r) => r.id));
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
    };
  });
  const last = rows.at(-1);
  return { form: formView(form), comments, nextBefore: rows.length === filter.limit && last ? last.seq : null };
}

/** Records a handling decision; false when the response is not the unit's (the caller answers 404). */
export async function addHandlingNote(
  deps: Deps,
  principal: Principal,
  unitId: string,
  responseId: string,
  input: { handled: boolean; note: string },
): Promise<HandlingNote | null> {
  const db = deps.db.kysely;
  if ((await findResponseUnit(db, responseId)) !== unitId) return null;
  const note: HandlingNote = {
    id: crypto.randomUUID(),
    responseId,
    staffId: principal.kind === 'staff' ? principal.staff.id : null,
    author: principal.kind === 'staff' ? principal.staff.username : 'admin',
    handled: input.handled,
    note: input.note,
    createdAt: deps.now().toISOString(),
  };
  await insertHandlingNote(db, { ...note, unitId });
  return note;
}
