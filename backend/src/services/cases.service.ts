import { AppError } from '../app-error.ts';
import { findCase, isOpen, listCases, updateCase, type Case, type CaseFilter } from '../db/cases.repository.ts';
import { findResponseUnit } from '../db/comments.repository.ts';
import { insertHandlingNote, notesForResponses, type HandlingNote } from '../db/handling-notes.repository.ts';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import type { CaseStatus } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { vietnamDay } from '../domain/day.ts';
import type { Principal } from './auth.service.ts';
import { CASE_STATUS_LABEL, isOverdueCase } from '../domain/cases.ts';

export { CASE_STATUS_LABEL };

/** A case as the comments and alerts screens show it beside their item: its status in words, its owner, whether it is overdue. */
export interface CaseSummary {
  status: CaseStatus;
  statusLabel: string;
  dueDay: string;
  overdue: boolean;
  owner: { id: string; username: string } | null;
  kind: Case['kind'];
}

/** CaseSummary of each case (owners' names read once). */
export async function caseSummaries(deps: Deps, unitId: string, cases: Map<string, Case>): Promise<Map<string, CaseSummary>> {
  if (cases.size === 0) return new Map();
  const today = vietnamDay(deps.now());
  const owners = [...new Set([...cases.values()].map((c) => c.ownerStaffId).filter((x): x is string => x !== null))];
  const names = new Map(
    owners.length === 0 ? [] : (await deps.db.kysely.selectFrom('staff').select(['id', 'username']).where('unit_id', '=', unitId).where('id', 'in', owners).execute()).map((s) => [s.id, s.username]),
  );
  return new Map(
    [...cases.entries()].map(([id, c]) => [
      id,
      {
        status: c.status,
        statusLabel: CASE_STATUS_LABEL[c.status],
        dueDay: c.dueDay,
        overdue: isOverdueCase(c, today),
        owner: c.ownerStaffId ? { id: c.ownerStaffId, username: names.get(c.ownerStaffId) ?? '' } : null,
        kind: c.kind,
      },
    ]),
  );
}

/**
 * A handling decision on a response: a note (the history is the record; the response is never
 * edited) and, when the response opened a case, the case's new status and owner, in one
 * transaction. Closing a case (handled, unfounded) needs a note saying what was done. Null when
 * the response is not the unit's.
 */
export async function decideCase(
  deps: Deps,
  principal: Principal,
  unitId: string,
  responseId: string,
  input: { status: CaseStatus; note: string; ownerStaffId?: string | null },
): Promise<{ note: HandlingNote; case: Case | null } | null> {
  const db = deps.db.kysely;
  if ((await findResponseUnit(db, responseId)) !== unitId) return null;
  if (input.ownerStaffId) {
    const owner = await db.selectFrom('staff').select(['id', 'unit_id', 'active']).where('id', '=', input.ownerStaffId).executeTakeFirst();
    if (!owner || owner.unit_id !== unitId || owner.active !== 1) {
      throw new AppError('invalid_input', 'Người xử lý phải là cán bộ đang làm việc của đơn vị.', { details: [{ path: 'ownerStaffId', message: 'not staff of this unit' }] });
    }
  }
  const existing = await findCase(db, unitId, responseId);
  if (existing && !isOpen(input.status) && input.note.trim() === '') {
    throw new AppError('invalid_input', 'Cần ghi kết quả xử lý (nội dung đã làm) trước khi đóng.', { details: [{ path: 'note', message: 'required to close a case' }] });
  }
  const at = deps.now().toISOString();
  const note: HandlingNote = {
    id: crypto.randomUUID(),
    responseId,
    staffId: principal.kind === 'staff' ? principal.staff.id : null,
    author: principal.kind === 'staff' ? principal.staff.username : 'admin',
    handled: input.status === 'handled' || input.status === 'unfounded',
    status: existing ? input.status : null,
    note: input.note,
    createdAt: at,
  };
  await db.transaction().execute(async (trx) => {
    await insertHandlingNote(trx, { ...note, unitId });
    if (existing) await updateCase(trx, unitId, responseId, { status: input.status, ...(input.ownerStaffId !== undefined ? { ownerStaffId: input.ownerStaffId } : {}), updatedAt: at });
  });
  return { note, case: existing ? ((await findCase(db, unitId, responseId)) ?? null) : null };
}

export interface CaseView extends Case {
  statusLabel: string;
  overdue: boolean;
  owner: { id: string; username: string } | null;
  officer: { id: string; name: string } | null;
  field: { id: string; name: string } | null;
  response: { receivedAt: string; level: number | null; issues: string[]; comment: string | null; channel: string; formKey: string };
  notes: HandlingNote[];
}

/** A unit's cases with the response each came from, its history and whether it is overdue; newest first. */
export async function listCaseViews(deps: Deps, filter: CaseFilter): Promise<{ cases: CaseView[]; nextBefore: string | null }> {
  const db = deps.db.kysely;
  const today = vietnamDay(deps.now());
  const cases = await listCases(db, filter);
  const ids = cases.map((c) => c.responseId);
  const [responses, notes, officers, fields, staff] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('responses').select(['id', 'received_at', 'answers', 'issues', 'comment', 'channel', 'form_key', 'form_version', 'field_id']).where('id', 'in', ids).execute(),
    notesForResponses(db, ids),
    listOfficers(db, filter.unitId),
    listFields(db, filter.unitId),
    db.selectFrom('staff').select(['id', 'username']).where('unit_id', '=', filter.unitId).execute(),
  ]);
  const byId = new Map(responses.map((r) => [r.id, r]));
  const officerName = new Map(officers.map((o) => [o.id, o.name]));
  const fieldName = new Map(fields.map((f) => [f.id, f.name]));
  const username = new Map(staff.map((s) => [s.id, s.username]));
  const views: CaseView[] = [];
  for (const c of cases) {
    const r = byId.get(c.responseId)!;
    const form = await deps.forms.version(deps.db, r.form_key, Number(r.form_version), deps.now().getTime());
    const answers = JSON.parse(r.answers) as Record<string, number>;
    const issueLabel = new Map((form?.issues ?? []).map((i) => [i.key, i.label]));
    views.push({
      ...c,
      statusLabel: CASE_STATUS_LABEL[c.status],
      overdue: isOpen(c.status) && c.dueDay < today,
      owner: c.ownerStaffId ? { id: c.ownerStaffId, username: username.get(c.ownerStaffId) ?? '' } : null,
      officer: c.officerId ? { id: c.officerId, name: officerName.get(c.officerId) ?? '' } : null,
      field: r.field_id ? { id: r.field_id, name: fieldName.get(r.field_id) ?? '' } : null,
      response: {
        receivedAt: r.received_at,
        level: answers[form?.overallKey ?? 'overall'] ?? null,
        issues: (JSON.parse(r.issues) as string[]).map((k) => issueLabel.get(k) ?? k),
        comment: r.comment,
        channel: r.channel,
        formKey: r.form_key,
      },
      notes: notes.get(c.responseId) ?? [],
    });
  }
  const last = cases.at(-1);
  return { cases: views, nextBefore: cases.length === filter.limit && last ? `${last.createdAt}|${last.responseId}` : null };
}
