import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Dossiers a unit handled in a field ('' = the whole unit) and period ('YYYY', 'YYYY-Qn', 'YYYY-MM'). */
export interface DossierCount {
  unitId: string;
  fieldId: string;
  period: string;
  count: number;
  source: string | null;
}

/** Sets the count for (unit, field, period): importing the same file twice leaves one row with the same value. */
export async function upsertDossierCount(db: Executor, c: DossierCount & { now: string }): Promise<void> {
  await db
    .insertInto('dossier_counts')
    .values({ unit_id: c.unitId, field_id: c.fieldId, period: c.period, count: c.count, source: c.source, updated_at: c.now })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'field_id', 'period']).doUpdateSet({ count: c.count, source: c.source, updated_at: c.now }),
    )
    .execute();
}

export async function findDossierCount(
  db: Executor,
  key: { unitId: string; fieldId: string; period: string },
): Promise<DossierCount | undefined> {
  const r = await db
    .selectFrom('dossier_counts')
    .selectAll()
    .where('unit_id', '=', key.unitId)
    .where('field_id', '=', key.fieldId)
    .where('period', '=', key.period)
    .executeTakeFirst();
  return r && { unitId: r.unit_id, fieldId: r.field_id, period: r.period, count: r.count, source: r.source };
}

/** A unit's counts, optionally only periods starting with a prefix (e.g. '2025' for the year and its months). */
export async function listDossierCounts(db: Executor, unitId: string, opts: { periodPrefix?: string } = {}): Promise<DossierCount[]> {
  let q = db.selectFrom('dossier_counts').selectAll().where('unit_id', '=', unitId);
  if (opts.periodPrefix !== undefined) q = q.where('period', 'like', `${opts.periodPrefix}%`);
  const rows = await q.orderBy('period').orderBy('field_id').execute();
  return rows.map((r) => ({ unitId: r.unit_id, fieldId: r.field_id, period: r.period, count: r.count, source: r.source }));
}
