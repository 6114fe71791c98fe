import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TalliesReport } from '../src/services/tallies.service.ts';
import { webhookMac } from '../src/zalo/signature.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';
import { useTestbed } from './helpers/testbed.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const started: ServerProcess[] = [];
afterEach(async () => {
  // The first process owns the database; clean the others first.
  for (const s of started.splice(0).reverse()) await s.cleanup();
});

type Body = { token: string; clientId: string; answers: Record<string, number> };
const body = (token: string, level: number): Body => ({
  token,
  clientId: crypto.randomUUID(),
  answers: { overall: level, access: 5, attitude: level, responsibility: 4, guidance: 3 },
});
const post = (url: string, b: Body) =>
  fetch(`${url}/api/public/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });

async function twoReplicas(): Promise<[ServerProcess, ServerProcess]> {
  const a = await startServerProcess();
  started.push(a);
  const b = await startServerProcess({ dbUrl: a.dbUrl, dataDir: a.dataDir });
  started.push(b);
  return [a, b];
}

function verify(dbUrl: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: dbUrl, APP_SECRET: 'process-secret-process-secret-0000000000' },
    encoding: 'utf8',
  });
}

async function talliesTotal(s: ServerProcess): Promise<TalliesReport> {
  const login = (await (await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(s.demo.clerk) })).json()) as { token: string };
  return (await (await fetch(`${s.url}/api/units/${s.demo.unitId}/tallies`, { headers: { authorization: `Bearer ${login.token}` } })).json()) as TalliesReport;
}

describe('two backend processes on one database', () => {
  it('keep one linear hash chain and exact tallies under concurrent load', async () => {
    const [a, b] = await twoReplicas();
    expect(b.demo.counterToken).toBe(a.demo.counterToken);
    const levels = [0, 0, 0, 0, 0];
    let sent = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        while (sent < 400) {
          const level = (sent++ % 5) + 1;
          const res = await post(w % 2 ? a.url : b.url, body(w % 3 ? a.demo.counterToken : a.demo.deskToken, level));
          expect(res.status).toBe(201);
          levels[level - 1]!++;
        }
      }),
    );
    const r = await talliesTotal(a);
    expect(r.total.responses).toBe(400);
    expect([r.total.levels['1'], r.total.levels['2'], r.total.levels['3'], r.total.levels['4'], r.total.levels['5']]).toEqual(levels);
    const v = verify(a.dbUrl);
    expect(v.stdout).toContain('OK: 1 units, 400 responses, 0 differences');
  });

  it('lose no acknowledged response when one is killed with SIGKILL under load; the other keeps serving', async () => {
    const [a, b] = await twoReplicas();
    const acked = new Map<string, { id: string; b: Body }>();
    let aDead = false;
    let servedByBAfterKill = 0;
    let stop = false;
    const workers = Array.from({ length: 16 }, async (_, w) => {
      while (!stop) {
        const target = w % 2 && !aDead ? a.url : b.url;
        const x = body(a.demo.counterToken, 1 + (w % 5));
        try {
          const res = await post(target, x);
          if (res.status === 201) {
            acked.set(x.clientId, { id: ((await res.json()) as { id: string }).id, b: x });
            if (aDead && target === b.url) servedByBAfterKill++;
          } else expect(res.status).toBe(201);
        } catch {
          // A request in flight to the killed process; its client retries elsewhere.
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1200));
    await a.kill();
    aDead = true;
    await new Promise((r) => setTimeout(r, 1200));
    stop = true;
    await Promise.all(workers);
    expect(servedByBAfterKill).toBeGreaterThan(10);
    for (const { id, b: x } of acked.values()) {
      const res = await post(b.url, x);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(id);
    }
    const r = await talliesTotal(b);
    expect(r.total.responses).toBeGreaterThanOrEqual(acked.size);
    await b.stop();
    const v = verify(a.dbUrl);
    expect(v.status, v.stdout).toBe(0);
  });
});

describe('two backend processes with the alert pipeline', () => {
  const bed = useTestbed({ zalo: true, db: false });
  it('send each alert exactly once under concurrent load on both', async () => {
    const env = bed.fake.env({ ALERT_POLL_MS: '100', ALERT_NOTIFY_CLERK: 'false', ALERT_DIGEST_TIME: '23:59' });
    const a = await startServerProcess({ env });
    started.push(a);
    const b = await startServerProcess({ env, dbUrl: a.dbUrl, dataDir: a.dataDir });
    started.push(b);
    // Link the chairman through replica A (code) and the webhook on replica B.
    const login = (await (await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a.demo.chairman) })).json()) as { token: string };
    const { code } = (await (await fetch(`${a.url}/api/auth/zalo-link`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: '{}' })).json()) as { code: string };
    const event = { app_id: bed.fake.appId, user_id_by_app: 'app-chair', event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: 'z-chair' }, recipient: { id: 'oa' }, message: { text: code, msg_id: 'm-link' } };
    const raw = JSON.stringify(event);
    const mac = webhookMac(bed.fake.appId, new TextEncoder().encode(raw), event.timestamp, bed.fake.oaSecretKey);
    expect((await fetch(`${b.url}/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` }, body: raw })).status).toBe(200);
    const until = async (check: () => boolean) => {
      const end = Date.now() + 30_000;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out; messages: ${bed.fake.messagesTo('z-chair').length}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await until(() => bed.fake.messagesTo('z-chair').length === 1);

    // 40 very low ratings, each with a unique comment, through both replicas at once.
    const N = 40;
    await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const x = { ...body(a.demo.counterToken, 1), comment: `phản ánh số ${i}#` };
        const res = await post(i % 2 ? a.url : b.url, x);
        expect(res.status).toBe(201);
      }),
    );
    await until(() => bed.fake.messagesTo('z-chair').length >= 1 + N);
    await new Promise((r) => setTimeout(r, 1500)); // time for a duplicate to show up, if any
    const texts = bed.fake.messagesTo('z-chair');
    for (let i = 0; i < N; i++) expect(texts.filter((t) => t.includes(`phản ánh số ${i}#`)), `alert ${i}`).toHaveLength(1);
    expect(texts).toHaveLength(1 + N);
  });
});
