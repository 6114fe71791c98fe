import { COUNTER_FORM_V1, type FormDefinition } from '../domain/form.ts';
import { vietnamDay } from '../domain/day.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import { findOfficer, listFields } from '../db/officers.repository.ts';
import { appendResponse, findReceiptByClientId, type StoredReceipt } from '../db/responses.repository.ts';
import type { Point } from '../db/points.repository.ts';
import { AppError } from '../http/errors.ts';
import type { Deps } from './context.ts';

export interface ResponseSubmission {
  clientId: string;
  officerId?: string | undefined;
  fieldId?: string | undefined;
  answers: Record<string, number>;
  issues?: string[] | undefined;
  comment?: string | undefined;
  dossierCode?: string | undefined;
  channel?: string | undefined;
}

export type RecordOutcome = { created: true; receipt: StoredReceipt } | { created: false; receipt: StoredReceipt };

const invalid = (path: string, message: string) => new AppError('invalid_input', undefined, { details: [{ path, message }] });

/** The officer a response counts for: the desk's own officer, or the one the citizen chose at a counter. */
async function resolveOfficer(deps: Deps, point: Point, officerId: string | undefined): Promise<string | null> {
  if (point.officerId !== null) {
    if (officerId !== undefined && officerId !== point.officerId) {
      throw invalid('officerId', 'Mã QR này dành cho một cán bộ khác; không thể chọn cán bộ khác.');
    }
    return point.officerId;
  }
  if (officerId === undefined) return null;
  const officer = await findOfficer(deps.db.kysely, officerId);
  if (!officer || officer.unitId !== point.unitId || !officer.active) {
    throw invalid('officerId', 'Cán bộ được chọn không thuộc đơn vị này.');
  }
  return officerId;
}

async function resolveField(deps: Deps, point: Point, fieldId: string | undefined): Promise<string | null> {
  if (fieldId === undefined) return null;
  const fields = await listFields(deps.db.kysely, point.unitId, { activeOnly: true });
  if (!fields.some((f) => f.id === fieldId)) throw invalid('fieldId', 'Lĩnh vực được chọn không thuộc đơn vị này.');
  return fieldId;
}

/**
 * Stores one response: append to the unit's hash chain and count it in the day's tallies,
 * in one transaction. The same clientId again (a retry, or a concurrent duplicate) returns
 * the first receipt and stores nothing.
 */
export async function recordResponse(
  deps: Deps,
  point: Point,
  input: ResponseSubmission,
  form: FormDefinition = COUNTER_FORM_V1,
): Promise<RecordOutcome> {
  const officerId = await resolveOfficer(deps, point, input.officerId);
  const fieldId = await resolveField(deps, point, input.fieldId);
  const issueOrder = form.issues.map((i) => i.key);
  const issues = [...new Set(input.issues ?? [])].sort((a, b) => issueOrder.indexOf(a) - issueOrder.indexOf(b));
  const now = deps.now();
  const record = {
    id: crypto.randomUUID(),
    unitId: point.unitId,
    pointId: point.id,
    officerId,
    fieldId,
    clientId: input.clientId,
    formKey: form.key,
    formVersion: form.version,
    answers: input.answers,
    issues,
    comment: input.comment ?? null,
    dossierCode: input.dossierCode ?? null,
    channel: input.channel ?? 'qr',
    receivedAt: now.toISOString(),
    day: vietnamDay(now),
  };
  try {
    return await deps.db.kysely.transaction().execute(async (trx) => {
      const existing = await findReceiptByClientId(trx, input.clientId);
      if (existing) return { created: false, receipt: existing };
      return { created: true, receipt: await appendResponse(trx, deps.db.dialect, record) };
    });
  } catch (err) {
    // A concurrent duplicate on another connection won the unique clientId: answer with its receipt.
    if (isUniqueViolation(err)) {
      const existing = await findReceiptByClientId(deps.db.kysely, input.clientId);
      if (existing) return { created: false, receipt: existing };
    }
    throw err;
  }
}
