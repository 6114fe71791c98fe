import { expect } from 'vitest';
import type { Testbed } from '../helpers/testbed.ts';

export interface IssuedTicketBody {
  id: string;
  token: string;
  deepLink: string;
  webLink: string;
  expiresAt: string;
  dossierCode: string;
  officer: { id: string; name: string } | null;
  field: { id: string; name: string } | null;
}

export interface TicketPointView {
  unit: { id: string; name: string };
  point: { id: string; label: string };
  officer: { id: string; name: string } | null;
  officers: { id: string; name: string }[];
  fields: { id: string; name: string }[];
  form: { key: string; version: number };
  ticket: { expiresAt: string; dossierCodeHint?: string } | null;
  preset: { officerId: string | null; fieldId: string | null } | null;
}

export const answers = (overall = 5) => ({ overall, access: 4, attitude: 5, responsibility: 4, guidance: 5 });

export const clerkOf = (bed: Testbed) => bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);

/** POST /api/units/:unitId/tickets as the unit's clerk; expects 201. */
export async function issue(bed: Testbed, body: Record<string, unknown>, unitId = bed.unit.unitId, headers?: Record<string, string>): Promise<IssuedTicketBody> {
  const res = await bed.t.post(`/api/units/${unitId}/tickets`, body, headers ?? (await clerkOf(bed)));
  if (res.status !== 201) throw new Error(`issue: ${res.status} ${await res.text()}`);
  return (await res.json()) as IssuedTicketBody;
}

/** A response posted with a ticket's token. */
export function rate(bed: Testbed, token: string, clientId: string, extra: Record<string, unknown> = {}) {
  return bed.t.post('/api/public/responses', { token, clientId, answers: answers(), ...extra });
}

export async function expectTicketError(res: Response, status: 409 | 410, code: 'ticket_used' | 'ticket_expired'): Promise<string> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  // Vietnamese, with diacritics.
  expect(body.error.message).toMatch(/[ếạđươảá]/);
  return body.error.message;
}

/** The rotate route's answer: a new key and what desk software needs to mint with it. */
export interface RotatedKeyBody {
  keyId: string;
  secret: string;
  secretHex: string;
  previousKeyValidUntil: string | null;
  unitRef: string;
  refs: { officers: { ref: string; id: string; name: string }[]; fields: { ref: string; id: string; name: string }[] };
}

export async function rotate(bed: Testbed, unitId = bed.unit.unitId, graceHours?: number): Promise<RotatedKeyBody> {
  const res = await bed.t.post(`/api/admin/units/${unitId}/ticket-keys/rotate`, graceHours === undefined ? {} : { graceHours }, bed.t.admin);
  if (res.status !== 201) throw new Error(`rotate: ${res.status} ${await res.text()}`);
  return (await res.json()) as RotatedKeyBody;
}
