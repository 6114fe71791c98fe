import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Dossiers of a period in one field (null: none named), how many were rated, how many of those satisfied (level 4–5). */
export interface DossierCoverageRow {
  fieldId: string | null;
  dossiers: number;
  rated: number;
  satisfied: number;
}

/**
 * The dossiers of a period (Vietnam days from…to) and their ratings (docs/tickets.md): a listed
 * dossier counts on its list day (returned on, else received on) with its list's field; a dossier
 * only ticketed counts on the day its first ticket was issued or seen, with that ticket's field.
 * Each dossier once; rated when ticket_uses holds it, whenever it was rated.
 */
export async function dossierCoverage(db: Executor, unitId: string, from: string, to: string): Promise<DossierCoverageRow[]> {
  const { rows } = await sql<{ field_id: string | null; dossiers: number | string; rated: number | string; satisfied: number | string | null }>`
    with ticketed as (
      select dossier_code, min(issued_day) as day, min(field_id) as field_id
      from tickets t
      where t.unit_id = ${unitId} and t.issued_day <= ${to}
        and not exists (select 1 from listed_dossiers l where l.unit_id = t.unit_id and l.dossier_code = t.dossier_code)
      group by dossier_code
    ),
    dossiers as (
      select dossier_code, field_id from listed_dossiers where unit_id = ${unitId} and day >= ${from} and day <= ${to}
      union all
      select dossier_code, field_id from ticketed where day >= ${from} and day <= ${to}
    )
    select d.field_id as field_id, count(*) as dossiers, count(u.dossier_code) as rated,
           sum(case when u.overall >= 4 then 1 else 0 end) as satisfied
    from dossiers d left join ticket_uses u on u.unit_id = ${unitId} and u.dossier_code = d.dossier_code
    group by d.field_id`.execute(db);
  return rows.map((r) => ({ fieldId: r.field_id, dossiers: Number(r.dossiers), rated: Number(r.rated), satisfied: Number(r.satisfied ?? 0) }));
}
