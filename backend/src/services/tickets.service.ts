import { AppError } from '../app-error.ts';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import { recordTicket } from '../db/tickets.repository.ts';
import { vietnamDay } from '../domain/day.ts';
import { shortestRef } from '../domain/ticket-refs.ts';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { mintTicket } from '../security/ticket-token.ts';
import type { Principal } from './auth.service.ts';
import { signingKeyFor } from './ticket-keys.service.ts';
import { receiptPointContext } from './ticket-point.ts';

export const DEFAULT_TTL_HOURS = 72;

export interface TicketLinks {
  token: string;
  deepLink: string;
  webLink: string;
}

/** The links of a ticket, built as a point's are (setup.service.ts pointLinks): the receipt's QR carries deepLink. */
export function ticketLinks(config: Pick<Config, 'ZALO_MINI_APP_ID' | 'PUBLIC_URL'>, token: string): TicketLinks {
  const q = encodeURIComponent(token);
  return { token, deepLink: `https://zalo.me/s/${config.ZALO_MINI_APP_ID}/?q=${q}`, webLink: `${config.PUBLIC_URL}/app/?q=${q}` };
}

export interface IssueInput {
  /** Already NFC and trimmed, 1–64 characters (the route's schema). */
  dossierCode: string;
  officerId?: string | undefined;
  fieldId?: string | undefined;
  ttlHours?: number | undefined;
}

export interface IssuedTicket extends TicketLinks {
  id: string;
  expiresAt: string;
  dossierCode: string;
  officer: { id: string; name: string } | null;
  field: { id: string; name: string } | null;
}

const invalid = (path: string, message: string) => new AppError('invalid_input', message, { details: [{ path, message }] });

/** A ticket for one dossier, signed with the unit's key and recorded as issued (coverage counts it). */
export async function issueTicket(deps: Deps, principal: Principal, unitId: string, input: IssueInput): Promise<IssuedTicket> {
  const db = deps.db.kysely;
  const [officers, fields] = await Promise.all([listOfficers(db, unitId), listFields(db, unitId)]);
  const officer = input.officerId === undefined ? null : (officers.find((o) => o.id === input.officerId && o.active) ?? null);
  if (input.officerId !== undefined && !officer) throw invalid('officerId', 'Cán bộ được chọn không phải cán bộ đang làm việc của đơn vị này.');
  const field = input.fieldId === undefined ? null : (fields.find((f) => f.id === input.fieldId && f.active) ?? null);
  if (input.fieldId !== undefined && !field) throw invalid('fieldId', 'Lĩnh vực được chọn không thuộc đơn vị này.');

  const key = await signingKeyFor(deps, unitId);
  const now = deps.now();
  // Whole minutes (the token's unit), rounded up: a ticket never runs shorter than asked.
  const expiresAtMinute = Math.ceil(now.getTime() / 60_000) + (input.ttlHours ?? DEFAULT_TTL_HOURS) * 60;
  const token = mintTicket(key.keyId, key.secret, {
    unitRef: unitId.slice(0, 6),
    expiresAtMinute,
    officerRef: officer ? shortestRef(officer.id, officers.map((o) => o.id)) : null,
    fieldRef: field ? shortestRef(field.id, fields.map((f) => f.id)) : null,
    dossierCode: input.dossierCode,
  });
  const id = token.slice(token.lastIndexOf('.') + 1);
  const expiresAt = new Date(expiresAtMinute * 60_000).toISOString();
  // Made now, so that the citizen's first GET does not have to.
  await receiptPointContext(deps, unitId);
  await recordTicket(db, {
    id,
    unitId,
    keyId: key.keyId,
    dossierCode: input.dossierCode,
    officerId: officer?.id ?? null,
    fieldId: field?.id ?? null,
    source: 'server',
    issuedBy: principal.kind === 'staff' ? principal.staff.id : null,
    issuedAt: now.toISOString(),
    issuedDay: vietnamDay(now),
    expiresAt,
  });
  return {
    id,
    ...ticketLinks(deps.config, token),
    expiresAt,
    dossierCode: input.dossierCode,
    officer: officer && { id: officer.id, name: officer.name },
    field: field && { id: field.id, name: field.name },
  };
}
