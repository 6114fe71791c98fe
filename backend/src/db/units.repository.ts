import type { Kysely, Transaction } from 'kysely';
import { DEFAULT_FIELDS } from '../domain/fields.ts';
import { GENESIS_HASH } from '../domain/chain.ts';
import type { Database, UnitRow, UnitTable } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: UnitTable['kind'];
  parentId: string | null;
  showOfficerNames: boolean;
}

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    showOfficerNames: row.show_officer_names === 1,
  };
}

/** Creates the unit with its default fields and an empty hash chain. Caller opens the transaction. */
export async function insertUnit(
  trx: Transaction<Database>,
  unit: { id: string; code: string; name: string; kind: UnitTable['kind']; parentId: string | null; now: string },
): Promise<Unit> {
  await trx
    .insertInto('units')
    .values({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parent_id: unit.parentId,
      created_at: unit.now,
    })
    .execute();
  await trx
    .insertInto('fields')
    .values(DEFAULT_FIELDS.map((name, i) => ({ id: crypto.randomUUID(), unit_id: unit.id, name, sort_order: i + 1 })))
    .execute();
  await trx.insertInto('chain_heads').values({ unit_id: unit.id, seq: 0, hash: GENESIS_HASH }).execute();
  return { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parentId, showOfficerNames: false };
}

export async function findUnitById(db: Executor, id: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUnit(row);
}

export async function findUnitByCode(db: Executor, code: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toUnit(row);
}

export async function listUnits(db: Executor): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('code').execute();
  return rows.map(toUnit);
}

/** Whether the public board shows officers' names (off unless the unit decides otherwise). */
export async function setShowOfficerNames(db: Executor, id: string, show: boolean): Promise<boolean> {
  const r = await db.updateTable('units').set({ show_officer_names: show ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** `subtree(id)`: the unit and every unit below it, walked down the parent index. */
const withSubtree = (db: Executor, rootId: string) =>
  db.withRecursive('subtree(id)', (qb) =>
    qb
      .selectFrom('units')
      .select('id')
      .where('id', '=', rootId)
      .union((qb2) => qb2.selectFrom('units').innerJoin('subtree', 'subtree.id', 'units.parent_id').select('units.id')),
  );

/**
 * The unit and every unit below it (a supervisor's reach): one recursive query down the parent
 * index, on both dialects. `union` (not `union all`) stops at a unit already reached, so even a
 * loop of parents written by hand in the database ends.
 */
export async function unitSubtreeIds(db: Executor, rootId: string): Promise<Set<string>> {
  const rows = await withSubtree(db, rootId)
    .selectFrom('subtree')
    .select('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The unit and every unit below it, by code: one query (the CTE of unitSubtreeIds joined to the units). */
export async function listUnitsWithin(db: Executor, rootId: string): Promise<Unit[]> {
  const rows = await withSubtree(db, rootId)
    .selectFrom('units')
    .innerJoin('subtree', 'subtree.id', 'units.id')
    .selectAll('units')
    .orderBy('units.code')
    .execute();
  return rows.map(toUnit);
}

/** Whether `unitId` is `rootId` or below it: one recursive query up from `unitId` (a few levels), not the whole subtree. */
export async function isUnitWithin(db: Executor, rootId: string, unitId: string): Promise<boolean> {
  if (rootId === unitId) return true;
  const row = await db
    .withRecursive('ancestors(id, parent_id)', (qb) =>
      qb
        .selectFrom('units')
        .select(['id', 'parent_id'])
        .where('id', '=', unitId)
        .union((qb2) => qb2.selectFrom('units').innerJoin('ancestors', 'ancestors.parent_id', 'units.id').select(['units.id', 'units.parent_id'])),
    )
    .selectFrom('ancestors')
    .select('id')
    .where('id', '=', rootId)
    .executeTakeFirst();
  return row !== undefined;
}
