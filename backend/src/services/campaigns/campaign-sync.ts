import { AppError } from '../../app-error.ts';
import { findEntries, insertOutcomes, isForeignKeyViolation, knownOpIds, type NewOutcome } from '../../db/campaign-entries.repository.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { newRowId } from '../../db/ids.ts';
import type { Staff } from '../../db/staff.repository.ts';
import type { Deps } from '../../deps.ts';
import type { EntryStatus } from '../../domain/campaign-quota.ts';
import { windowProblem } from '../../domain/campaign-window.ts';
import { vietnamDay } from '../../domain/day.ts';
import { answerProblems } from '../../domain/form.ts';
import type { CampaignResponseInput } from '../../write-path/campaign-links.ts';
import { assignedUnits, campaignForm } from './campaign-enumerator.ts';

export type SyncOp =
  | { opId: string; kind: 'response'; entryId: string; answers: Record<string, number>; issues?: readonly string[] | undefined; comment?: string | undefined; at: string }
  | { opId: string; kind: 'refused' | 'unreachable'; entryId: string; at: string; note?: string | undefined };

export type SyncResult = { opId: string; status: 'stored' | 'already' | 'rejected'; error?: { code: string; message: string } };

const rejected = (opId: string, code: string, message: string): SyncResult => ({ opId, status: 'rejected', error: { code, message } });

const CLOSED: Record<Exclude<EntryStatus, 'pending'>, string> = {
  done: 'Người này đã được khảo sát (phiếu đã ghi nhận).',
  refused: 'Người này đã từ chối khảo sát (đã ghi nhận).',
  unreachable: 'Người này đã được ghi là không liên lạc được.',
};
const GONE = 'Không còn người này trong danh sách của đợt khảo sát (danh sách có thể đã được thay): tải lại danh sách.';
const TAKEN = 'Người này vừa được ghi nhận từ một thiết bị khác.';

/**
 * An enumerator's ops, synced exactly once each (API contract, issue 29): a response becomes an
 * ordinary response of the entry's unit (channel `enumerator`, the campaign's form version, the
 * entry's field; its clientId the op id), linked to its entry in its own transaction
 * (write-path/campaign-links.ts); a refusal or an unreachable person is an outcome keyed by the op
 * id. An op already recorded → "already"; an entry closed, not assigned to this enumerator, a
 * form outside the window or answers that do not fit the form → "rejected" with a Vietnamese
 * message, and nothing stored for it. A failure of the server's own (a full disk) fails the whole
 * request: the device keeps its ops and sends them again, and what was stored answers "already".
 */
export async function syncOps(deps: Deps, staff: Staff, campaignId: string, deviceId: string, ops: SyncOp[]): Promise<{ results: SyncResult[] }> {
  const { campaign, units } = await assignedUnits(deps, staff, campaignId);
  const unitOf = new Map(units.map((u) => [u.unitId, u]));
  const form = await campaignForm(deps, campaign);
  const now = deps.now();
  const today = vietnamDay(now);
  const db = deps.db.kysely;

  const known = await knownOpIds(
    db,
    ops.map((o) => o.opId),
  );
  const entries = await findEntries(
    db,
    campaign.id,
    ops.map((o) => o.entryId),
  );
  // Each entry's status as the ops before this one leave it.
  const status = new Map([...entries].map(([id, e]) => [id, e.status]));
  const results = new Map<string, SyncResult>();
  const outcomes: NewOutcome[] = [];
  const responses: CampaignResponseInput[] = [];
  const issueOrder = form.issues.map((i) => i.key);
  const issueLabel = new Map(form.issues.map((i) => [i.key, i.label]));

  for (const op of ops) {
    if (results.has(op.opId)) continue;
    if (known.has(op.opId)) {
      results.set(op.opId, { opId: op.opId, status: 'already' });
      continue;
    }
    const entry = entries.get(op.entryId);
    if (!entry) {
      results.set(op.opId, rejected(op.opId, 'not_found', GONE));
      continue;
    }
    const unit = unitOf.get(entry.unitId);
    if (!unit) {
      results.set(op.opId, rejected(op.opId, 'forbidden', 'Bạn không được phân công khảo sát đơn vị của người này.'));
      continue;
    }
    const current = status.get(entry.entryId) ?? 'pending';
    if (current !== 'pending') {
      results.set(op.opId, rejected(op.opId, 'conflict', CLOSED[current]));
      continue;
    }
    const at = new Date(op.at);
    if (op.kind === 'response') {
      const outside = windowProblem(at, campaign, today);
      if (outside) {
        results.set(op.opId, rejected(op.opId, 'outside_window', outside));
        continue;
      }
      const problems = answerProblems(form, op.answers, op.issues ?? []);
      if (problems.length > 0) {
        results.set(op.opId, rejected(op.opId, 'invalid_input', `Phiếu chưa hợp lệ: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`));
        continue;
      }
      const issues = [...new Set(op.issues ?? [])].sort((a, b) => issueOrder.indexOf(a) - issueOrder.indexOf(b));
      responses.push({
        id: newRowId(now.getTime()),
        unitId: entry.unitId,
        pointId: unit.pointId,
        officerId: null,
        fieldId: unit.fieldIds[entry.fieldKey] ?? null,
        clientId: op.opId,
        formKey: form.key,
        formVersion: form.version,
        overallKey: form.overallKey,
        issueLabels: issues.map((k) => issueLabel.get(k) ?? k),
        answers: op.answers,
        issues,
        comment: op.comment?.trim() ? op.comment.trim() : null,
        dossierCode: null,
        channel: 'enumerator',
        receivedAt: now.toISOString(),
        // The day it was filled counts, however late the device synced.
        day: vietnamDay(at),
        campaign: { campaignId: campaign.id, entryId: entry.entryId, fieldKey: entry.fieldKey, respondentKind: entry.respondentKind, list: entry.list, at: at.toISOString(), staffId: staff.id, deviceId },
      });
      status.set(entry.entryId, 'done');
    } else {
      if (vietnamDay(at) > today) {
        results.set(op.opId, rejected(op.opId, 'invalid_input', 'Thời điểm ghi nhận ở sau hôm nay: kiểm tra ngày giờ của máy.'));
        continue;
      }
      outcomes.push({ opId: op.opId, entryId: entry.entryId, campaignId: campaign.id, unitId: entry.unitId, kind: op.kind, note: op.note?.trim() ? op.note.trim() : null, at: at.toISOString(), recordedAt: now.toISOString(), staffId: staff.id, deviceId });
      status.set(entry.entryId, op.kind);
    }
    results.set(op.opId, { opId: op.opId, status: 'stored' });
  }

  for (const [opId, r] of await storeOutcomes(deps, outcomes)) results.set(opId, r);
  for (const [opId, r] of await storeResponses(deps, campaign.id, responses)) results.set(opId, r);
  // An op sent twice in one batch: its second copy was stored by the first.
  const seen = new Set<string>();
  return {
    results: ops.map((op) => {
      const r = results.get(op.opId)!;
      if (seen.has(op.opId) && r.status === 'stored') return { opId: op.opId, status: 'already' };
      seen.add(op.opId);
      return r;
    }),
  };
}

/** Outcomes in one transaction; when another device got there first, one by one to tell which. */
async function storeOutcomes(deps: Deps, outcomes: NewOutcome[]): Promise<Map<string, SyncResult>> {
  const out = new Map<string, SyncResult>();
  if (outcomes.length === 0) return out;
  try {
    await deps.db.kysely.transaction().execute((trx) => insertOutcomes(trx, outcomes));
    return out;
  } catch (err) {
    if (!isUniqueViolation(err) && !isForeignKeyViolation(err)) throw err;
  }
  for (const o of outcomes) {
    try {
      await insertOutcomes(deps.db.kysely, [o]);
    } catch (err) {
      if (isForeignKeyViolation(err)) out.set(o.opId, rejected(o.opId, 'not_found', GONE));
      else if (!isUniqueViolation(err)) throw err;
      else if ((await knownOpIds(deps.db.kysely, [o.opId])).has(o.opId)) out.set(o.opId, { opId: o.opId, status: 'already' });
      else out.set(o.opId, rejected(o.opId, 'conflict', TAKEN));
    }
  }
  return out;
}

/**
 * Responses through the writer, all at once (they share its group commit). A response whose entry
 * another device closed meanwhile fails its transaction's link (unique entry) and only it; the
 * error's code does not survive the writer thread, so the entry is looked at again to tell.
 */
async function storeResponses(deps: Deps, campaignId: string, records: CampaignResponseInput[]): Promise<Map<string, SyncResult>> {
  const settled = await Promise.allSettled(records.map((r) => deps.writer.submit(r)));
  const out = new Map<string, SyncResult>();
  for (const [i, s] of settled.entries()) {
    const record = records[i]!;
    const opId = record.clientId;
    if (s.status === 'fulfilled') out.set(opId, { opId, status: s.value.created ? 'stored' : 'already' });
    else if (s.reason instanceof AppError && s.reason.status < 500) out.set(opId, rejected(opId, s.reason.code, s.reason.message));
    else out.set(opId, await afterFailure(deps, campaignId, record, s.reason));
  }
  return out;
}

/** What a failed response op comes to once the database is looked at again; the failure itself when nothing explains it. */
async function afterFailure(deps: Deps, campaignId: string, record: CampaignResponseInput, failure: unknown): Promise<SyncResult> {
  const opId = record.clientId;
  if ((await knownOpIds(deps.db.kysely, [opId])).has(opId)) return { opId, status: 'already' };
  const entry = (await findEntries(deps.db.kysely, campaignId, [record.campaign.entryId])).get(record.campaign.entryId);
  if (!entry) return rejected(opId, 'not_found', GONE);
  if (entry.status !== 'pending') return rejected(opId, 'conflict', TAKEN);
  throw failure;
}
