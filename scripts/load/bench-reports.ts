// `npm run bench:reports`: where the clerk waits for reports (issue 26).
//   1. A commune's year (--year-responses, ≈ 20,000): the PDF and the XLSX, in-process (target ≤ 1 s each).
//   2. The raw CSV of one unit holding --raw-responses (1,000,000), downloaded from a real server
//      process while its RSS is sampled (target ≤ 20 s, RSS growth < 100 MB).
//   3. The coverage route with --total (5,000,000) responses stored (target ≤ 50 ms).
// One SQLite database holds all three (generated once, kept in --dir: it takes minutes).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { countResponses } from '../../backend/src/db/responses.repository.ts';
import { findUnitByCode } from '../../backend/src/db/units.repository.ts';
import { addDays, vietnamDay } from '../../backend/src/domain/day.ts';
import { createApp } from '../../backend/src/http/create-app.ts';
import { startServerProcess } from '../../backend/test/helpers/server-process.ts';
import { warmUpReports } from '../../backend/src/services/report/warm-up.ts';
import { createUnits, generateResponses, type GeneratedUnit } from './generate-lib.ts';
import { openDeps } from './open-deps.ts';

const { values } = parseArgs({
  options: {
    'year-responses': { type: 'string', default: '20000' },
    'raw-responses': { type: 'string', default: '1000000' },
    total: { type: 'string', default: '5000000' },
    'per-unit': { type: 'string', default: '10000' },
    runs: { type: 'string', default: '7' },
    dir: { type: 'string', default: './data/bench-reports' },
  },
});
const yearN = Number(values['year-responses']);
const rawN = Number(values['raw-responses']);
const total = Number(values.total);
const perUnit = Number(values['per-unit']);
const runs = Number(values.runs);
const ADMIN = 'bench-admin-token-0123456789';
const env = { APP_SECRET: 'bench-secret-bench-secret-bench-secret-00', ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', SEED_DEMO: 'false', ALERT_JOBS_ENABLED: 'false' };
const today = vietnamDay(new Date());
const yearFrom = addDays(today, -364);
const auth = { authorization: `Bearer ${ADMIN}` };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);
const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');

/** The commune (rc-commune, yearN), the big unit (rc-raw, rawN) and filler units up to `total`. */
async function dataset(): Promise<string> {
  mkdirSync(values.dir!, { recursive: true });
  const file = resolve(join(values.dir!, `reports-${total}.db`));
  const url = `sqlite:${file}`;
  if (existsSync(file)) {
    const deps = await openDeps(url, env);
    const n = await countResponses(deps.db.kysely);
    await deps.close();
    if (n >= total * 0.999) return url;
    throw new Error(`${file} holds ${n} responses, fewer than ${total}: delete it to regenerate`);
  }
  const deps = await openDeps(url, env);
  const bar = new cliProgress.SingleBar({ format: 'generating {task} [{bar}] {value}/{total} | {rate}/s' }, cliProgress.Presets.shades_classic);
  try {
    const gen = async (task: string, units: GeneratedUnit[], each: number) => {
      const t0 = performance.now();
      bar.start(units.length * each, 0, { task, rate: '-' });
      await generateResponses(deps, units, { perUnit: each, firstDay: yearFrom, days: 365, onProgress: (n) => bar.update(n, { rate: Math.round(n / ((performance.now() - t0) / 1000)) }) });
      bar.stop();
    };
    await gen('commune', await createUnits(deps, 1, { prefix: 'rc-commune' }), yearN);
    await gen('raw unit', await createUnits(deps, 1, { prefix: 'rc-raw' }), rawN);
    const rest = total - yearN - rawN;
    if (rest > 0) await gen('others', await createUnits(deps, Math.ceil(rest / perUnit), { prefix: 'rc-other' }), perUnit);
  } finally {
    bar.stop();
    await deps.close();
  }
  return url;
}

const url = await dataset();
const out: string[] = [];
const say = (line: string) => {
  out.push(line);
  process.stdout.write(`${line}\n`);
};

// 1 and 3: in-process, as bench:tallies does (no HTTP stack in the figures).
{
  const deps = await openDeps(url, env);
  try {
    const stored = await countResponses(deps.db.kysely);
    const app = createApp(deps);
    const commune = (await findUnitByCode(deps.db.kysely, 'rc-commune-00001'))!;
    const other = (await findUnitByCode(deps.db.kysely, 'rc-other-00001')) ?? commune;
    const get = async (path: string) => {
      const res = await app.request(path, { headers: auth });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return res.arrayBuffer();
    };
    const time = async (path: string) => {
      const t0 = performance.now();
      const bytes = (await get(path)).byteLength;
      return { ms: performance.now() - t0, bytes };
    };
    say(`database: ${stored.toLocaleString('en')} responses stored (SQLite ${url.slice(7)})`);

    // The year's report, by format: the first request after the server's start-up warm-up (fonts
    // parsed, exceljs loaded: warmUpReports, as server.ts runs it) and the median of the rest.
    await warmUpReports();
    const range = `from=${yearFrom}&to=${today}`;
    const inYear = JSON.parse(new TextDecoder().decode(await get(`/api/units/${commune.id}/report?${range}&format=json`))) as { total: { responses: number } };
    for (const format of ['pdf', 'xlsx', 'csv'] as const) {
      const path = `/api/units/${commune.id}/report?${range}&format=${format}&audience=internal`;
      const first = await time(path);
      const rest: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const r = await time(path);
        rest.push(r.ms);
        bytes = r.bytes;
      }
      const target = format === 'csv' ? null : 1000;
      say(
        `year report ${format.toUpperCase().padEnd(4)} (${inYear.total.responses.toLocaleString('en')} responses, ${(bytes / 1024).toFixed(0)} KB): first ${first.ms.toFixed(0)} ms, median ${median(rest).toFixed(0)} ms, max ${max(rest).toFixed(0)} ms` +
          (target ? ` (target <= ${target} ms): ${verdict(max([first.ms, ...rest]) <= target)}` : ''),
      );
    }

    // Coverage with every response stored: a year and a month, for a unit among many.
    for (const period of [today.slice(0, 4), today.slice(0, 7)]) {
      const path = `/api/units/${other.id}/coverage?period=${period}`;
      for (let i = 0; i < 3; i++) await get(path);
      const times: number[] = [];
      for (let i = 0; i < runs * 3; i++) times.push((await time(path)).ms);
      say(`coverage ${period.padEnd(7)} at ${stored.toLocaleString('en')} stored: median ${median(times).toFixed(1)} ms, max ${max(times).toFixed(1)} ms (target <= 50 ms): ${verdict(median(times) <= 50)}`);
    }
  } finally {
    await deps.close();
  }
}

// 2: the raw export from a real server process, its RSS sampled every 50 ms.
{
  const server = await startServerProcess({ dbUrl: url, demo: false, env: { ...env, LOG_LEVEL: 'info' } });
  try {
    const pid = server.child.pid!;
    const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
    const unitsRes = await fetch(`${server.url}/api/admin/units`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const units = ((await unitsRes.json()) as { units: { id: string; code: string }[] }).units;
    const raw = units.find((u) => u.code === 'rc-raw-00001')!;
    // A small export first, so that the baseline includes the loaded route and a warm JIT.
    await (await fetch(`${server.url}/api/units/${raw.id}/responses.csv?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${ADMIN}` } })).arrayBuffer();
    const before = rssMiB();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB())), 50);
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/units/${raw.id}/responses.csv?from=${yearFrom}&to=${today}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    if (res.status !== 200 || !res.body) throw new Error(`raw export answered ${res.status}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines++;
    }
    const secs = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB());
    say(
      `raw CSV: ${(lines - 1).toLocaleString('en')} responses, ${(bytes / 1024 / 1024).toFixed(0)} MB in ${secs.toFixed(1)} s (${Math.round((lines - 1) / secs).toLocaleString('en')}/s) (target <= 20 s): ${verdict(secs <= 20)}`,
    );
    say(`raw CSV: server RSS ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB: growth ${(peak - before).toFixed(0)} MiB (target < 100 MB): ${verdict((peak - before) * 1.048576 < 100)}`);
  } finally {
    await server.stop();
    await server.cleanup();
  }
}
