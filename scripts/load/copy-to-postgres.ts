// The PostgreSQL dataset of `npm run bench:rollup`: the SQLite dataset's rows, byte for byte,
// copied with COPY (psql's \copy, fed CSV from better-sqlite3). Generating ten million responses
// a second time through the append on a shared two-core machine took hours (≈ 400/s); the rows
// are the same either way — the same hash chains, the same tallies — so `npm run verify` accepts
// the copy as it accepts the original. The big tables' keys, indexes and foreign keys are dropped
// for the copy and made again after it (one sorted build instead of ten million inserts each),
// from their own definitions as PostgreSQL states them.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import pg from 'pg';

/** In dependency order; forms come from the migrations (the built-in forms), sessions and the rest are empty in the dataset. */
const SMALL = ['units', 'fields', 'officers', 'points', 'chain_heads', 'dossier_counts'] as const;
const BIG = ['responses', 'tallies'] as const;

/**
 * One CSV line per row, made by SQLite itself (string concatenation in C is many times faster
 * than building the line in JavaScript): text quoted with its quotes doubled, so '' stays an empty
 * string; NULL as an empty unquoted field; numbers as they are.
 */
function csvLine(cols: { name: string; type: string }[]): string {
  const field = (c: { name: string; type: string }) => {
    const ref = `"${c.name}"`;
    return /int|real|num/i.test(c.type) ? `coalesce(cast(${ref} as text), '')` : `coalesce('"' || replace(${ref}, '"', '""') || '"', '')`;
  };
  return `${cols.map(field).join(" || ',' || ")} || char(10)`;
}

async function copyTable(sqlite: Database.Database, pgUrl: string, table: string, onRows?: (n: number) => void): Promise<number> {
  const cols = sqlite.prepare(`select name, type from pragma_table_info('${table}')`).all() as { name: string; type: string }[];
  const names = cols.map((c) => `"${c.name}"`).join(', ');
  const psql = spawn('psql', [pgUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${table} (${names}) from stdin with (format csv)`], { stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = once(psql, 'exit');
  let n = 0;
  let chunk: string[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    if (!psql.stdin.write(chunk.join(''))) await once(psql.stdin, 'drain');
    chunk = [];
  };
  for (const line of sqlite.prepare(`select ${csvLine(cols)} from ${table}`).pluck().iterate() as Iterable<string>) {
    chunk.push(line);
    if (++n % 50_000 === 0) {
      await flush();
      onRows?.(n);
    }
  }
  await flush();
  psql.stdin.end();
  const [code] = (await exited) as [number | null];
  if (code !== 0) throw new Error(`psql \\copy ${table} exited with ${code}`);
  return n;
}

interface Saved {
  constraints: { table: string; name: string; def: string; kind: string }[];
  indexes: string[];
}

/** The big tables' constraints and indexes, as PostgreSQL would write them again. */
async function saveAndDrop(client: pg.Client): Promise<Saved> {
  const constraints = (
    await client.query<{ table: string; name: string; def: string; kind: string }>(
      `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def, c.contype as kind
       from pg_constraint c where c.conrelid::regclass::text = any($1) and c.contype in ('p', 'u', 'f')`,
      [[...BIG]],
    )
  ).rows;
  const indexes = (
    await client.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where tablename = any($1) and indexname not in (select conname from pg_constraint where contype in ('p', 'u'))`,
      [[...BIG]],
    )
  ).rows.map((r) => r.indexdef);
  // Foreign keys of other tables that point at these (cases, campaign links…) go first.
  const referencing = (
    await client.query<{ table: string; name: string; def: string; kind: string }>(
      `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def, c.contype as kind
       from pg_constraint c where c.confrelid::regclass::text = any($1) and c.contype = 'f' and not (c.conrelid::regclass::text = any($1))`,
      [[...BIG]],
    )
  ).rows;
  const all = [...referencing, ...constraints];
  for (const c of all.filter((x) => x.kind === 'f')) await client.query(`alter table ${c.table} drop constraint ${c.name}`);
  for (const c of all.filter((x) => x.kind !== 'f')) await client.query(`alter table ${c.table} drop constraint ${c.name}`);
  for (const def of indexes) await client.query(`drop index ${/INDEX (\S+) ON/.exec(def)![1]}`);
  return { constraints: all, indexes };
}

async function restore(client: pg.Client, saved: Saved): Promise<void> {
  for (const c of saved.constraints.filter((x) => x.kind !== 'f')) await client.query(`alter table ${c.table} add constraint ${c.name} ${c.def}`);
  for (const def of saved.indexes) await client.query(def);
  for (const c of saved.constraints.filter((x) => x.kind === 'f')) await client.query(`alter table ${c.table} add constraint ${c.name} ${c.def}`);
}

/** Copies the dataset's rows from the SQLite file into the (migrated, empty) PostgreSQL database. */
export async function copySqliteToPostgres(sqliteFile: string, pgUrl: string, say: (line: string) => void): Promise<void> {
  const sqlite = new Database(sqliteFile, { readonly: true });
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    // The migrations' start-up rows (none but the built-in forms) must not clash with the copied ones.
    for (const t of [...SMALL].reverse()) await client.query(`delete from ${t}`);
    for (const t of SMALL) say(`copied ${t}: ${await copyTable(sqlite, pgUrl, t)} rows`);
    const saved = await saveAndDrop(client);
    for (const t of BIG) {
      const t0 = performance.now();
      const n = await copyTable(sqlite, pgUrl, t);
      say(`copied ${t}: ${n.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    const t0 = performance.now();
    await client.query('set maintenance_work_mem = \'512MB\'');
    await restore(client, saved);
    say(`keys, indexes and foreign keys made again in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    await client.query('vacuum analyze');
  } finally {
    await client.end();
    sqlite.close();
  }
}
