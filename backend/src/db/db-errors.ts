/** A unique-constraint failure on either dialect (SQLite: SQLITE_CONSTRAINT_*UNIQUE/PRIMARYKEY, PostgreSQL: 23505). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = String((err as { code: unknown }).code);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The database cannot grow: a full disk (SQLite: SQLITE_FULL, which is also what ENOSPC becomes;
 * PostgreSQL: 53100 disk_full) or an exhausted quota (53400 configuration_limit_exceeded is not
 * one). Every write fails alike until space is freed, so such an error fails a whole batch.
 */
export function isStorageFull(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = 'code' in err ? String((err as { code: unknown }).code) : '';
  return code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC';
}

/** The code and message of a database error, for the operator's log (never for the citizen). */
export function storageErrorOf(err: unknown): { code: string; message: string } {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'unknown';
  return { code, message: err instanceof Error ? err.message : String(err) };
}
