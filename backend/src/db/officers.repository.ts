import type { Kysely, Transaction } from 'kysely';
import type { Database, FieldRow, OfficerRow } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface Officer {
  id: string;
  unitId: string;
  name: string;
  title: string | null;
  active: boolean;
}

export interface Field {
  id: string;
  unitId: string;
  name: string;
  active: boolean;
}

const toOfficer = (r: OfficerRow): Officer => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  title: r.title,
  active: r.active === 1,
});

const toField = (r: FieldRow): Field => ({ id: r.id, unitId: r.unit_id, name: r.name, active: r.active === 1 });

export async function insertOfficer(
  db: Executor,
  o: { id: string; unitId: string; name: string; title: string | null; now: string },
): Promise<Officer> {
  await db
    .insertInto('officers')
    .values({ id: o.id, unit_id: o.unitId, name: o.name, title: o.title, created_at: o.now })
    .execute();
  return { id: o.id, unitId: o.unitId, name: o.name, title: o.title, active: true };
}

export async function findOfficer(db: Executor, id: string): Promise<Officer | undefined> {
  const row = await db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOfficer(row);
}

export async function listOfficers(db: Executor, unitId: string, opts: { activeOnly?: boolean } = {}): Promise<Officer[]> {
  let q = db.selectFrom('officers').selectAll().where('unit_id', '=', unitId);
  if (opts.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('name').orderBy('id').execute();
  return rows.map(toOfficer);
}

export async function setOfficerActive(db: Executor, id: string, active: boolean): Promise<void> {
  await db.updateTable('officers').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
}

export async function listFields(db: Executor, unitId: string, opts: { activeOnly?: boolean } = {}): Promise<Field[]> {
  let q = db.selectFrom('fields').selectAll().where('unit_id', '=', unitId);
  if (opts.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('sort_order').orderBy('id').execute();
  return rows.map(toField);
}
