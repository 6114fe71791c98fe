// `npm run bench:rollup` (issue 29): the comparison of every unit under a root, at scale.
//   The tree: a national root, 34 provinces, 3,321 communes; 10,000,000 responses over 2025.
//   Targets: the comparison over a year from the root (3,355 rows) and from one province
//   ≤ 1 s, on SQLite and on PostgreSQL; its XLSX ≤ 5 s.
// The datasets are made once (bench-rollup-data.ts: SQLite through the write path's append,
// PostgreSQL a COPY of the same rows) and kept under --dir / in the `bench_rollup` database. The
// routes run in-process through the real app (createApp, the admin token), as bench:reports does:
// the first request ("cold", after opening the database and the start-up warm-up) and the median
// of --runs more.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { comparisonSums } from '../../backend/src/db/comparison.repository.ts';
import { newRowId } from '../../backend/src/db/ids.ts';
import { laggingUnits, refreshUnitRollup } from '../../backend/src/db/rollups.repository.ts';
import { findUnitByCode } from '../../backend/src/db/units.repository.ts';
import { createApp } from '../../backend/src/http/create-app.ts';
import { refreshRollups } from '../../backend/src/jobs/rollups.ts';
import { vietnamDay } from '../../backend/src/domain/day.ts';
import { warmUpReports } from '../../backend/src/services/report/warm-up.ts';
import { appendResponses } from '../../backend/src/write-path/append.ts';
import { ensureDataset, type DatasetSpec } from './bench-rollup-data.ts';
import { openDeps } from './open-deps.ts';
import { provinceCode, ROOT_CODE } from './rollup-dataset.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: './data/bench-rollup' },
    provinces: { type: 'string', default: '34' },
    communes: { type: 'string', default: '3321' },
    total: { type: 'string', default: '10000000' },
    year: { type: 'string', default: '2025' },
    runs: { type: 'string', default: '7' },
    postgres: { type: 'string', default: process.env.TEST_PG_URL },
    'no-sqlite': { type: 'boolean', default: false },
    'no-postgres': { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
  },
});
const ADMIN = 'bench-admin-token-0123456789';
const spec: DatasetSpec = {
  dir: values.dir!,
  provinces: Number(values.provinces),
  communes: Number(values.communes),
  total: Number(values.total),
  year: Number(values.year),
  env: { APP_SECRET: 'bench-secret-bench-secret-bench-secret-00', ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', SEED_DEMO: 'false', ALERT_JOBS_ENABLED: 'false', ROLLUP_EVERY_MS: '0' },
};
const runs = Number(values.runs);
const year = spec.year;
const YEAR = `from=${year}-01-01&to=${year}-12-31`;
// A year that is not whole months: the days at its ends come from the tallies.
const ODD = `from=${year}-01-16&to=${year}-12-15`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
const say = (line: string) => process.stdout.write(`${line}\n`);

async function measure(label: string, url: string): Promise<void> {
  const deps = await openDeps(url, spec.env);
  try {
    const db = deps.db.kysely;
    const t0 = performance.now();
    const run = await refreshRollups(deps);
    const lag = (await laggingUnits(db, 10)).length;
    say(`${label}: roll-ups brought up to date in ${((performance.now() - t0) / 1000).toFixed(1)} s (${run.units} units, ${run.full} rebuilt whole, ${run.months} unit-months); units behind now: ${lag}`);
    // After a first build PostgreSQL's autovacuum (inserts past its threshold) sets the pages
    // all-visible, so the roll-ups' key is read alone; do now what it would do within a minute.
    if (deps.db.dialect === 'postgres' && run.full > 0) await sql`vacuum (analyze) tally_months`.execute(db);
    const [monthRows, tallyRows] = await Promise.all([
      sql<{ n: number | string }>`select count(*) as n from tally_months where question_key = 'overall'`.execute(db),
      sql<{ n: number | string }>`select count(*) as n from tallies where question_key = 'overall'`.execute(db),
    ]);
    say(`${label}: general-question rows: ${Number(tallyRows.rows[0]!.n).toLocaleString('en')} in the tallies, ${Number(monthRows.rows[0]!.n).toLocaleString('en')} in the roll-ups`);

    await warmUpReports(); // as server.ts does a second after it listens
    const app = createApp(deps);
    const root = (await findUnitByCode(db, ROOT_CODE))!;
    const province = (await findUnitByCode(db, provinceCode(1)))!;
    const get = async (path: string) => {
      const t = performance.now();
      const res = await app.request(path, { headers: { authorization: `Bearer ${ADMIN}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return { ms: performance.now() - t, bytes };
    };
    const timed = async (what: string, path: string, target: number | null, n = runs) => {
      const first = await get(path);
      const rest: number[] = [];
      for (let i = 0; i < n; i++) rest.push((await get(path)).ms);
      const m = rest.length > 0 ? median(rest) : first.ms;
      say(
        `${label}: ${what.padEnd(44)} cold ${first.ms.toFixed(0).padStart(5)} ms, median ${m.toFixed(0).padStart(5)} ms of ${rest.length} (${(first.bytes / 1024).toFixed(0)} KB)` +
          (target === null ? '' : ` — target ≤ ${target} ms: ${(m / target).toFixed(2)} of it, ${verdict(m <= target)}${first.ms > target ? ' (the cold one over)' : ''}`),
      );
    };
    const rows = ((await (await app.request(`/api/units/${root.id}/comparison?${YEAR}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { units: unknown[]; overall: { responses: number } });
    say(`${label}: the root's comparison has ${rows.units.length.toLocaleString('en')} rows, ${rows.overall.responses.toLocaleString('en')} responses`);
    await timed('root, year, JSON', `/api/units/${root.id}/comparison?${YEAR}`, 1000);
    await timed('one province, year, JSON', `/api/units/${province.id}/comparison?${YEAR}`, 1000);
    await timed('root, year, XLSX', `/api/units/${root.id}/comparison?${YEAR}&format=xlsx`, 5000);
    await timed('root, 16 Jan – 15 Dec (not whole months), JSON', `/api/units/${root.id}/comparison?${ODD}`, null);
    await timed('root, year, PDF', `/api/units/${root.id}/comparison?${YEAR}&format=pdf`, null, 2);
    const rolledBack = new Error('rolled back on purpose');
    // What the job holds the lock for in steady state: one commune's month rebuilt after a new
    // response (the response appended and the rebuild done in a transaction rolled back).
    const commune = (await db.selectFrom('units').select(['id']).where('code', 'like', `${provinceCode(2)}-c%`).orderBy('code').executeTakeFirstOrThrow()).id;
    const pointId = (await db.selectFrom('points').select('id').where('unit_id', '=', commune).executeTakeFirstOrThrow()).id;
    const refreshMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await (deps.db.dialect === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction())
        .execute(async (trx) => {
          const at = new Date(Date.UTC(year, 5, 10, 3));
          await appendResponses(trx, deps.db.dialect, [{ id: newRowId(), unitId: commune, pointId, officerId: null, fieldId: null, clientId: crypto.randomUUID(), formKey: 'counter', formVersion: 1, overallKey: 'overall', answers: { overall: 4, access: 4, attitude: 4, responsibility: 4, guidance: 4 }, issues: [], comment: null, dossierCode: null, channel: 'paper', receivedAt: at.toISOString(), day: vietnamDay(at) }]);
          const t = performance.now();
          await refreshUnitRollup(trx, commune, new Date().toISOString());
          refreshMs.push(performance.now() - t);
          throw rolledBack;
        })
        .catch((e: unknown) => {
          if (e !== rolledBack) throw e;
        });
    }
    say(`${label}: one commune's month rebuilt after a new response (the job's lock per unit): median ${median(refreshMs).toFixed(1)} ms of 5`);
    // Why the roll-ups: the same counts read from the tallies alone (marks dropped inside a
    // transaction that is rolled back, so the database is left as it was).
    const q = { rootId: root.id, formKey: 'counter', overallKey: 'overall', questionKeys: ['overall'], from: `${year}-01-01`, to: `${year}-12-31` };
    let tallyMs = 0;
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('rollup_marks').execute();
        const t = performance.now();
        await comparisonSums(trx, deps.db.dialect, q);
        tallyMs = performance.now() - t;
        throw rolledBack;
      })
      .catch((e: unknown) => {
        if (e !== rolledBack) throw e;
      });
    const t2 = performance.now();
    await comparisonSums(db, deps.db.dialect, q);
    say(`${label}: the root's counts (one statement): ${(performance.now() - t2).toFixed(0)} ms with the roll-ups, ${tallyMs.toFixed(0)} ms from the tallies alone`);
  } finally {
    await deps.close();
  }
}

const targets: { label: string; pg?: string }[] = [];
if (!values['no-sqlite']) targets.push({ label: 'SQLite' });
if (!values['no-postgres'] && values.postgres) targets.push({ label: 'PostgreSQL', pg: values.postgres });
for (const t of targets) {
  const d = await ensureDataset(spec, t.pg);
  say(`${d.label}: ${d.made.responses.toLocaleString('en')} responses, made in ${d.made.seconds.toFixed(0)} s (${d.made.rate.toLocaleString('en')}/s) — ${d.made.how ?? 'through the write path\'s append'}`);
  if (!values['generate-only']) await measure(d.label, d.url);
}
