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

/** The unit and every unit below it (a supervisor's reach). */
export async function unitSubtreeIds(db: Executor, rootId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  const children = new Map<string, string[]>();
  for (const r of rows) {
    if (r.parent_id === null) continue;
    const list = children.get(r.parent_id) ?? [];
    list.push(r.id);
    children.set(r.parent_id, list);
  }
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
