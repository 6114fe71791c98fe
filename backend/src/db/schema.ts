import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { CaseStatus } from '../domain/cases.ts';
import type { PointKind } from '../domain/channels.ts';
import type { UnitKind } from '../domain/unit-kinds.ts';
import type { CampaignAssignmentTable, CampaignEntryOutcomeTable, CampaignEntryTable, CampaignQuotaTable, CampaignResponseTable, CampaignTable, CampaignUnitTable } from './schema-campaigns.ts';
import type { RollupMarkTable, TallyMonthTable } from './schema-rollups.ts';
import type { ZaloEventTable, ZaloFollowerTable, ZaloLinkCodeTable, ZaloLinkTable, ZaloTokenTable } from './schema-zalo.ts';
import type { ListedDossierTable, TicketTable, TicketUseTable, UnitTicketKeyTable } from './schema-tickets.ts';

// The tables of Zalo, campaigns, receipt tickets and roll-ups live in files of their own; every table
// type is still imported from here.
export type * from './schema-campaigns.ts';
export type * from './schema-rollups.ts';
export type * from './schema-tickets.ts';
export type * from './schema-zalo.ts';

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
  zalo_tokens: ZaloTokenTable;
  zalo_link_codes: ZaloLinkCodeTable;
  zalo_links: ZaloLinkTable;
  zalo_followers: ZaloFollowerTable;
  zalo_events: ZaloEventTable;
  alerts: AlertTable;
  outbox: OutboxTable;
  digest_runs: DigestRunTable;
  handling_notes: HandlingNoteTable;
  forms: FormTable;
  publications: PublicationTable;
  cases: CaseTable;
  alert_states: AlertStateTable;
  paper_batches: PaperBatchTable;
  paper_forms: PaperFormTable;
  unit_ticket_keys: UnitTicketKeyTable;
  tickets: TicketTable;
  ticket_uses: TicketUseTable;
  listed_dossiers: ListedDossierTable;
  campaigns: CampaignTable;
  campaign_units: CampaignUnitTable;
  campaign_quotas: CampaignQuotaTable;
  campaign_entries: CampaignEntryTable;
  campaign_assignments: CampaignAssignmentTable;
  campaign_entry_outcomes: CampaignEntryOutcomeTable;
  campaign_responses: CampaignResponseTable;
  tally_months: TallyMonthTable;
  rollup_marks: RollupMarkTable;
}

export type Flag = 0 | 1;

export interface UnitTable {
  id: string;
  code: string;
  name: string;
  /** commune, ward, special_zone (đặc khu), district, province, department: domain/unit-kinds.ts (a varchar, no CHECK: a new kind needs no migration). */
  kind: UnitKind;
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
  /** The form the point serves, its latest version (migration 009). */
  form_key: ColumnType<string, string | undefined, string>;
  /** 'counter' or 'kiosk' (migration 012): a kiosk point's link opens kiosk mode, its responses are channel 'kiosk'. */
  kind: ColumnType<PointKind, PointKind | undefined, PointKind>;
  active: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
}

export type StaffRole = 'clerk' | 'chairman' | 'supervisor' | 'enumerator';

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
  /** HMAC of the verified Zalo user id (migration 003); null without a verified user. */
  respondent_hash: ColumnType<string | null, string | null | undefined, never>;
  /** 'verified' | 'unverified' when a Zalo token came with the response; else null. */
  verification: ColumnType<string | null, string | null | undefined, never>;
  /** 1: the respondent is the rated officer (linked Zalo user); excluded from the officer's figures. */
  self_rating: ColumnType<Flag | null, Flag | null | undefined, never>;
}

export interface ChainHeadTable {
  unit_id: string;
  seq: number;
  hash: string;
}

/** '' (not NULL) stands for "no officer / no field", so the composite key works for upserts on both dialects. */
export interface TallyTable {
  unit_id: string;
  /** Migration 009: counts of different forms never merge, whatever their question keys. */
  form_key: string;
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

export type AlertKind = 'response' | 'crossing' | 'evaluation' | 'digest' | 'reminder' | 'case_overdue';

export interface AlertTable {
  id: string;
  unit_id: string;
  kind: AlertKind;
  dedupe_key: string;
  officer_id: string | null;
  response_id: string | null;
  day: string;
  text: string;
  /** JSON: the evidence (counts, shares, level, comment…). */
  details: string;
  created_at: string;
  ack_at: string | null;
  ack_by: string | null;
  ack_note: string | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'delivered' | 'waiting' | 'failed';

export interface OutboxTable {
  id: string;
  alert_id: string | null;
  unit_id: string;
  recipient_key: string;
  recipient_staff_id: string | null;
  recipient_zalo_id: string | null;
  text: string;
  status: OutboxStatus;
  channel: 'oa' | 'zns' | null;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  reason_code: string | null;
  reason: string | null;
  zalo_msg_id: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DigestRunTable {
  unit_id: string;
  day: string;
  created_at: string;
}

/** One handling decision on a comment or report (migration 004); the latest per response is its status. */
export interface HandlingNoteTable {
  id: string;
  unit_id: string;
  response_id: string;
  staff_id: string | null;
  author: string;
  handled: Flag;
  note: string;
  created_at: string;
  /** The case status this note set (migration 011); null on older notes, whose `handled` says handled or reopened. */
  status: ColumnType<CaseStatus | null, CaseStatus | null | undefined, CaseStatus | null>;
}

/** One version of a questionnaire (migration 009): inserted, or replaced while it has no responses; never otherwise changed. */
export interface FormTable {
  key: string;
  version: number;
  title: string;
  /** Canonical JSON of the content (domain/form.ts contentJson). */
  content: string;
  created_at: string;
}

export type UnitRow = Selectable<UnitTable>;
export type OfficerRow = Selectable<OfficerTable>;
export type FieldRow = Selectable<FieldTable>;
export type PointRow = Selectable<PointTable>;
export type StaffRow = Selectable<StaffTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type NewResponse = Insertable<ResponseTable>;
export type TallyRow = Selectable<TallyTable>;

/** A published period's public report (migration 010): the PDF kept byte for byte. */
export interface PublicationTable {
  id: string;
  unit_id: string;
  form_key: string;
  /** 'YYYY', 'YYYY-Hn', 'YYYY-Qn' or 'YYYY-MM'. */
  period_key: string;
  from_day: string;
  to_day: string;
  responses: number;
  satisfied_share: number | null;
  sha256: string;
  bytes: number;
  pdf_base64: string;
  published_at: string;
  published_by: string;
}

export type { CaseStatus } from '../domain/cases.ts';
export type CaseKind = 'misconduct' | 'very_dissatisfied';

/** A case opened by a response (migration 011): its follow-up, never the response itself. */
export interface CaseTable {
  response_id: string;
  unit_id: string;
  officer_id: string | null;
  kind: CaseKind;
  status: CaseStatus;
  owner_staff_id: string | null;
  /** The response's Vietnam day. */
  day: string;
  due_day: string;
  /** 0 none, 1 owner reminded, 2 chairman alerted, 3 the parent unit's supervisors alerted. */
  escalation: number;
  created_at: string;
  updated_at: string;
}

/** Whether an officer's alert of a period is sent and not yet reset (migration 011). */
export interface AlertStateTable {
  unit_id: string;
  form_key: string;
  officer_id: string;
  period_key: string;
  alerted: Flag;
  updated_at: string;
}

export type PaperBatchStatus = 'open' | 'committing' | 'committed' | 'discarded';

/** A ballot box opened by the clerk (migration 012). */
export interface PaperBatchTable {
  id: string;
  unit_id: string;
  /** The point whose form the ballots are (the counter's, by default). */
  point_id: string;
  opened_on: string;
  /** The day the batch's forms count in. */
  counts_on: string;
  expected_forms: number;
  status: PaperBatchStatus;
  note: string | null;
  created_by: string | null;
  created_at: string;
  /** When a commit began: a commit interrupted for longer than a lease may be taken over. */
  commit_started_at: string | null;
  committed_by: string | null;
  committed_at: string | null;
  stored: number | null;
}

/** A form typed from a batch; `response_id` once committed (its id is the response's clientId). */
export interface PaperFormTable {
  id: string;
  batch_id: string;
  form_no: number;
  officer_id: string | null;
  field_id: string | null;
  /** Canonical JSON question key → level. */
  answers: string;
  /** JSON array of issue keys. */
  issues: string;
  comment: string | null;
  entered_by: string | null;
  entered_at: string;
  response_id: string | null;
}
