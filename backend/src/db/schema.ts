import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * All tables. Portable on SQLite and PostgreSQL: ids are text UUIDs, instants are ISO-8601 UTC
 * strings, booleans are 0/1 integers, JSON is text (stored byte-for-byte as hashed).
 */
export interface Database {
  units: UnitTable;
  officers: OfficerTable;
  fields: FieldTable;
  points: PointTable;
  staff: StaffTable;
  sessions: SessionTable;
  responses: ResponseTable;
  chain_heads: ChainHeadTable;
  tallies: TallyTable;
  dossier_counts: DossierCountTable;
}

export type Flag = 0 | 1;

export interface UnitTable {
  id: string;
  code: string;
  name: string;
  kind: 'commune' | 'ward' | 'district' | 'province' | 'department';
  parent_id: string | null;
  show_officer_names: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
}

export interface OfficerTable {
  id: string;
  unit_id: string;
  name: string;
  title: string | null;
  active: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
}

export interface FieldTable {
  id: string;
  unit_id: string;
  name: string;
  sort_order: number;
  active: ColumnType<Flag, Flag | undefined, Flag>;
}

export interface PointTable {
  id: string;
  unit_id: string;
  officer_id: string | null;
  label: string;
  /** Random key inside the signed token; replaced on rotation so old QR codes stop working. */
  token_key: string;
  active: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
}

export type StaffRole = 'clerk' | 'chairman' | 'supervisor';

export interface StaffTable {
  id: string;
  unit_id: string;
  username: string;
  password_hash: string;
  role: StaffRole;
  active: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  staff_id: string;
  expires_at: string;
  created_at: string;
}

/** Append-only: nothing updates or deletes these rows. */
export interface ResponseTable {
  id: string;
  unit_id: string;
  /** Position in the unit's hash chain, 1, 2, 3, … */
  seq: number;
  point_id: string;
  officer_id: string | null;
  field_id: string | null;
  client_id: string;
  form_key: string;
  form_version: number;
  /** Canonical JSON object question key → level. */
  answers: string;
  /** Canonical JSON array of issue keys. */
  issues: string;
  comment: string | null;
  dossier_code: string | null;
  channel: string;
  received_at: string;
  /** Vietnam-local day, fixed at insert. */
  day: string;
  prev_hash: string;
  hash: string;
}

export interface ChainHeadTable {
  unit_id: string;
  seq: number;
  hash: string;
}

/** '' (not NULL) stands for "no officer / no field", so the composite key works for upserts on both dialects. */
export interface TallyTable {
  unit_id: string;
  day: string;
  officer_id: string;
  field_id: string;
  question_key: string;
  level: number;
  count: number;
}

/** Dossiers handled per unit, field ('' = whole unit) and period ('YYYY', 'YYYY-Qn', 'YYYY-MM'); imported (R4.2). */
export interface DossierCountTable {
  unit_id: string;
  field_id: string;
  period: string;
  count: number;
  source: string | null;
  updated_at: string;
}

export type UnitRow = Selectable<UnitTable>;
export type OfficerRow = Selectable<OfficerTable>;
export type FieldRow = Selectable<FieldTable>;
export type PointRow = Selectable<PointTable>;
export type StaffRow = Selectable<StaffTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type NewResponse = Insertable<ResponseTable>;
export type TallyRow = Selectable<TallyTable>;
