// `npm run bench:tallies`: the tallies route for one unit over a year, with 50 thousand responses
// stored in all vs 5 million. The unit under test holds the same amount of data in both (a busy
// commune's year: --per-unit); the rest belongs to other units. The route reads only the
// tallies table through its (unit, question, day, …) key, so its latency must not grow with the total.
// Target: ratio ≤ 1.5. The 5-million database takes minutes to generate; it is kept in --dir.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { addDays, vietnamDay } from '../../backend/src/domain/day.ts';
import { createApp } from '../../backend/src/http/create-app.ts';
import { findUnitByCode } from '../../backend/src/db/units.repository.ts';
import { countResponses } from '../../backend/src/db/responses.repository.ts';
import { createUnits, generateResponses } from './generate-lib.ts';
import { openDeps } from './open-deps.ts';

const { values } = parseArgs({
  options: {
    small: { type: 'string', default: '50000' },
    large: { type: 'string', default: '5000000' },
    'per-unit': { type: 'string', default: '10000' },
    runs: { type: 'string', default: '40' },
    dir: { type: 'string', default: './data/bench-tallies' },
  },
});
const perUnit = Number(values['per-unit']);
const ADMIN = 'bench-admin-token-0123456789';
const env = { APP_SECRET: 'bench-secret-bench-secret-bench-secret-00', ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', SEED_DEMO: 'false' };
const today = vietnamDay(new Date());
const from = addDays(today, -364);

async function dataset(total: number): Promise<string> {
  mkdirSync(values.dir!, { recursive: true });
  const file = join(values.dir!, `tallies-${total}.db`);
  const url = `sqlite:${file}`;
  if (existsSync(file)) {
    const deps = await openDeps(url, env);
    const n = await countResponses(deps.db.kysely);
    await deps.close();
    if (n >= total * 0.999) return url; // per-day rounding can leave a handful short
    throw new Error(`${file} holds ${n} responses, fewer than ${total}: delete it to regenerate`);
  }
  const deps = await openDeps(url, env);
  const units = await createUnits(deps, Math.ceil(total / perUnit), { prefix: 'bt' });
  const bar = new cliProgress.SingleBar({ format: `generating ${total} [{bar}] {value}/{total} | {rate}/s` }, cliProgress.Presets.shades_classic);
  const t0 = performance.now();
  bar.start(total, 0, { rate: '-' });
  await generateResponses(deps, units, {
    perUnit,
    firstDay: from,
    days: 365,
    onProgress: (n) => bar.update(n, { rate: Math.round(n / ((performance.now() - t0) / 1000)) }),
  });
  bar.stop();
  await deps.close();
  return url;
}

async function measure(url: string): Promise<{ median: number; p95: number; responses: number; unitResponses: number }> {
  const deps = await openDeps(url, env);
  try {
    const unit = (await findUnitByCode(deps.db.kysely, 'bt-00001'))!;
    const app = createApp(deps);
    const path = `/api/units/${unit.id}/tallies?from=${from}&to=${today}`;
    const get = async () => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${ADMIN}` } });
      if (res.status !== 200) throw new Error(`tallies answered ${res.status}`);
      return (await res.json()) as { total: { responses: number } };
    };
    for (let i = 0; i < 5; i++) await get(); // warm caches and JIT
    const times: number[] = [];
    let unitResponses = 0;
    for (let i = 0; i < Number(values.runs); i++) {
      const t0 = performance.now();
      unitResponses = (await get()).total.responses;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]!, responses: await countResponses(deps.db.kysely), unitResponses };
  } finally {
    await deps.close();
  }
}

const smallUrl = await dataset(Number(values.small));
const largeUrl = await dataset(Number(values.large));
const small = await measure(smallUrl);
const large = await measure(largeUrl);
const row = (r: typeof small) =>
  `${String(r.responses).padStart(9)} stored, unit under test ${r.unitResponses} in the year: median ${r.median.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms`;
process.stdout.write(`tallies for ${from}..${today}, ${values.runs} runs each (in-process app.request, SQLite)\n${row(small)}\n${row(large)}\n`);
const ratio = large.median / small.median;
process.stdout.write(`latency ratio large/small: ${ratio.toFixed(2)} (target <= 1.5): ${ratio <= 1.5 ? 'MET' : 'MISSED'}\n`);
