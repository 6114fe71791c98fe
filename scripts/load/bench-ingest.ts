// `npm run bench:ingest`: one national day through HTTP — 330,000 responses over 3,300 units.
// Units are created through the domain code; the responses go through POST /api/public/responses
// of real server processes (--replicas N share one database). Target: < 60 s.
// The bodies are built before the clock starts: the load generator shares the server's cores,
// and what it spends per request (JSON, UUIDs) is not the server's cost.
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { newClientId } from '../../mini-app/src/services/client-id.ts';
import { realisticLevel } from './level-mix.ts';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { createTestDatabaseUrl } from '../../backend/test/helpers/test-database.ts';
import { createUnits } from './generate-lib.ts';
import { openDeps } from './open-deps.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '3300' },
    responses: { type: 'string', default: '330000' },
    replicas: { type: 'string', default: '1' },
    connections: { type: 'string', default: '64' },
    postgres: { type: 'string' },
    /** v4: random UUIDs (any client); app: UUIDv7 as the Mini App makes them (time first). */
    'client-ids': { type: 'string', default: 'v4' },
  },
});
if (values['client-ids'] !== 'v4' && values['client-ids'] !== 'app') throw new Error('--client-ids must be v4 or app');
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

// Each replica's autocannon sends exactly perReplica requests.
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
process.stdout.write(`${bodies.length} request bodies built (client ids: ${values['client-ids'] === 'app' ? 'UUIDv7 as the Mini App makes them' : 'random v4'})\n`);

const servers: ServerProcess[] = [];
try {
  for (let r = 0; r < replicas; r++) servers.push(await startServerProcess({ dbUrl, dataDir: dir, demo: false, env: { SEED_DEMO: 'false', APP_SECRET: SECRET } }));
  let next = 0;
  const started = performance.now();
  // autocannon resolves on its next 1-second sampling tick after the last answer: time the
  // ingest to the last answer itself (the tick's wait is also printed).
  let lastAnswer = started;
  const results = await Promise.all(
    servers.map(
      (s) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const run = autocannon(
            {
              url: `${s.url}/api/public/responses`,
              connections: Math.ceil(Number(values.connections) / replicas),
              amount: perReplica,
              requests: [
                {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  setupRequest: (req) => ({ ...req, body: bodies[next++]! }),
                },
              ],
            },
            (err: unknown, result: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)),
          );
          run.on('response', () => (lastAnswer = performance.now()));
        }),
    ),
  );
  const resolvedSecs = (performance.now() - started) / 1000;
  const secs = (lastAnswer - started) / 1000;
  const ok = results.reduce((n, r) => n + r['2xx'], 0);
  const bad = results.reduce((n, r) => n + r.non2xx + r.errors, 0);
  const p99 = Math.max(...results.map((r) => r.latency.p99));
  const check = await openDeps(dbUrl, { APP_SECRET: SECRET, LOG_LEVEL: 'warn' });
  const stored = Number((await check.db.kysely.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await check.close();
  process.stdout.write(
    [
      `ingest: ${ok} responses acknowledged (${bad} failed) over ${unitCount} units by ${replicas} replica(s) in ${secs.toFixed(1)} s (autocannon done at ${resolvedSecs.toFixed(1)} s)`,
      `  ${Math.round(ok / secs)} req/s, p99 ${p99} ms; stored rows: ${stored}`,
      `  target < 60 s: ${secs < 60 ? 'MET' : 'MISSED'} (ratio to target ${(secs / 60).toFixed(2)})`,
      '',
    ].join('\n'),
  );
} finally {
  for (const s of servers) await s.stop();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
