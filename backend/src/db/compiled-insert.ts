import { CompiledQuery, type Compilable } from 'kysely';
import { isDeepStrictEqual } from 'node:util';
import type { DialectName } from './create-db.ts';

/**
 * A multi-row INSERT whose SQL text depends only on the dialect and how many rows it carries
 * (every row has the same columns, every value is a parameter). Kysely builds and compiles such
 * a query anew each time: for the response writer's 21-column batches that was about a tenth of
 * its work. Here Kysely compiles it once per dialect and row count; later batches reuse the SQL
 * with their own values, flattened row by row in `columns` order. The first compile of each
 * size checks that this flattening is exactly Kysely's own parameter list, so a column missing
 * from `columns` (or out of order) fails at once instead of shifting values.
 */
export class CompiledInsert<Row extends object> {
  readonly #columns: readonly (keyof Row & string)[];
  readonly #sql = new Map<string, string>();

  constructor(columns: readonly (keyof Row & string)[]) {
    this.#columns = columns;
  }

  /** build: the Kysely query for these rows; called only the first time a size is seen. */
  compile(dialect: DialectName, rows: readonly Row[], build: () => Compilable): CompiledQuery {
    if (rows.length === 0) throw new Error('CompiledInsert needs at least one row');
    const parameters: unknown[] = [];
    for (const row of rows) {
      for (const c of this.#columns) {
        const value = row[c];
        // Kysely leaves an undefined value out of the row, which would change the SQL.
        if (value === undefined) throw new Error(`CompiledInsert: ${c} is undefined`);
        parameters.push(value);
      }
    }
    const key = `${dialect}:${rows.length}`;
    let sqlText = this.#sql.get(key);
    if (sqlText === undefined) {
      const compiled = build().compile();
      if (!isDeepStrictEqual(compiled.parameters, parameters)) throw new Error('CompiledInsert: columns do not match the query Kysely builds');
      sqlText = compiled.sql;
      this.#sql.set(key, sqlText);
    }
    return CompiledQuery.raw(sqlText, parameters);
  }
}
