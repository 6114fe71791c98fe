import { channelOf, type ClaimedChannel } from '../domain/channels.ts';
import { answerProblems, type FormDefinition } from '../domain/form.ts';
import { vietnamDay } from '../domain/day.ts';
import { findPointByTokenKey } from '../db/points.repository.ts';
import { findReceiptsByClientIds, type StoredReceipt } from '../db/responses.repository.ts';
import { type AppendOutcome, type NewResponseInput } from './append.ts';
import { verifyPointToken } from '../security/point-token.ts';
import { AppError } from '../app-error.ts';
import type { Deps } from '../deps.ts';
import type { PointContext } from '../services/point-cache.ts';
import { resolveRespondent } from '../zalo/respondent.ts';
import { newRowId } from '../db/ids.ts';
import { isTicketToken } from '../security/ticket-token.ts';
import { readTicket, type ReadTicket } from '../services/ticket-access.ts';
import type { TicketResponseInput } from './ticket-uses.ts';

export interface ResponseSubmission {
  clientId: string;
  officerId?: string | undefined;
  fieldId?: string | undefined;
  /** The version of the point's form the citizen answered; default its latest. */
  formVersion?: number | undefined;
  answers: Record<string, number>;
  issues?: string[] | undefined;
  comment?: string | undefined;
  dossierCode?: string | undefined;
  /** What the app says (inside Zalo, a browser, kiosk mode); the server decides (channelOf). */
  channel?: ClaimedChannel | undefined;
  /** The Mini App's Zalo access token: verified with Zalo (bounded), kept only as a keyed hash. */
  zaloAccessToken?: string | undefined;
}

export type RecordOutcome = AppendOutcome;

const invalid = (path: string, message: string) => new AppError('invalid_input', undefined, { details: [{ path, message }] });

/** The officer a response counts for: the desk's own officer, or the one the citizen chose at a counter. */
async function resolveOfficer(deps: Deps, ctx: PointContext, officerId: string | undefined): Promise<string | null> {
  const { point } = ctx;
  if (point.officerId !== null) {
    if (officerId !== undefined && officerId !== point.officerId) {
      throw invalid('officerId', 'Mã QR này dành cho một cán bộ khác; không thể chọn cán bộ khác.');
    }
    return point.officerId;
  }
  if (officerId === undefined) return null;
  if (!(await knownInUnit(deps, ctx, 'activeOfficerIds', officerId))) throw invalid('officerId', 'Cán bộ được chọn không thuộc đơn vị này.');
  return officerId;
}

async function resolveField(deps: Deps, ctx: PointContext, fieldId: string | undefined): Promise<string | null> {
  if (fieldId === undefined) return null;
  if (!(await knownInUnit(deps, ctx, 'activeFieldIds', fieldId))) throw invalid('fieldId', 'Lĩnh vực được chọn không thuộc đơn vị này.');
  return fieldId;
}

/** Is the id one of the unit's active officers (fields)? An id the cache does not know is looked up again first. */
async function knownInUnit(deps: Deps, ctx: PointContext, set: 'activeOfficerIds' | 'activeFieldIds', id: string): Promise<boolean> {
  if (ctx[set].has(id)) return true;
  return (await deps.points.refreshUnit(deps.db, ctx.point.unitId, deps.now().getTime()))[set].has(id);
}

/** The form a response answers: the version it names, else the point's latest; 400 for a version the point's form does not have. */
async function formFor(deps: Deps, ctx: PointContext, version: number | undefined): Promise<FormDefinition> {
  const key = ctx.point.formKey;
  const nowMs = deps.now().getTime();
  const form = version === undefined ? await deps.forms.latest(deps.db, key, nowMs) : await deps.forms.version(deps.db, key, version, nowMs);
  if (!form) {
    if (version === undefined) throw new Error(`point ${ctx.point.id} serves form "${key}", which has no version`);
    throw invalid('formVersion', 'Phiên bản phiếu này không tồn tại.');
  }
  return form;
}

/**
 * A receipt ticket fixes its officer, field and dossier: a different one in the body is refused,
 * not silently replaced (as a desk point's officer is).
 */
function checkTicketPreset(ticket: ReadTicket, input: ResponseSubmission): void {
  if (ticket.officer && input.officerId !== undefined && input.officerId !== ticket.officer.id) {
    throw invalid('officerId', 'Phiếu hẹn này ghi sẵn cán bộ giải quyết hồ sơ; không thể chọn cán bộ khác.');
  }
  if (ticket.field && input.fieldId !== undefined && input.fieldId !== ticket.field.id) {
    throw invalid('fieldId', 'Phiếu hẹn này ghi sẵn lĩnh vực của hồ sơ; không thể chọn lĩnh vực khác.');
  }
  if (input.dossierCode !== undefined && input.dossierCode !== ticket.dossierCode) throw invalid('dossierCode', 'Mã hồ sơ không khớp với phiếu hẹn.');
}

/**
 * Stores one response: checked against its form (every answer a question of the form, every
 * mandatory question answered, issues from the form's list), appended to the unit's hash chain
 * and counted in the day's tallies in the same transaction (through the group-commit writer).
 * The same clientId again (a retry, or a concurrent duplicate) returns the first receipt and
 * stores nothing. With a receipt `ticket` (ctx is then its unit's receipt point), its officer,
 * field and dossier code are the response's, and the dossier rates once (ticket-uses.ts).
 */
export async function recordResponse(deps: Deps, ctx: PointContext, input: ResponseSubmission, ticket?: ReadTicket): Promise<RecordOutcome> {
  const form = await formFor(deps, ctx, input.formVersion);
  const problems = answerProblems(form, input.answers, input.issues ?? []);
  if (problems.length > 0) throw new AppError('invalid_input', undefined, { details: problems });
  if (ticket) checkTicketPreset(ticket, input);
  const officerId = ticket?.officer ? ticket.officer.id : await resolveOfficer(deps, ctx, input.officerId);
  const fieldId = ticket?.field ? ticket.field.id : await resolveField(deps, ctx, input.fieldId);
  const issueOrder = form.issues.map((i) => i.key);
  const issues = [...new Set(input.issues ?? [])].sort((a, b) => issueOrder.indexOf(a) - issueOrder.indexOf(b));
  const issueLabel = new Map(form.issues.map((i) => [i.key, i.label]));
  const respondent = await resolveRespondent(deps, officerId, input.zaloAccessToken);
  const now = deps.now();
  // Fields listed one by one: V8 builds `{ ...respondent, id, … }` (a spread, then a dozen more
  // properties) on a slow path, ~10 µs per response on the request thread (measured).
  const record: NewResponseInput = {
    respondentHash: respondent.respondentHash,
    verification: respondent.verification,
    selfRating: respondent.selfRating,
    id: newRowId(),
    unitId: ctx.point.unitId,
    pointId: ctx.point.id,
    officerId,
    fieldId,
    clientId: input.clientId,
    formKey: form.key,
    formVersion: form.version,
    overallKey: form.overallKey,
    issueLabels: issues.map((k) => issueLabel.get(k) ?? k),
    answers: input.answers,
    issues,
    comment: input.comment ?? null,
    dossierCode: ticket ? ticket.dossierCode : (input.dossierCode ?? null),
    channel: channelOf({ claimed: input.channel, verified: respondent.verification === 'verified', pointKind: ctx.point.kind }),
    receivedAt: now.toISOString(),
    day: vietnamDay(now),
  };
  if (!ticket) return deps.writer.submit(record);
  const withTicket: TicketResponseInput = Object.assign(record, { ticket: { ticketId: ticket.id, dossierCode: ticket.dossierCode } });
  return deps.writer.submit(withTicket);
}

/**
 * The receipt of a response already stored under this clientId, for a retry that would otherwise
 * be refused (rate limit, a point disabled since): the phone must learn that it arrived, and stop
 * retrying. Only to a token of the same unit: a clientId replayed with another unit's token
 * learns nothing of the first unit's response. A token signed by this server whose key was
 * rotated away names no point any more; its retry is still answered.
 */
export async function storedReceiptFor(deps: Deps, token: string, clientId: string): Promise<StoredReceipt | undefined> {
  // A receipt ticket's retry is answered however long after its expiry, or its key's grace.
  if (isTicketToken(token)) {
    const ticket = await readTicket(deps, token, { retry: true });
    const found = ticket ? (await findReceiptsByClientIds(deps.db.kysely, [clientId])).get(clientId) : undefined;
    return found && found.unitId === ticket!.unitId ? { id: found.id, receivedAt: found.receivedAt, day: found.day } : undefined;
  }
  const key = verifyPointToken(deps.config.APP_SECRET, token);
  if (key === null) return undefined;
  const found = (await findReceiptsByClientIds(deps.db.kysely, [clientId])).get(clientId);
  if (!found) return undefined;
  const point = await findPointByTokenKey(deps.db.kysely, key);
  if (point && point.unitId !== found.unitId) return undefined;
  return { id: found.id, receivedAt: found.receivedAt, day: found.day };
}
