// `npm run bench:ingest`: one national day through HTTP — 330,000 responses over 3,300 units.
// Units are created through the domain code; the responses go through POST /api/public/responses
// of real server processes (--replicas N share one database). Target: < 60 s.
// The bodies are built before the clock starts: the load generator shares the server's cores,
// and what it spends per request (JSON, UUIDs) is not the server's cost. For the same reason
// Debian's wrk sends them when installed (see wrk.ts). BENCH_EXTRA_ENV as for npm run bench.
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { newClientId } from '../../mini-app/src/services/offline/client-id.ts';
import { realisticLevel } from './level-mix.ts';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { createTestDatabaseUrl } from '../../backend/test/helpers/test-database.ts';
import { createUnits } from './generate-lib.ts';
import { openDeps } from './open-deps.ts';
import { processCpuSeconds, runWrk, wrkAvailable, writeBodies } from './wrk.ts';
import { benchExtraEnv } from './extra-env.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '3300' },
    responses: { type: 'string', default: '330000' },
    replicas: { type: 'string', default: '1' },
    connections: { type: 'string', default: '64' },
    postgres: { type: 'string' },
    /** v4: random UUIDs (any client); app: UUIDv7 as the Mini App makes them (time first). */
    'client-ids': { type: 'string', default: 'v4' },
    /** wrk (Debian's; the default when installed) or autocannon, which takes about twice the CPU per request. */
    generator: { type: 'string' },
  },
});
if (values['client-ids'] !== 'v4' && values['client-ids'] !== 'app') throw new Error('--client-ids must be v4 or app');
const generator = values.generator ?? (wrkAvailable() ? 'wrk' : 'autocannon');
if (generator !== 'wrk' && generator !== 'autocannon') throw new Error('--generator must be wrk or autocannon');
// Asked for by name: check it is there (the default above already looked).
if (values.generator === 'wrk' && !wrkAvailable()) throw new Error('--generator wrk: wrk is not installed (apt-get install wrk)');
const unitCount = Number(values.units);
const total = Number(values.responses);
const replicas = Number(values.replicas);
const SECRET = 'process-secret-process-secret-0000000000';

if (values.postgres) process.env['TEST_DATABASE_URL'] = values.postgres;
const dir = mkdtempSync(join(tmpdir(), 'hailong-ingest-'));
const db = await createTestDatabaseUrl();
const dbUrl = db.url.startsWith('sqlite:') ? `sqlite:${join(dir, 'ingest.db')}` : db.url;

const deps = await openDeps(dbUrl, { APP_SECRET: SECRET, LOG_LEVEL: 'warn' });
const t0 = performance.now();
const units = await createUnits(deps, unitCount, { prefix: 'nat' });
await deps.close();
process.stdout.write(`${unitCount} units created in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${dbUrl.split(':')[0]}\n`);

// Each replica's load generator sends exactly perReplica requests.
const perReplica = Math.ceil(total / replicas);
const bodies = Array.from({ length: perReplica * replicas }, (_, i) => {
  const u = units[i % units.length]!;
  const level = realisticLevel(i);
  return JSON.stringify({
    token: u.token,
    clientId: values['client-ids'] === 'app' ? newClientId() : crypto.randomUUID(),
    officerId: u.officers[i % u.officers.length]!.id,
    answers: { overall: level, access: 5, attitude: level, responsibility: 4, guidance: 4 },
  });
});
const bodyFiles = Array.from({ length: replicas }, (_, r) => join(dir, `bodies-${r}.txt`));
if (generator === 'wrk') bodyFiles.forEach((f, r) => writeBodies(f, bodies.slice(r * perReplica, (r + 1) * perReplica)));
process.stdout.write(`${bodies.length} request bodies built (client ids: ${values['client-ids'] === 'app' ? 'UUIDv7 as the Mini App makes them' : 'random v4'}; sent by ${generator})\n`);

interface Driven {
  ok: number;
  bad: number;
  p99Ms: number;
  /** When the last answer came, ms after the start. */
  lastAnswerMs: number;
  /** CPU a wrk process spent (s); autocannon runs in this process, measured as a whole. */
  generatorCpu: number;
}

const servers: ServerProcess[] = [];
try {
  const env = { SEED_DEMO: 'false', APP_SECRET: SECRET, ...benchExtraEnv() };
  for (let r = 0; r < replicas; r++) servers.push(await startServerProcess({ dbUrl, dataDir: dir, demo: false, env }));
  const connections = Math.ceil(Number(values.connections) / replicas);
  const cpuBefore = servers.map((s) => processCpuSeconds(s.child.pid!));
  let next = 0;
  const started = performance.now();
  const drive = async (s: ServerProcess, r: number): Promise<Driven> => {
    const url = `${s.url}/api/public/responses`;
    if (generator === 'wrk') {
      const w = await runWrk({ url, bodiesFile: bodyFiles[r]!, connections });
      if (w.failures) process.stdout.write(`replica ${r}: first failures: ${w.failures}\n`);
      return { ok: w.ok, bad: w.non2xx + w.socketErrors + w.timeouts, p99Ms: w.p99Us / 1000, lastAnswerMs: w.allAnsweredAt - started, generatorCpu: w.cpuSeconds };
    }
    // autocannon resolves on its next 1-second sampling tick after the last answer: time the
    // ingest to the last answer itself.
    let lastAnswer = started;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const run = autocannon(
        {
          url,
          connections,
          amount: perReplica,
          requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: bodies[next++]! }) }],
        },
        (err: unknown, res: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
      );
      run.on('response', () => (lastAnswer = performance.now()));
    });
    return { ok: result['2xx'], bad: result.non2xx + result.errors, p99Ms: result.latency.p99, lastAnswerMs: lastAnswer - started, generatorCpu: 0 };
  };
  const benchCpu = process.cpuUsage();
  const results = await Promise.all(servers.map(drive));
  const ownCpu = process.cpuUsage(benchCpu);
  const generatorCpu = generator === 'wrk' ? results.reduce((n, r) => n + r.generatorCpu, 0) : (ownCpu.user + ownCpu.system) / 1e6;
  const secs = Math.max(...results.map((r) => r.lastAnswerMs)) / 1000;
  const serverCpu = servers.reduce((sum, s, i) => sum + processCpuSeconds(s.child.pid!) - cpuBefore[i]!, 0);
  const ok = results.reduce((n, r) => n + r.ok, 0);
  const bad = results.reduce((n, r) => n + r.bad, 0);
  const p99 = Math.max(...results.map((r) => r.p99Ms));
  const check = await openDeps(dbUrl, { APP_SECRET: SECRET, LOG_LEVEL: 'warn' });
  const stored = Number((await check.db.kysely.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await check.close();
  process.stdout.write(
    [
      `ingest: ${ok} responses acknowledged (${bad} failed) over ${unitCount} units by ${replicas} replica(s) in ${secs.toFixed(1)} s`,
      // At saturation wrk's p99 runs far above autocannon's and above the server's own histogram
      // (all under 100 ms in a 100,000-response run whose wrk p99 was 1 s): read it as wrk's.
      `  ${Math.round(ok / secs)} req/s, p99 ${p99.toFixed(1)} ms as ${generator} saw it; stored rows: ${stored}`,
      `  server CPU: ${serverCpu.toFixed(1)} s (${((serverCpu / ok) * 1e6).toFixed(0)} µs a response, all threads); load generator (${generator}): ${generatorCpu.toFixed(1)} s`,
      `  target < 60 s: ${secs < 60 ? 'MET' : 'MISSED'} (ratio to target ${(secs / 60).toFixed(2)})`,
      '',
    ].join('\n'),
  );
} finally {
  for (const s of servers) await s.stop();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
