import type { Kysely, Transaction } from 'kysely';
import type { Database, PaperBatchStatus } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface PaperBatch {
  id: string;
  unitId: string;
  pointId: string;
  openedOn: string;
  countsOn: string;
  expectedForms: number;
  status: PaperBatchStatus;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  commitStartedAt: string | null;
  committedBy: string | null;
  committedAt: string | null;
  stored: number | null;
}

export interface PaperForm {
  id: string;
  batchId: string;
  formNo: number;
  officerId: string | null;
  fieldId: string | null;
  answers: Record<string, number>;
  issues: string[];
  comment: string | null;
  enteredBy: string | null;
  enteredAt: string;
  responseId: string | null;
}

const toBatch = (r: Database['paper_batches']): PaperBatch => ({
  id: r.id,
  unitId: r.unit_id,
  pointId: r.point_id,
  openedOn: r.opened_on,
  countsOn: r.counts_on,
  expectedForms: Number(r.expected_forms),
  status: r.status,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  commitStartedAt: r.commit_started_at,
  committedBy: r.committed_by,
  committedAt: r.committed_at,
  stored: r.stored === null ? null : Number(r.stored),
});

const toForm = (r: Database['paper_forms']): PaperForm => ({
  id: r.id,
  batchId: r.batch_id,
  formNo: Number(r.form_no),
  officerId: r.officer_id,
  fieldId: r.field_id,
  answers: JSON.parse(r.answers) as Record<string, number>,
  issues: JSON.parse(r.issues) as string[],
  comment: r.comment,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
  responseId: r.response_id,
});

export async function insertBatch(db: Executor, b: Omit<PaperBatch, 'status' | 'commitStartedAt' | 'committedBy' | 'committedAt' | 'stored'>): Promise<PaperBatch> {
  await db
    .insertInto('paper_batches')
    .values({
      id: b.id,
      unit_id: b.unitId,
      point_id: b.pointId,
      opened_on: b.openedOn,
      counts_on: b.countsOn,
      expected_forms: b.expectedForms,
      status: 'open',
      note: b.note,
      created_by: b.createdBy,
      created_at: b.createdAt,
      commit_started_at: null,
      committed_by: null,
      committed_at: null,
      stored: null,
    })
    .execute();
  return { ...b, status: 'open', commitStartedAt: null, committedBy: null, committedAt: null, stored: null };
}

export async function findBatch(db: Executor, unitId: string, batchId: string): Promise<PaperBatch | undefined> {
  const row = await db.selectFrom('paper_batches').selectAll().where('unit_id', '=', unitId).where('id', '=', batchId).executeTakeFirst();
  return row && toBatch(row);
}

/** A unit's batches, newest first, with how many forms each holds. */
export async function listBatches(db: Executor, unitId: string, limit: number): Promise<(PaperBatch & { forms: number })[]> {
  const rows = await db
    .selectFrom('paper_batches')
    .selectAll('paper_batches')
    .select((eb) => eb.selectFrom('paper_forms').whereRef('paper_forms.batch_id', '=', 'paper_batches.id').select((e) => e.fn.countAll<string | number>().as('n')).as('forms'))
    .where('unit_id', '=', unitId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toBatch(r), forms: Number(r.forms ?? 0) }));
}

export async function listForms(db: Executor, batchId: string): Promise<PaperForm[]> {
  const rows = await db.selectFrom('paper_forms').selectAll().where('batch_id', '=', batchId).orderBy('form_no').execute();
  return rows.map(toForm);
}

export async function countForms(db: Executor, batchId: string): Promise<number> {
  const row = await db.selectFrom('paper_forms').select((eb) => eb.fn.countAll<string | number>().as('n')).where('batch_id', '=', batchId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function nextFormNo(db: Executor, batchId: string): Promise<number> {
  const row = await db.selectFrom('paper_forms').select((eb) => eb.fn.max('form_no').as('m')).where('batch_id', '=', batchId).executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

export async function insertForm(db: Executor, f: Omit<PaperForm, 'responseId'>): Promise<void> {
  await db
    .insertInto('paper_forms')
    .values({
      id: f.id,
      batch_id: f.batchId,
      form_no: f.formNo,
      officer_id: f.officerId,
      field_id: f.fieldId,
      answers: JSON.stringify(f.answers),
      issues: JSON.stringify(f.issues),
      comment: f.comment,
      entered_by: f.enteredBy,
      entered_at: f.enteredAt,
      response_id: null,
    })
    .execute();
}

export async function updateForm(db: Executor, batchId: string, formNo: number, f: Pick<PaperForm, 'officerId' | 'fieldId' | 'answers' | 'issues' | 'comment' | 'enteredBy' | 'enteredAt'>): Promise<boolean> {
  const r = await db
    .updateTable('paper_forms')
    .set({ officer_id: f.officerId, field_id: f.fieldId, answers: JSON.stringify(f.answers), issues: JSON.stringify(f.issues), comment: f.comment, entered_by: f.enteredBy, entered_at: f.enteredAt })
    .where('batch_id', '=', batchId)
    .where('form_no', '=', formNo)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteForm(db: Executor, batchId: string, formNo: number): Promise<boolean> {
  const r = await db.deleteFrom('paper_forms').where('batch_id', '=', batchId).where('form_no', '=', formNo).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Takes the batch for a commit: open → committing, or a commit interrupted before `staleBefore`
 * taken over. True for the one caller that gets it.
 */
export async function claimCommit(db: Executor, batchId: string, at: string, staleBefore: string): Promise<boolean> {
  const r = await db
    .updateTable('paper_batches')
    .set({ status: 'committing', commit_started_at: at })
    .where('id', '=', batchId)
    .where((eb) => eb.or([eb('status', '=', 'open'), eb.and([eb('status', '=', 'committing'), eb('commit_started_at', '<', staleBefore)])]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setFormResponse(db: Executor, formId: string, responseId: string): Promise<void> {
  await db.updateTable('paper_forms').set({ response_id: responseId }).where('id', '=', formId).execute();
}

export async function finishCommit(db: Executor, batchId: string, by: string | null, at: string, stored: number): Promise<void> {
  await db.updateTable('paper_batches').set({ status: 'committed', committed_by: by, committed_at: at, stored }).where('id', '=', batchId).where('status', '=', 'committing').execute();
}

/** An open batch set aside: its forms stay as they were typed, nothing is counted. */
export async function discardBatch(db: Executor, batchId: string): Promise<boolean> {
  const r = await db.updateTable('paper_batches').set({ status: 'discarded' }).where('id', '=', batchId).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
