// Table types of the monthly roll-ups (migration 015); the Database interface is in schema.ts.

export interface TallyMonthTable {
  unit_id: string;
  form_key: string;
  question_key: string;
  /** 'YYYY-MM'. */
  month: string;
  officer_id: string;
  l1: number;
  l2: number;
  l3: number;
  l4: number;
  l5: number;
}

/** Per unit, the chain seq its tally_months rows include (migration 015): equal to the chain head, the roll-up is current. */
export interface RollupMarkTable {
  unit_id: string;
  seq: number;
  updated_at: string;
}
