import type SqliteDatabase from 'better-sqlite3';

/**
 * Kysely prepares every query afresh; the hot path repeats a handful of SQL strings, so keep
 * their prepared statements (bounded, least recently used dropped first).
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, max = 256) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) cache.delete(sqlText);
      else {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

