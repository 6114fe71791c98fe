// Table types of survey campaigns (migration 014); the Database interface is in schema.ts.

export type CampaignList = 'official' | 'reserve';
export type CampaignOutcomeKind = 'done' | 'refused' | 'unreachable';

/** A survey campaign (migration 014): a form version, a window of Vietnam days, fields and respondent kinds. */
export interface CampaignTable {
  id: string;
  /** The unit it was made at: its units are this one or below it. */
  root_unit_id: string;
  name: string;
  form_key: string;
  /** Pinned when the campaign is made: every response of the campaign answers this version. */
  form_version: number;
  opens_on: string;
  closes_on: string;
  /** JSON [{ key, name }]. */
  fields: string;
  /** JSON [{ key, label }]. */
  respondent_kinds: string;
  created_by: string | null;
  created_at: string;
}

/** A unit surveyed by a campaign, with the (inactive) point its responses carry and its fields. */
export interface CampaignUnitTable {
  campaign_id: string;
  unit_id: string;
  point_id: string;
  /** JSON { campaign field key: the unit's field id }. */
  field_ids: string;
}

export interface CampaignQuotaTable {
  campaign_id: string;
  unit_id: string;
  field_key: string;
  respondent_kind: string;
  official: number;
  reserve: number;
}

/** One person on a unit's official or reserve list: names and phones live here only. */
export interface CampaignEntryTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  list: CampaignList;
  order_no: number;
  name: string;
  phone: string | null;
  address: string | null;
  field_key: string;
  respondent_kind: string;
  note: string | null;
  source_line: number | null;
  created_at: string;
}

export interface CampaignAssignmentTable {
  campaign_id: string;
  staff_id: string;
  unit_id: string;
  assigned_by: string | null;
  assigned_at: string;
}

/** What became of an entry, once (unique entry_id), keyed by the enumerator's op id. */
export interface CampaignEntryOutcomeTable {
  op_id: string;
  entry_id: string;
  campaign_id: string;
  unit_id: string;
  kind: CampaignOutcomeKind;
  /** The response, for 'done' (its clientId is op_id). */
  response_id: string | null;
  note: string | null;
  /** When the enumerator recorded it (the device's clock). */
  at: string;
  recorded_at: string;
  staff_id: string | null;
  device_id: string | null;
}

/** The link response ↔ list entry, written in the response's own transaction. */
export interface CampaignResponseTable {
  response_id: string;
  campaign_id: string;
  unit_id: string;
  entry_id: string;
  field_key: string;
  respondent_kind: string;
  day: string;
  list: CampaignList;
}
