// Where `npm run bench:rollup` keeps its databases: a SQLite file under --dir and a PostgreSQL
// database (`bench_rollup`) on the server given by --postgres / TEST_PG_URL, each generated once
// (a `.done` file beside them says it finished) and reused.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import cliProgress from 'cli-progress';
import { countResponses } from '../../backend/src/db/responses.repository.ts';
import { copySqliteToPostgres } from './copy-to-postgres.ts';
import { buildRollupTree, type RollupTreeOptions } from './rollup-dataset.ts';
import { openDeps } from './open-deps.ts';

export interface DatasetSpec {
  dir: string;
  provinces: number;
  communes: number;
  total: number;
  year: number;
  env: Record<string, string>;
}

export interface Dataset {
  url: string;
  label: string;
  /** How it was made (read from the .done file). */
  made: { responses: number; seconds: number; rate: number; at: string; how?: string };
}

const nameOf = (s: DatasetSpec) => `rollup-${s.provinces}p-${s.communes}c-${s.total}-${s.year}`;

/** The PostgreSQL URL of database `name` on the server of `serverUrl`, created when missing. */
async function pgDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database ${name}`);
      // Generation commits ~20,000 small set-up transactions: not waiting for each fsync makes that
      // minutes instead of an hour. Reads (what the bench times) are not affected; the data can be regenerated.
      await client.query(`alter database ${name} set synchronous_commit = off`);
    }
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function generate(url: string, spec: DatasetSpec, label: string): Promise<Dataset['made']> {
  const deps = await openDeps(url, spec.env);
  const bar = new cliProgress.SingleBar({ format: `${label}: {stage} [{bar}] {value}/{total} | {rate}/s | eta {eta}s`, noTTYOutput: true, notTTYSchedule: 30_000 }, cliProgress.Presets.shades_classic);
  const t0 = performance.now();
  let stage = '';
  try {
    if ((await countResponses(deps.db.kysely)) > 0) throw new Error(`${label}: a half-made dataset is there (no .done file): delete it to regenerate`);
    const opts: RollupTreeOptions = {
      provinces: spec.provinces,
      communes: spec.communes,
      total: spec.total,
      year: spec.year,
      onProgress: (s, done, of) => {
        if (s !== stage) {
          bar.stop();
          stage = s;
          bar.start(of, 0, { stage: s, rate: '-' });
        }
        bar.update(done, { stage: s, rate: Math.round(done / ((performance.now() - t0) / 1000)) });
      },
    };
    const { responses } = await buildRollupTree(deps, opts);
    bar.stop();
    const seconds = (performance.now() - t0) / 1000;
    return { responses, seconds, rate: Math.round(responses / seconds), at: new Date().toISOString(), how: 'the write path\'s append (appendResponses), unit after unit, 10,000 per transaction' };
  } finally {
    bar.stop();
    await deps.close();
  }
}

/** The PostgreSQL dataset: migrated, then the SQLite dataset's rows copied in (copy-to-postgres.ts). */
async function copyToPostgres(url: string, spec: DatasetSpec, sqliteUrl: string): Promise<Dataset['made']> {
  const deps = await openDeps(url, spec.env);
  const rows = await countResponses(deps.db.kysely);
  await deps.close();
  if (rows > 0) throw new Error('PostgreSQL: a half-made dataset is there (no .done file): drop the database to make it again');
  const t0 = performance.now();
  await copySqliteToPostgres(sqliteUrl.slice('sqlite:'.length), url, (line) => process.stdout.write(`PostgreSQL: ${line}\n`));
  const check = await openDeps(url, spec.env);
  const responses = await countResponses(check.db.kysely);
  await check.close();
  const seconds = (performance.now() - t0) / 1000;
  return { responses, seconds, rate: Math.round(responses / seconds), at: new Date().toISOString(), how: 'copied from the SQLite dataset (COPY)' };
}

/** The dataset on SQLite (`postgres` undefined) or PostgreSQL, generated when missing. */
export async function ensureDataset(spec: DatasetSpec, postgres?: string): Promise<Dataset> {
  mkdirSync(spec.dir, { recursive: true });
  const name = nameOf(spec);
  const label = postgres ? 'PostgreSQL' : 'SQLite';
  // The default dataset's PostgreSQL database is `bench_rollup`; others get their size in the name.
  const pgName = name === nameOf({ ...spec, provinces: 34, communes: 3321, total: 10_000_000, year: spec.year }) ? 'bench_rollup' : `bench_${name.replaceAll('-', '_')}`;
  const url = postgres ? await pgDatabase(postgres, pgName) : `sqlite:${resolve(join(spec.dir, `${name}.db`))}`;
  const done = resolve(join(spec.dir, `${name}${postgres ? '.pg' : ''}.done`));
  if (existsSync(done)) return { url, label, made: JSON.parse(readFileSync(done, 'utf8')) as Dataset['made'] };
  const made = postgres ? await copyToPostgres(url, spec, (await ensureDataset(spec)).url) : await generate(url, spec, label);
  writeFileSync(done, JSON.stringify(made));
  return { url, label, made };
}
