import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

const PREFIX_RE = /^[0-9a-f-]{4,36}$/;

/**
 * Ids in `table` that start with `prefix` (at least 4 hex characters), so operators can type the
 * short ids that listings and QR file names show. At most `limit` ids; more than one means ambiguous.
 */
export async function findIdsByPrefix(
  db: Executor,
  table: 'points' | 'officers' | 'staff' | 'units',
  prefix: string,
  limit = 2,
): Promise<string[]> {
  const p = prefix.toLowerCase();
  if (!PREFIX_RE.test(p)) return [];
  const rows = await db.selectFrom(table).select('id').where('id', 'like', `${p}%`).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}
