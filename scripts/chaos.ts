// `npm run chaos`: the attack run of issue 23, repeatable. Against real server processes on
// 127.0.0.1 only, each part bounded in count and time:
//   1. kill -9 under load (--kills rounds): every acknowledged response must survive the restart;
//   2. a full disk (a small tmpfs, where the machine lets root mount one): 503s, no 500s, writes
//      resume once space is freed, nothing acknowledged lost;
//   3. slow clients: more idle slow-body sockets from one address than it may hold, while another
//      address asks /healthz.
// Prints acknowledged, stored, lost and the verify result of each part; exit 1 if anything
// acknowledged was lost or verify failed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../backend/src/db/create-db.ts';
import { startServerProcess, type ServerProcess } from '../backend/test/helpers/server-process.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SECRET = 'process-secret-process-secret-0000000000';
const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '4' },
    'load-seconds': { type: 'string', default: '2' },
    'slow-sockets': { type: 'string', default: '300' },
    skip: { type: 'string', multiple: true, default: [] },
  },
});
const skip = new Set(args.skip);
let failed = false;
const line = (s: string) => process.stdout.write(`${s}\n`);

function body(token: string) {
  const overall = 1 + Math.floor(Math.random() * 5);
  return { token, clientId: crypto.randomUUID(), answers: { overall, access: overall, attitude: 4, responsibility: 3, guidance: 5 } };
}

async function post(url: string, b: unknown): Promise<Response> {
  return fetch(`${url}/api/public/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
}

function verify(dbUrl: string): { ok: boolean; summary: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: dbUrl, APP_SECRET: SECRET },
    encoding: 'utf8',
  });
  const summary = (r.stdout.trim().split('\n').at(-1) ?? r.stderr.trim()).slice(0, 200);
  return { ok: r.status === 0, summary };
}

async function storedAmong(dbUrl: string, clientIds: string[]): Promise<number> {
  const db = createDb(dbUrl, { sqliteCheckpointMs: 0 });
  try {
    let n = 0;
    for (let i = 0; i < clientIds.length; i += 500) {
      const rows = await db.kysely.selectFrom('responses').select('client_id').where('client_id', 'in', clientIds.slice(i, i + 500)).execute();
      n += rows.length;
    }
    return n;
  } finally {
    await db.close();
  }
}

/** Posts from `workers` loops until `until()`; returns the clientIds answered 201/200 and the other statuses seen. */
async function load(url: string, token: string, workers: number, until: () => boolean): Promise<{ acked: string[]; statuses: Map<number, number> }> {
  const acked: string[] = [];
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!until()) {
        const b = body(token);
        try {
          const res = await post(url, b);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201 || res.status === 200) acked.push(b.clientId);
          await res.arrayBuffer();
        } catch {
          return; // the connection died with the process
        }
      }
    }),
  );
  return { acked, statuses };
}

const fmt = (m: Map<number, number>) => [...m.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');

async function killUnderLoad(): Promise<void> {
  const rounds = Number(args.kills);
  const dataDir = mkdtempSync(join(tmpdir(), 'hailong-chaos-'));
  let server = await startServerProcess({ dataDir });
  const dbUrl = server.dbUrl;
  const all: string[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const deadline = Date.now() + Number(args['load-seconds']) * 1000 * (0.5 + Math.random());
      let killed = false;
      const running = load(server.url, server.demo.counterToken, 16, () => killed);
      await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())));
      await server.kill();
      killed = true;
      const { acked } = await running;
      all.push(...acked);
      server = await startServerProcess({ dbUrl, dataDir });
      const stored = await storedAmong(dbUrl, acked);
      line(`kill -9 round ${round}/${rounds}: acknowledged ${acked.length}, stored ${stored}, lost ${acked.length - stored}`);
      if (stored !== acked.length) failed = true;
    }
  } finally {
    await server.stop();
  }
  const stored = await storedAmong(dbUrl, all);
  const v = verify(dbUrl);
  line(`kill -9 total: acknowledged ${all.length}, stored ${stored}, lost ${all.length - stored}; verify: ${v.summary}`);
  if (stored !== all.length || !v.ok) failed = true;
  rmSync(dataDir, { recursive: true, force: true });
}

async function fullDisk(): Promise<void> {
  const mount = mkdtempSync(join(tmpdir(), 'hailong-chaos-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mount], { stdio: 'pipe' });
  } catch (err) {
    line(`full disk: skipped (cannot mount a tmpfs here: ${String((err as { stderr?: Buffer }).stderr ?? err).trim().split('\n')[0]})`);
    rmSync(mount, { recursive: true, force: true });
    return;
  }
  const dataDir = join(mount, 'data');
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess({ dataDir, env: { LOG_LEVEL: 'info' } });
    // Fill what is left but a few hundred KB, so the database runs out of room under load.
    const filler = join(mount, 'filler');
    const free = Number(execFileSync('df', ['--output=avail', '-B1', mount], { encoding: 'utf8' }).trim().split('\n')[1]);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - 768 * 1024)));
    let stop = false;
    const full = load(server.url, server.demo.counterToken, 8, () => stop);
    // Until the server says 503 (or 20 s): the disk is full.
    const until = Date.now() + 20_000;
    let health = 0;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      health = (await fetch(`${server.url}/healthz`)).status;
      if (health === 503) break;
    }
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    const during = await full;
    const errorLines = server.output().split('\n').filter((l) => l.includes('"level":"error"'));
    line(`full disk: ${fmt(during.statuses)}; /healthz ${health}; error log lines ${errorLines.length}${errorLines.some((l) => l.includes('SQLITE_FULL')) ? ' (SQLITE_FULL)' : ''}; "cannot rollback" lines ${server.output().split('cannot rollback').length - 1}`);
    if ((during.statuses.get(500) ?? 0) > 0) failed = true;
    // Space comes back: writes resume by themselves.
    unlinkSync(filler);
    stop = false;
    const after = load(server.url, server.demo.counterToken, 4, () => stop);
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    const resumed = await after;
    const healthAfter = (await fetch(`${server.url}/healthz`)).status;
    await server.stop();
    const acked = [...during.acked, ...resumed.acked];
    const stored = await storedAmong(server.dbUrl, acked);
    const v = verify(server.dbUrl);
    line(`full disk, space freed: ${fmt(resumed.statuses)}; /healthz ${healthAfter}; acknowledged ${acked.length}, stored ${stored}, lost ${acked.length - stored}; verify: ${v.summary}`);
    if (stored !== acked.length || !v.ok || (resumed.statuses.get(201) ?? 0) === 0) failed = true;
  } finally {
    await server?.cleanup();
    try {
      execFileSync('umount', [mount]);
    } catch {
      /* already gone */
    }
    rmSync(mount, { recursive: true, force: true });
  }
}

function openFrom(port: number, localAddress: string): Promise<Socket | null> {
  return new Promise((res) => {
    const s = connect({ port, host: '127.0.0.1', localAddress });
    s.once('connect', () => res(s));
    s.once('error', () => res(null));
  });
}

function healthzFrom(port: number, localAddress: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((res) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', localAddress, agent: false, timeout: 5000 }, (r) => {
      r.resume();
      res({ status: r.statusCode ?? 0, ms: Math.round(performance.now() - started) });
    });
    req.once('error', () => res({ status: 0, ms: Math.round(performance.now() - started) }));
    req.once('timeout', () => req.destroy());
    req.end();
  });
}

async function slowClients(): Promise<void> {
  const server = await startServerProcess({ env: { HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '3000' } });
  try {
    const port = Number(new URL(server.url).port);
    const wanted = Number(args['slow-sockets']);
    const sockets: Socket[] = [];
    let closedByServer = 0;
    for (let i = 0; i < wanted; i++) {
      const s = await openFrom(port, '127.0.0.66');
      if (!s) continue;
      s.on('error', () => {});
      s.once('close', () => closedByServer++);
      s.write('POST /api/public/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{');
      sockets.push(s);
    }
    const drip = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write(' ');
    }, 500);
    await new Promise((r) => setTimeout(r, 300));
    const refusedEarly = closedByServer;
    const other = await healthzFrom(port, '127.0.0.67');
    await new Promise((r) => setTimeout(r, 6500));
    clearInterval(drip);
    const own = await healthzFrom(port, '127.0.0.66');
    line(
      `slow clients: ${sockets.length} slow-body sockets from one address, ${refusedEarly} closed on arrival (cap), all ${closedByServer} closed within the request timeout; /healthz from another address ${other.status} in ${other.ms} ms, from the same address afterwards ${own.status}`,
    );
    for (const s of sockets) s.destroy();
    if (other.status !== 200 || own.status !== 200 || closedByServer < sockets.length) failed = true;
  } finally {
    await server.cleanup();
  }
}

if (!skip.has('kill')) await killUnderLoad();
if (!skip.has('disk')) await fullDisk();
if (!skip.has('slow')) await slowClients();
line(failed ? 'CHAOS: FAILED' : 'CHAOS: OK (nothing acknowledged was lost; verify passed)');
process.exitCode = failed ? 1 : 0;
