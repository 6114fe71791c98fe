import type { ColumnType } from 'kysely';
import type { Flag } from './schema.ts';

// Table types of Zalo's side (migration 003): OA tokens, links of staff to Zalo users, followers, webhook events.

export interface ZaloTokenTable {
  id: string;
  access_token: string;
  refresh_token: string;
  access_expires_at: string | null;
  /** SHA-256 of the env pair it was seeded from: a new env pair replaces a rotated one. */
  seed_hash: string;
  version: number;
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
}

export type ZaloSubjectKind = 'staff' | 'officer';

export interface ZaloLinkCodeTable {
  code_hash: string;
  subject_kind: ZaloSubjectKind;
  subject_id: string;
  unit_id: string;
  phone: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface ZaloLinkTable {
  subject_kind: ZaloSubjectKind;
  subject_id: string;
  unit_id: string;
  /** OA-scoped id (webhook sender.id): where OA messages go. */
  zalo_user_id: string;
  /** HMAC of user_id_by_app: matches respondent hashes (self-rating). */
  app_user_hash: string | null;
  phone: string | null;
  linked_at: string;
}

export interface ZaloFollowerTable {
  zalo_user_id: string;
  following: Flag;
  updated_at: string;
}

export interface ZaloEventTable {
  event_key: string;
  event_name: string;
  payload: string;
  status: 'pending' | 'done' | 'failed';
  arrival: string;
  attempts: ColumnType<number, number | undefined, number>;
  lease_until: string | null;
  received_at: string;
  processed_at: string | null;
}
