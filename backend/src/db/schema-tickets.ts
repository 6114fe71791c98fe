// Table types of receipt tickets and dossier lists (migration 013); the Database interface is in schema.ts.

/** A unit's HMAC key for receipt tickets (migration 013): the one with retired_at null signs; older ones verify until grace_until. */
export interface UnitTicketKeyTable {
  key_id: string;
  unit_id: string;
  /** 32 random bytes, base64url: needed to verify, never sent except once to the admin who rotates. */
  secret: string;
  created_at: string;
  retired_at: string | null;
  grace_until: string | null;
}

export type TicketSource = 'server' | 'offline';

/** A receipt ticket seen (migration 013): issued here, or minted offline and recorded on first sight. */
export interface TicketTable {
  /** The token's MAC. */
  id: string;
  unit_id: string;
  key_id: string;
  dossier_code: string;
  officer_id: string | null;
  field_id: string | null;
  source: TicketSource;
  issued_by: string | null;
  issued_at: string;
  /** Vietnam day of issued_at: the period a ticketed dossier counts in. */
  issued_day: string;
  expires_at: string;
}

/** A dossier's one rating (migration 013), written in the response's transaction; key (unit_id, dossier_code). */
export interface TicketUseTable {
  unit_id: string;
  dossier_code: string;
  ticket_id: string;
  response_id: string;
  client_id: string;
  officer_id: string | null;
  field_id: string | null;
  /** The response's general-question level (the 766 rate reads it). */
  overall: number | null;
  used_at: string;
  day: string;
}

/** A dossier from a list the unit imported (migration 013); key (unit_id, dossier_code). */
export interface ListedDossierTable {
  unit_id: string;
  dossier_code: string;
  received_on: string;
  returned_on: string | null;
  /** returned_on, else received_on: the period it counts in. */
  day: string;
  field_id: string | null;
  officer_id: string | null;
  source: string | null;
  imported_at: string;
}

/** The tallies by month without day and field (migration 015), for comparisons across units: counts of levels 1–5 in one row. */
