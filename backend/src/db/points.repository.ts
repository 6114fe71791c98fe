import type { Kysely, Transaction } from 'kysely';
import type { PointKind } from '../domain/channels.ts';
import type { Database, PointRow } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface Point {
  id: string;
  unitId: string;
  officerId: string | null;
  label: string;
  tokenKey: string;
  active: boolean;
  /** The form it serves (its latest version). */
  formKey: string;
  /** A counter (or desk) QR, or a kiosk. */
  kind: PointKind;
}

const toPoint = (r: PointRow): Point => ({
  id: r.id,
  unitId: r.unit_id,
  officerId: r.officer_id,
  label: r.label,
  tokenKey: r.token_key,
  active: r.active === 1,
  formKey: r.form_key,
  kind: r.kind,
});

export async function insertPoint(
  db: Executor,
  p: { id: string; unitId: string; officerId: string | null; label: string; tokenKey: string; formKey: string; kind: PointKind; now: string },
): Promise<Point> {
  await db
    .insertInto('points')
    .values({ id: p.id, unit_id: p.unitId, officer_id: p.officerId, label: p.label, token_key: p.tokenKey, form_key: p.formKey, kind: p.kind, created_at: p.now })
    .execute();
  return { id: p.id, unitId: p.unitId, officerId: p.officerId, label: p.label, tokenKey: p.tokenKey, active: true, formKey: p.formKey, kind: p.kind };
}

export async function findPointByTokenKey(db: Executor, tokenKey: string): Promise<Point | undefined> {
  const row = await db.selectFrom('points').selectAll().where('token_key', '=', tokenKey).executeTakeFirst();
  return row && toPoint(row);
}

export async function findPoint(db: Executor, id: string): Promise<Point | undefined> {
  const row = await db.selectFrom('points').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPoint(row);
}

/**
 * A unit's QR points. Without `includeHidden`, not its hidden receipt point (token key
 * 'ticket:<unitId>', services/tickets.service.ts): it has no QR of its own to list or print.
 */
export async function listPoints(db: Executor, unitId: string, opts: { includeHidden?: boolean } = {}): Promise<Point[]> {
  let q = db.selectFrom('points').selectAll().where('unit_id', '=', unitId);
  if (!opts.includeHidden) q = q.where('token_key', 'not like', 'ticket:%');
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map(toPoint);
}

export async function setPointActive(db: Executor, id: string, active: boolean): Promise<void> {
  await db.updateTable('points').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
}

/** A new token key: the printed QR with the old one stops working at once. */
export async function setPointTokenKey(db: Executor, id: string, tokenKey: string): Promise<void> {
  await db.updateTable('points').set({ token_key: tokenKey }).where('id', '=', id).execute();
}
