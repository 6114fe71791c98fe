import { AppError } from '../app-error.ts';
import { alertContext, alertStatesQuery, setAlertStateQuery } from '../db/alerts.repository.ts';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import {
  claimCommit,
  countForms,
  deleteForm,
  discardBatch,
  finishCommit,
  findBatch,
  insertBatch,
  insertForm,
  listForms,
  nextFormNo,
  setFormResponse,
  updateForm,
  type PaperBatch,
  type PaperForm,
} from '../db/paper.repository.ts';
import { findPoint, listPoints } from '../db/points.repository.ts';
import { sumByOfficer } from '../db/tallies.repository.ts';
import type { Deps } from '../deps.ts';
import { alertPeriodOf, nextAlertState } from '../domain/alert-policy.ts';
import { vietnamDay } from '../domain/day.ts';
import { answerProblems, type FormDefinition } from '../domain/form.ts';
import { isLevel } from '../domain/levels.ts';
import { sharesOf, verdictOf } from '../domain/results.ts';
import { addLevel, emptyLevels, type LevelCounts } from '../domain/tally.ts';
import { crossingAlertText } from '../jobs/alert-text.ts';
import { createAlert } from '../jobs/enqueue.ts';
import type { Principal } from './auth.service.ts';

/** A commit interrupted (a crash, a full disk) may be taken over after this long. */
const COMMIT_LEASE_MS = 2 * 60_000;

const invalid = (path: string, message: string) => new AppError('invalid_input', message, { details: [{ path, message }] });
const staffId = (p: Principal) => (p.kind === 'staff' ? p.staff.id : null);

export interface PaperFormInput {
  officerId?: string | null | undefined;
  fieldId?: string | null | undefined;
  answers: Record<string, number>;
  issues?: string[] | undefined;
  comment?: string | null | undefined;
}

async function formOf(deps: Deps, formKey: string): Promise<FormDefinition> {
  const form = await deps.forms.latest(deps.db, formKey, deps.now().getTime());
  if (!form) throw new Error(`form "${formKey}" has no version`);
  return form;
}

/** The batch of this unit, or 404. */
async function batchOrThrow(deps: Deps, unitId: string, batchId: string): Promise<PaperBatch> {
  const b = await findBatch(deps.db.kysely, unitId, batchId);
  if (!b) throw new AppError('not_found', 'Không có đợt mở hòm phiếu này.');
  return b;
}

function requireOpen(b: PaperBatch): void {
  if (b.status === 'committed') throw new AppError('conflict', 'Đợt phiếu này đã được ghi vào kết quả; không thể sửa hay ghi lại.');
  if (b.status === 'discarded') throw new AppError('conflict', 'Đợt phiếu này đã bị hủy.');
  if (b.status === 'committing') throw new AppError('conflict', 'Đợt phiếu này đang được ghi vào kết quả.');
}

/**
 * Opens a ballot box (R6.2): the day it was opened, the day its forms count in (default the
 * same), how many forms were found. Its forms answer the form of a point of the unit: the one
 * given, else the unit's counter point (no officer of its own).
 */
export async function openBatch(
  deps: Deps,
  principal: Principal,
  unitId: string,
  input: { openedOn: string; countsOn?: string | undefined; expectedForms: number; pointId?: string | undefined; note?: string | undefined },
): Promise<PaperBatch> {
  const today = vietnamDay(deps.now());
  if (input.openedOn > today) throw invalid('openedOn', 'Ngày mở hòm phiếu không được sau hôm nay.');
  const countsOn = input.countsOn ?? input.openedOn;
  if (countsOn > today) throw invalid('countsOn', 'Ngày tính kết quả không được sau hôm nay.');
  let pointId = input.pointId;
  if (pointId !== undefined) {
    const p = await findPoint(deps.db.kysely, pointId);
    if (!p || p.unitId !== unitId || !p.active) throw invalid('pointId', 'Điểm QR không thuộc đơn vị này hoặc đã ngừng.');
  } else {
    const points = (await listPoints(deps.db.kysely, unitId)).filter((p) => p.active);
    const counter = points.find((p) => p.officerId === null && p.kind === 'counter') ?? points.find((p) => p.officerId === null) ?? points[0];
    if (!counter) throw invalid('pointId', 'Đơn vị chưa có điểm QR nào: tạo một điểm (quầy) trước, phiếu giấy dùng mẫu phiếu của điểm đó.');
    pointId = counter.id;
  }
  return insertBatch(deps.db.kysely, {
    id: crypto.randomUUID(),
    unitId,
    pointId,
    openedOn: input.openedOn,
    countsOn,
    expectedForms: input.expectedForms,
    note: input.note ?? null,
    createdBy: staffId(principal),
    createdAt: deps.now().toISOString(),
  });
}

/** A batch with its forms and the form they answer (the screen's labels). */
export async function batchView(deps: Deps, unitId: string, batchId: string) {
  const batch = await batchOrThrow(deps, unitId, batchId);
  const point = (await findPoint(deps.db.kysely, batch.pointId))!;
  const forms = await listForms(deps.db.kysely, batch.id);
  return { ...batch, formKey: point.formKey, pointLabel: point.label, forms, entered: forms.length };
}

/** A form's answers checked as the public POST checks them, against the point's form and the unit's officers and fields. */
async function checkForm(deps: Deps, batch: PaperBatch, input: PaperFormInput): Promise<{ officerId: string | null; fieldId: string | null; answers: Record<string, number>; issues: string[]; comment: string | null }> {
  const point = (await findPoint(deps.db.kysely, batch.pointId))!;
  const form = await formOf(deps, point.formKey);
  const issues = [...new Set(input.issues ?? [])];
  const problems = answerProblems(form, input.answers, issues);
  if (problems.length > 0) throw new AppError('invalid_input', undefined, { details: problems });
  const officerId = point.officerId ?? input.officerId ?? null;
  if (point.officerId && input.officerId && input.officerId !== point.officerId) throw invalid('officerId', 'Phiếu của điểm này dành cho một cán bộ khác.');
  if (officerId !== null && !(await listOfficers(deps.db.kysely, batch.unitId)).some((o) => o.id === officerId && o.active)) throw invalid('officerId', 'Cán bộ được chọn không thuộc đơn vị này.');
  const fieldId = input.fieldId ?? null;
  if (fieldId !== null && !(await listFields(deps.db.kysely, batch.unitId)).some((f) => f.id === fieldId && f.active)) throw invalid('fieldId', 'Lĩnh vực được chọn không thuộc đơn vị này.');
  const order = form.issues.map((i) => i.key);
  issues.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  return { officerId, fieldId, answers: input.answers, issues, comment };
}

/** Adds a typed form to an open batch; nothing is counted until the commit. */
export async function addPaperForm(deps: Deps, principal: Principal, unitId: string, batchId: string, input: PaperFormInput): Promise<{ formNo: number; entered: number }> {
  const batch = await batchOrThrow(deps, unitId, batchId);
  requireOpen(batch);
  const checked = await checkForm(deps, batch, input);
  const entered = await countForms(deps.db.kysely, batch.id);
  if (entered >= batch.expectedForms) {
    throw new AppError('conflict', `Đã nhập đủ ${batch.expectedForms} phiếu của hòm; nếu đếm lại thấy nhiều hơn, hãy hủy đợt này và mở đợt mới với số phiếu đúng.`);
  }
  // Two clerks typing into one batch: a form number taken between read and insert is retried.
  for (let attempt = 0; ; attempt++) {
    const formNo = await nextFormNo(deps.db.kysely, batch.id);
    try {
      await insertForm(deps.db.kysely, { id: crypto.randomUUID(), batchId: batch.id, formNo, ...checked, enteredBy: staffId(principal), enteredAt: deps.now().toISOString() });
      return { formNo, entered: entered + 1 };
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

export async function editPaperForm(deps: Deps, principal: Principal, unitId: string, batchId: string, formNo: number, input: PaperFormInput): Promise<{ formNo: number }> {
  const batch = await batchOrThrow(deps, unitId, batchId);
  requireOpen(batch);
  const checked = await checkForm(deps, batch, input);
  if (!(await updateForm(deps.db.kysely, batch.id, formNo, { ...checked, enteredBy: staffId(principal), enteredAt: deps.now().toISOString() }))) throw new AppError('not_found', `Không có phiếu số ${formNo} trong đợt này.`);
  return { formNo };
}

export async function removePaperForm(deps: Deps, unitId: string, batchId: string, formNo: number): Promise<void> {
  const batch = await batchOrThrow(deps, unitId, batchId);
  requireOpen(batch);
  if (!(await deleteForm(deps.db.kysely, batch.id, formNo))) throw new AppError('not_found', `Không có phiếu số ${formNo} trong đợt này.`);
}

export async function discardPaperBatch(deps: Deps, unitId: string, batchId: string): Promise<void> {
  const batch = await batchOrThrow(deps, unitId, batchId);
  requireOpen(batch);
  if (!(await discardBatch(deps.db.kysely, batch.id))) throw new AppError('conflict', 'Đợt phiếu này không còn mở.');
}

/**
 * Commits a batch: only when it holds exactly the forms found in the box (else 409 and nothing
 * stored), at most once. Each form becomes a response — channel `paper`, counted in the batch's
 * day, hash-chained like every response — through the writer, with the form's id as clientId, so
 * a commit interrupted half-way and taken over later stores no form twice. Paper forms raise no
 * per-response alerts (a misconduct report still opens its case); the rule's threshold is looked at once
 * for the batch's officers afterwards.
 */
export async function commitPaperBatch(deps: Deps, principal: Principal, unitId: string, batchId: string): Promise<{ stored: number; alerts: number }> {
  const batch = await batchOrThrow(deps, unitId, batchId);
  if (batch.status !== 'committing') requireOpen(batch);
  const forms = await listForms(deps.db.kysely, batch.id);
  if (forms.length !== batch.expectedForms) {
    throw new AppError(
      'conflict',
      forms.length < batch.expectedForms
        ? `Mới nhập ${forms.length}/${batch.expectedForms} phiếu: còn thiếu ${batch.expectedForms - forms.length} phiếu. Chưa có phiếu nào được ghi.`
        : `Đã nhập ${forms.length} phiếu, nhiều hơn ${batch.expectedForms} phiếu đếm được trong hòm. Chưa có phiếu nào được ghi.`,
    );
  }
  const point = (await findPoint(deps.db.kysely, batch.pointId))!;
  const form = await formOf(deps, point.formKey);
  // The form may have a new version since the forms were typed: each must still fit it.
  for (const f of forms) {
    const problems = answerProblems(form, f.answers, f.issues);
    if (problems.length > 0) throw new AppError('invalid_input', `Phiếu số ${f.formNo} không khớp mẫu phiếu hiện hành: sửa phiếu rồi ghi lại. Chưa có phiếu nào được ghi.`, { details: problems });
  }
  const now = deps.now();
  if (!(await claimCommit(deps.db.kysely, batch.id, now.toISOString(), new Date(now.getTime() - COMMIT_LEASE_MS).toISOString()))) {
    throw new AppError('conflict', 'Đợt phiếu này đã được ghi vào kết quả (hoặc đang được ghi); không ghi lại lần nữa.');
  }
  const issueLabel = new Map(form.issues.map((i) => [i.key, i.label]));
  const outcomes = await Promise.all(
    forms.map((f) =>
      deps.writer.submit({
        id: crypto.randomUUID(),
        unitId,
        pointId: point.id,
        officerId: f.officerId,
        fieldId: f.fieldId,
        clientId: f.id,
        formKey: form.key,
        formVersion: form.version,
        overallKey: form.overallKey,
        issueLabels: f.issues.map((k) => issueLabel.get(k) ?? k),
        answers: f.answers,
        issues: f.issues,
        comment: f.comment,
        dossierCode: null,
        channel: 'paper',
        receivedAt: now.toISOString(),
        day: batch.countsOn,
      }),
    ),
  );
  for (const [i, f] of forms.entries()) if (f.responseId === null) await setFormResponse(deps.db.kysely, f.id, outcomes[i]!.receipt.id);
  await finishCommit(deps.db.kysely, batch.id, staffId(principal), deps.now().toISOString(), forms.length);
  const alerts = await evaluateBatchOnce(deps, unitId, form, batch.countsOn, forms);
  return { stored: forms.length, alerts };
}

/**
 * Rule 2 for a committed batch, once: for each officer it rated, the period's share before and
 * after the batch (domain/alert-policy.ts, with the officer's standing alert), an alert when the
 * batch made the officer cross.
 */
async function evaluateBatchOnce(deps: Deps, unitId: string, form: FormDefinition, day: string, forms: PaperForm[]): Promise<number> {
  const period = alertPeriodOf(day, deps.config.ALERT_PERIOD);
  const batchLevels = new Map<string, LevelCounts>();
  for (const f of forms) {
    const level = f.answers[form.overallKey];
    if (!f.officerId || !isLevel(level)) continue;
    addLevel(batchLevels.get(f.officerId) ?? batchLevels.set(f.officerId, emptyLevels()).get(f.officerId)!, level);
  }
  if (batchLevels.size === 0) return 0;
  const db = deps.db.kysely;
  const sums = await sumByOfficer(db, { unitId, formKey: form.key, from: period.from, to: period.to }, form.overallKey);
  const standing = new Set(
    (await alertStatesQuery(db, [...batchLevels.keys()].map((officerId) => ({ unitId, formKey: form.key, officerId, periodKey: period.key }))).execute()).map((r) => r.officer_id),
  );
  const at = deps.now().toISOString();
  let made = 0;
  for (const [officerId, batch] of batchLevels) {
    const now = emptyLevels();
    for (const s of sums) if (s.officerId === officerId && isLevel(s.level)) addLevel(now, s.level, s.n);
    const before = emptyLevels();
    for (const k of ['1', '2', '3', '4', '5'] as const) before[k] = Math.max(0, now[k] - batch[k]);
    const after = sharesOf(now);
    const next = nextAlertState(standing.has(officerId), sharesOf(before), after, { minResponses: deps.config.ALERT_MIN_RESPONSES });
    const created = await db.transaction().execute(async (trx) => {
      if (next.standing !== standing.has(officerId)) await setAlertStateQuery(trx, { unitId, formKey: form.key, officerId, periodKey: period.key, alerted: next.standing, at }).execute();
      if (!next.alert) return false;
      const nm = await alertContext(trx, { unitId, officerId, fieldId: null, includeClerks: deps.config.ALERT_NOTIFY_CLERK });
      const verdict = verdictOf(after);
      const id = await createAlert(trx, deps.config, {
        unitId,
        kind: 'crossing',
        dedupeKey: `crossing:${form.key === 'counter' ? '' : `${form.key}:`}${officerId}:${period.key}:n${after.responses}`,
        officerId,
        responseId: null,
        day,
        createdAt: at,
        details: { period: period.key, month: period.key, formKey: form.key, n: after.responses, dissatisfied: after.dissatisfied, share: after.dissatisfiedShare, interval: after.dissatisfiedInterval, smallSample: after.smallSample, certainty: verdict.certainty, levels: now, source: 'paper' },
        recipients: nm.recipients,
        text: (link) =>
          crossingAlertText({
            unitName: nm.unitName,
            officerName: nm.officerName ?? '',
            period: period.key,
            n: after.responses,
            dissatisfied: after.dissatisfied,
            share: after.dissatisfiedShare ?? 0,
            interval: after.dissatisfiedInterval,
            smallSample: after.smallSample,
            verdict: verdict.label,
            link,
          }),
      });
      return id !== null;
    });
    if (created) made++;
  }
  if (made > 0) deps.zalo.notify('outbox');
  return made;
}
