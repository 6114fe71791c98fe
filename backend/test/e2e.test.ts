import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/create-db.ts';
import type { TalliesReport } from '../src/services/tallies.service.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const started: ServerProcess[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.cleanup();
});

async function start(opts: Parameters<typeof startServerProcess>[0] = {}) {
  const s = await startServerProcess(opts);
  started.push(s);
  return s;
}

function body(token: string, overall: number, officerId?: string) {
  return {
    token,
    clientId: crypto.randomUUID(),
    ...(officerId ? { officerId } : {}),
    answers: { overall, access: overall, attitude: 4, responsibility: 3, guidance: 5 },
  };
}

async function post(url: string, b: unknown): Promise<Response> {
  return fetch(`${url}/api/public/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
}

function runVerify(dbUrl: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: dbUrl, APP_SECRET: 'process-secret-process-secret-0000000000' },
    encoding: 'utf8',
  });
}

describe('the real server process (npm start entry point)', () => {
  it('keeps tallies equal to an independent count under concurrent posting', async () => {
    const s = await start();
    const points = (await (await fetch(`${s.url}/api/public/points/${s.demo.counterToken}`)).json()) as { officers: { id: string }[] };
    const officers = points.officers.map((o) => o.id);
    const expected = new Map<string, number[]>(); // officer → counts per level 1..5
    const jobs = Array.from({ length: 300 }, (_, i) => ({ officer: officers[i % officers.length]!, level: ((i * 7) % 5) + 1 }));
    let next = 0;
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          const res = await post(s.url, body(s.demo.counterToken, job.level, job.officer));
          expect(res.status).toBe(201);
          const row = expected.get(job.officer) ?? [0, 0, 0, 0, 0];
          row[job.level - 1]!++;
          expected.set(job.officer, row);
        }
      }),
    );
    const login = (await (await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(s.demo.clerk) })).json()) as { token: string };
    const r = (await (await fetch(`${s.url}/api/units/${s.demo.unitId}/tallies`, { headers: { authorization: `Bearer ${login.token}` } })).json()) as TalliesReport;
    expect(r.total.responses).toBe(300);
    for (const [officer, levels] of expected) {
      const o = r.officers.find((x) => x.officerId === officer)!;
      expect([o.levels['1'], o.levels['2'], o.levels['3'], o.levels['4'], o.levels['5']]).toEqual(levels);
    }
    await s.stop();
    const v = runVerify(s.dbUrl);
    expect(v.stdout).toContain('OK: 1 units, 300 responses, 0 differences');
    expect(v.status).toBe(0);
  });

  it('loses no acknowledged response when killed with SIGKILL during concurrent posting', async () => {
    const s = await start();
    const acked = new Map<string, { id: string; body: ReturnType<typeof body> }>();
    let stop = false;
    const workers = Array.from({ length: 16 }, async () => {
      while (!stop) {
        const b = body(s.demo.counterToken, 1 + Math.floor(Math.random() * 5));
        try {
          const res = await post(s.url, b);
          if (res.status === 201) acked.set(b.clientId, { id: ((await res.json()) as { id: string }).id, body: b });
        } catch {
          return; // the connection died with the process
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    await s.kill();
    stop = true;
    await Promise.all(workers);
    expect(acked.size).toBeGreaterThan(20);

    // Restart on the same file: every 201 is still there, with the same id.
    const again = await start({ dbUrl: s.dbUrl, dataDir: s.dataDir });
    for (const { id, body: b } of acked.values()) {
      const res = await post(again.url, b);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(id);
    }
    await again.stop();
    const db = createDb(s.dbUrl);
    const stored = await db.kysely.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await db.close();
    expect(Number(stored.n)).toBeGreaterThanOrEqual(acked.size);
    const v = runVerify(s.dbUrl);
    expect(v.status, v.stdout + v.stderr).toBe(0);
  });

  it('`npm run verify` exits non-zero after one stored answer is altered', async () => {
    const s = await start();
    for (let i = 0; i < 5; i++) expect((await post(s.url, body(s.demo.deskToken, 4))).status).toBe(201);
    await s.stop();
    expect(runVerify(s.dbUrl).status).toBe(0);
    const db = createDb(s.dbUrl);
    await sql`update responses set answers = ${'{"access":4,"attitude":4,"guidance":5,"overall":1,"responsibility":3}'} where seq = 3`.execute(db.kysely);
    await db.close();
    const v = runVerify(s.dbUrl);
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(/DIFF nam-dong \[chain\]/);
    expect(v.stdout).toMatch(/FAILED/);
  });

  it('enforces body size, content type and JSON over a real socket (declared and chunked bodies)', async () => {
    const s = await start();
    const big = JSON.stringify({ ...body(s.demo.counterToken, 5), comment: 'x'.repeat(40_000) });
    const declared = await post(s.url, JSON.parse(big) as ReturnType<typeof body>);
    expect(declared.status).toBe(413);
    // Chunked (no Content-Length): the limit is counted while reading.
    const chunked = await fetch(`${s.url}/api/public/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(ctl) {
          for (let i = 0; i < 40; i++) ctl.enqueue(new TextEncoder().encode('x'.repeat(1000)));
          ctl.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    const wrongType = await fetch(`${s.url}/api/public/responses`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    const broken = await fetch(`${s.url}/api/public/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":' });
    expect(broken.status).toBe(400);
    const ok = await post(s.url, body(s.demo.counterToken, 4));
    expect(ok.status).toBe(201);
  });

  it('stops with a readable message on bad configuration', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', PORT: 'eighty', DATABASE_URL: 'mysql://x', HAILONG_SKIP_APP_BUILD: '1' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('invalid configuration');
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL');
  });
});
