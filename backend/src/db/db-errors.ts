/** A unique-constraint failure on either dialect (SQLite: SQLITE_CONSTRAINT_*UNIQUE/PRIMARYKEY, PostgreSQL: 23505). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = String((err as { code: unknown }).code);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
