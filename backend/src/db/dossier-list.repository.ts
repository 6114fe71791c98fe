import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ListedDossier {
  unitId: string;
  dossierCode: string;
  receivedOn: string;
  returnedOn: string | null;
  fieldId: string | null;
  officerId: string | null;
}

/** Which of these codes the unit has listed already. */
export async function listedCodes(db: Executor, unitId: string, codes: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.selectFrom('listed_dossiers').select('dossier_code').where('unit_id', '=', unitId).where('dossier_code', 'in', codes.slice(i, i + 500)).execute();
    for (const r of rows) out.add(r.dossier_code);
  }
  return out;
}

/** Stores dossiers by code: a code listed before takes the new line's dates, field and officer. */
export async function upsertListedDossiers(db: Executor, rows: ListedDossier[], source: string, now: string): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows.slice(i, i + 200).map((r) => ({
      unit_id: r.unitId,
      dossier_code: r.dossierCode,
      received_on: r.receivedOn,
      returned_on: r.returnedOn,
      day: r.returnedOn ?? r.receivedOn,
      field_id: r.fieldId,
      officer_id: r.officerId,
      source,
      imported_at: now,
    }));
    await db
      .insertInto('listed_dossiers')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['unit_id', 'dossier_code']).doUpdateSet((eb) => ({
          received_on: eb.ref('excluded.received_on'),
          returned_on: eb.ref('excluded.returned_on'),
          day: eb.ref('excluded.day'),
          field_id: eb.ref('excluded.field_id'),
          officer_id: eb.ref('excluded.officer_id'),
          source: eb.ref('excluded.source'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute();
  }
}
