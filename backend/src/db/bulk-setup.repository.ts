import type { Kysely, Transaction } from 'kysely';
import type { PointKind } from '../domain/channels.ts';
import { GENESIS_HASH } from '../domain/chain.ts';
import { DEFAULT_FIELDS } from '../domain/fields.ts';
import type { Database, StaffRole, UnitTable } from './schema.ts';

/*
 * Reads and writes of the bulk set-up (a province of ~3,321 communes in one file): a few statements
 * per table whatever the size, never one round trip per row. Row-by-row, a province took seconds on
 * PostgreSQL (each statement a round trip) where these take a fraction of that.
 */
type Executor = Kysely<Database> | Transaction<Database>;

// Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits (8 columns at most).
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface UnitEntry {
  id: string;
  code: string;
  name: string;
  kind: UnitTable['kind'];
  parentId: string | null;
}

/** Every unit by code, in one query (a whole country's tree is some ten thousand rows). */
export async function unitsByCode(db: Executor): Promise<Map<string, UnitEntry>> {
  const rows = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id }]));
}

/**
 * Inserts units with their default fields and empty hash chains, as insertUnit does one by one.
 * Parents must come before their children in `units` (the foreign key is checked per statement).
 */
export async function insertUnits(trx: Transaction<Database>, units: readonly UnitEntry[], now: string): Promise<void> {
  for (const part of chunks(units)) {
    await trx
      .insertInto('units')
      .values(part.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parent_id: u.parentId, created_at: now })))
      .execute();
  }
  const fields = units.flatMap((u) => DEFAULT_FIELDS.map((name, i) => ({ id: crypto.randomUUID(), unit_id: u.id, name, sort_order: i + 1 })));
  for (const part of chunks(fields)) await trx.insertInto('fields').values(part).execute();
  for (const part of chunks(units)) {
    await trx
      .insertInto('chain_heads')
      .values(part.map((u) => ({ unit_id: u.id, seq: 0, hash: GENESIS_HASH })))
      .execute();
  }
}

/** Officers (active or not) of the given units. */
export async function officersOfUnits(db: Executor, unitIds: readonly string[]): Promise<{ id: string; unitId: string; name: string; active: boolean }[]> {
  const out: { id: string; unitId: string; name: string; active: boolean }[] = [];
  for (const part of chunks(unitIds)) {
    const rows = await db.selectFrom('officers').select(['id', 'unit_id', 'name', 'active']).where('unit_id', 'in', part).execute();
    out.push(...rows.map((r) => ({ id: r.id, unitId: r.unit_id, name: r.name, active: r.active === 1 })));
  }
  return out;
}

/** The labels of the points of the given units. */
export async function pointLabelsOfUnits(db: Executor, unitIds: readonly string[]): Promise<{ unitId: string; label: string }[]> {
  const out: { unitId: string; label: string }[] = [];
  for (const part of chunks(unitIds)) {
    const rows = await db.selectFrom('points').select(['unit_id', 'label']).where('unit_id', 'in', part).execute();
    out.push(...rows.map((r) => ({ unitId: r.unit_id, label: r.label })));
  }
  return out;
}

/** The unit of each of these usernames that exists. */
export async function staffUnitsByUsername(db: Executor, usernames: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(usernames)) {
    const rows = await db.selectFrom('staff').select(['username', 'unit_id']).where('username', 'in', part).execute();
    for (const r of rows) out.set(r.username, r.unit_id);
  }
  return out;
}

export async function insertOfficers(trx: Transaction<Database>, rows: readonly { id: string; unitId: string; name: string; title: string | null }[], now: string): Promise<void> {
  for (const part of chunks(rows)) {
    await trx
      .insertInto('officers')
      .values(part.map((o) => ({ id: o.id, unit_id: o.unitId, name: o.name, title: o.title, created_at: now })))
      .execute();
  }
}

export async function insertPoints(
  trx: Transaction<Database>,
  rows: readonly { id: string; unitId: string; officerId: string | null; label: string; tokenKey: string; formKey: string; kind: PointKind }[],
  now: string,
): Promise<void> {
  for (const part of chunks(rows)) {
    await trx
      .insertInto('points')
      .values(part.map((p) => ({ id: p.id, unit_id: p.unitId, officer_id: p.officerId, label: p.label, token_key: p.tokenKey, form_key: p.formKey, kind: p.kind, created_at: now })))
      .execute();
  }
}

export async function insertStaffAccounts(
  trx: Transaction<Database>,
  rows: readonly { id: string; unitId: string; username: string; passwordHash: string; role: StaffRole }[],
  now: string,
): Promise<void> {
  for (const part of chunks(rows)) {
    await trx
      .insertInto('staff')
      .values(part.map((s) => ({ id: s.id, unit_id: s.unitId, username: s.username, password_hash: s.passwordHash, role: s.role, created_at: now })))
      .execute();
  }
}
