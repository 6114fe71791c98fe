// `npm run bench`: what storing a response costs on top of HTTP + validation.
// Starts the real server (npm start's entry point) on a temporary database, then loads
//   A) POST /api/bench/responses-noop  — same parsing and zod validation, nothing stored (baseline)
//   B) POST /api/public/responses      — validated, hash-chained, tallied, committed
// at N connections for a fixed time each, alternating A and B for several rounds (the shared
// machine's load drifts), and prints req/s, p50/p99 per round, the medians and B/A.
// The load comes from Debian's wrk when installed, else autocannon: the generator shares the two
// cores with the server it measures, and autocannon's process takes about twice the CPU per
// request (scripts/load/wrk.ts), CPU the server then lacks.
// --against <git ref>: runs that commit's server too, in turn with this tree's in every round,
// and prints both and the ratio after/before: a change's cost, measured in one run.
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { realisticLevel } from './load/level-mix.ts';
import { startServerProcess } from '../backend/test/helpers/server-process.ts';
import { newClientId } from '../mini-app/src/services/offline/client-id.ts';
import { benchExtraEnv } from './load/extra-env.ts';
import { checkoutOf } from './load/checkout.ts';
import { CLIENT_ID_PLACEHOLDER, runWrkTimed, wrkAvailable, writeTemplates } from './load/wrk.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    /** Baseline and store runs alternate this many times; medians are reported (the machine's load drifts). */
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    sync: { type: 'string', default: 'NORMAL' },
    database: { type: 'string' },
    /** A PostgreSQL server URL: the run gets a fresh database on it (dropped afterwards). */
    postgres: { type: 'string' },
    /** realistic: levels as citizens give them (about 5 % dissatisfied); harsh: 1–5 in turn (40 %, 20 % raising an alert). */
    mix: { type: 'string', default: 'realistic' },
    /** v4: random UUIDs (any client); app: UUIDv7 as the Mini App makes them (time first). */
    'client-ids': { type: 'string', default: 'v4' },
    /** wrk (Debian's; the default when installed, with v4 client ids) or autocannon. */
    generator: { type: 'string' },
    /** A git ref whose server runs beside this tree's, round by round: before/after in one run. */
    against: { type: 'string' },
  },
});
if (args['client-ids'] !== 'v4' && args['client-ids'] !== 'app') throw new Error('--client-ids must be v4 or app');
// wrk-timed.lua makes random v4 ids only; UUIDv7 (time first) come from autocannon.
const hasWrk = wrkAvailable();
const generator = args.generator ?? (hasWrk && args['client-ids'] === 'v4' ? 'wrk' : 'autocannon');
if (generator !== 'wrk' && generator !== 'autocannon') throw new Error('--generator must be wrk or autocannon');
if (generator === 'wrk' && !hasWrk) throw new Error('--generator wrk: wrk is not installed (apt-get install wrk)');
if (generator === 'wrk' && args['client-ids'] !== 'v4') throw new Error('--generator wrk sends random v4 client ids only: use --generator autocannon with --client-ids app');
if (args.postgres) process.env['TEST_DATABASE_URL'] = args.postgres;
const duration = Number(args.duration);
const connections = Number(args.connections);

const serverEnv = { BENCH_ROUTES: 'true', SQLITE_SYNCHRONOUS: args.sync ?? 'NORMAL', ...benchExtraEnv() };
const before = args.against ? checkoutOf(args.against) : null;
const server = await startServerProcess({ env: serverEnv, ...(args.database ? { dbUrl: args.database } : {}) });
// The earlier commit's server gets a database of its own (--database is this tree's only).
const beforeServer = before ? await startServerProcess({ env: serverEnv, root: before.root }) : null;

function makeBody(token: string, officers: string[], i: number, clientId = args['client-ids'] === 'app' ? newClientId() : crypto.randomUUID()): string {
  const level = args.mix === 'harsh' ? (i % 5) + 1 : realisticLevel(i);
  return JSON.stringify({
    token,
    clientId,
    officerId: officers[i % officers.length],
    answers: { overall: level, access: 5, attitude: 4, responsibility: level, guidance: 4 },
    comment: i % 10 === 0 ? 'Cán bộ hướng dẫn tận tình, chu đáo.' : undefined,
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** wrk's templates: the same bodies makeBody gives, each request with its own random clientId. */
const templatesDir = mkdtempSync(join(tmpdir(), 'hailong-bench-'));

interface Target {
  label: string;
  url: string;
  token: string;
  officers: string[];
  templatesFile: string;
}

async function load(target: Target, path: string): Promise<Figures> {
  const { officers } = target;
  if (generator === 'wrk') {
    const r = await runWrkTimed({ url: `${target.url}${path}`, templatesFile: target.templatesFile, connections, seconds: duration });
    const ms = (us: number) => Math.round(us / 100) / 10;
    return { rps: r.answered / (r.durationUs / 1e6), p50: ms(r.p50Us), p99: ms(r.p99Us), non2xx: r.non2xx, errors: r.socketErrors + r.timeouts };
  }
  let i = 0;
  const result = await autocannon({
    url: `${target.url}${path}`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: makeBody(target.token, officers, i++) }),
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function targetOf(label: string, s: typeof server): Promise<Target> {
  const point = (await (await fetch(`${s.url}/api/public/points/${s.demo.counterToken}`)).json()) as { officers: { id: string }[] };
  const officers = point.officers.map((o) => o.id);
  const templatesFile = join(templatesDir, `templates-${label.replace(/\W+/g, '-')}.txt`);
  writeTemplates(templatesFile, Array.from({ length: 1000 }, (_, i) => makeBody(s.demo.counterToken, officers, i, CLIENT_ID_PLACEHOLDER)));
  return { label, url: s.url, token: s.demo.counterToken, officers, templatesFile };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const med = (fs: Figures[]): Figures => ({
  rps: median(fs.map((f) => f.rps)),
  p50: median(fs.map((f) => f.p50)),
  p99: median(fs.map((f) => f.p99)),
  non2xx: fs.reduce((n, f) => n + f.non2xx, 0),
  errors: fs.reduce((n, f) => n + f.errors, 0),
});
const row = (name: string, f: Figures) =>
  `${name.padEnd(38)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   non-2xx ${f.non2xx}   errors ${f.errors}`;

try {
  const targets: Target[] = [];
  if (beforeServer && before) targets.push(await targetOf(`before (${before.commit})`, beforeServer));
  targets.push(await targetOf(before ? 'after (this tree)' : 'this tree', server));
  process.stdout.write(`level mix: ${args.mix}; client ids: ${args['client-ids'] === 'app' ? 'UUIDv7 as the Mini App makes them' : 'random v4'}; load from ${generator}; `);
  process.stdout.write(`server ${server.url} on ${server.dbUrl.split(':')[0]}${server.dbUrl.startsWith('sqlite') ? ` (synchronous=${args.sync})` : ''}, ${connections} connections, ${duration} s per run\n`);
  for (const t of targets) {
    await load(t, '/api/bench/responses-noop'); // warm-up: JIT, connection pools
    await load(t, '/api/public/responses');
  }
  const bases = new Map<Target, Figures[]>(targets.map((t) => [t, []]));
  const stores = new Map<Target, Figures[]>(targets.map((t) => [t, []]));
  for (let r = 1; r <= Number(args.rounds); r++) {
    process.stdout.write(`round ${r}\n`);
    for (const t of targets) {
      bases.get(t)!.push(await load(t, '/api/bench/responses-noop'));
      stores.get(t)!.push(await load(t, '/api/public/responses'));
      const tag = targets.length > 1 ? `${t.label}: ` : '';
      process.stdout.write(`  ${row(`${tag}validate only (baseline)`, bases.get(t)!.at(-1)!)}\n  ${row(`${tag}store response (hash chain + tallies)`, stores.get(t)!.at(-1)!)}\n`);
    }
  }
  const current = targets.at(-1)!;
  for (const t of targets) {
    const tag = targets.length > 1 ? `${t.label}: ` : '';
    process.stdout.write(`medians of ${bases.get(t)!.length} rounds, ${tag || 'this tree'}\n  ${row('validate only (baseline)', med(bases.get(t)!))}\n  ${row('store response (hash chain + tallies)', med(stores.get(t)!))}\n`);
  }
  if (targets.length > 1) {
    const [b, a] = targets as [Target, Target];
    const ratioOf = (m: Map<Target, Figures[]>) => median(m.get(a)!.map((f, i) => f.rps / m.get(b)!.at(i)!.rps));
    process.stdout.write(
      `after/before (median of the rounds' ratios): baseline ${ratioOf(bases).toFixed(2)}, store ${ratioOf(stores).toFixed(2)}; store p99 ${med(stores.get(b)!).p99} → ${med(stores.get(a)!).p99} ms\n`,
    );
  }
  const store = med(stores.get(current)!);
  const ratio = median(stores.get(current)!.map((s, i) => s.rps / bases.get(current)!.at(i)!.rps));
  // Issue 4: "ratio (target >= 0.5 on SQLite, p99 < 25 ms)": the ratio is SQLite's target; the
  // p99 holds on both dialects.
  const ratioTarget = server.dbUrl.startsWith('sqlite');
  process.stdout.write(
    `ratio store/baseline (median of the rounds' ratios): ${ratio.toFixed(2)} (${ratioTarget ? 'target >= 0.5' : 'no target on PostgreSQL'})   store p99: ${store.p99} ms (target < 25 ms)\n`,
  );
  process.stdout.write(`${(!ratioTarget || ratio >= 0.5) && store.p99 < 25 ? 'TARGETS MET' : 'TARGETS MISSED'}\n`);
} finally {
  await server.stop();
  await server.cleanup();
  if (beforeServer) {
    await beforeServer.stop();
    await beforeServer.cleanup();
  }
  before?.remove();
  rmSync(templatesDir, { recursive: true, force: true });
}
