import type { FieldRef, PersonRef, PublicPoint } from '../services/api/types.ts';

/**
 * What a receipt ticket (one dossier's QR) fixes on the form: the officer who handled the dossier
 * and its field, shown to the citizen instead of a choice and sent with the response.
 */
export interface TicketPreset {
  /** ISO instant after which the ticket no longer opens the form. */
  readonly expiresAt: string;
  readonly officer: PersonRef | null;
  readonly field: FieldRef | null;
  /** The dossier code's last characters ("…0001"), never the code itself; null when too short to hint. */
  readonly dossierHint: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const idOrNull = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * The ticket part of a point, null for a counter or desk QR. Read with checks: a copy of a point
 * kept on the phone (point-cache) may come from an app or server without tickets.
 */
export function ticketPreset(point: PublicPoint): TicketPreset | null {
  const ticket: unknown = 'ticket' in point ? point.ticket : undefined;
  const preset: unknown = 'preset' in point ? point.preset : undefined;
  if (!isRecord(ticket) || typeof ticket['expiresAt'] !== 'string' || !isRecord(preset)) return null;
  const officerId = idOrNull(preset['officerId']);
  const fieldId = idOrNull(preset['fieldId']);
  return {
    expiresAt: ticket['expiresAt'],
    officer: officerId ? (point.officers.find((o) => o.id === officerId) ?? (point.officer?.id === officerId ? point.officer : null)) : null,
    field: fieldId ? (point.fields.find((f) => f.id === fieldId) ?? null) : null,
    dossierHint: typeof ticket['dossierCodeHint'] === 'string' && ticket['dossierCodeHint'] ? ticket['dossierCodeHint'] : null,
  };
}
