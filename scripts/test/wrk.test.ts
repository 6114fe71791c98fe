import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ID_PLACEHOLDER, runWrk, runWrkTimed, wrkAvailable, writeBodies, writeTemplates } from '../load/wrk.ts';

// The benches' load generator: Debian's wrk (.ci/run installs it) with wrk-bodies.lua (ingest: each
// body sent exactly once, every answer counted) and wrk-timed.lua (npm run bench: fresh clientIds).
let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await new Promise<void>((res) => (server ? server.close(() => res()) : res()));
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A server that records each body and answers 201, or 409 for a body holding "reject". */
async function recordingServer(): Promise<{ url: string; bodies: string[]; methods: Set<string>; types: Set<string> }> {
  const bodies: string[] = [];
  const methods = new Set<string>();
  const types = new Set<string>();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      bodies.push(body);
      methods.add(req.method ?? '');
      types.add(req.headers['content-type'] ?? '');
      // Some answers wait, so that connections finish out of order.
      const answer = body.includes('reject') ? [409, '{"error":{"message":"Đã có \\"câu trả lời\\"\\n\\\\"}}'] as const : [201, '{}'] as const;
      setTimeout(() => res.writeHead(answer[0], { 'content-type': 'application/json' }).end(answer[1]), bodies.length % 7 === 0 ? 5 : 0);
    });
  });
  await new Promise<void>((res) => server!.listen(0, '127.0.0.1', res));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/api/public/responses`, bodies, methods, types };
}

describe('runWrk (wrk + wrk-bodies.lua)', () => {
  it('is installed (apt-get install wrk; .ci/run does)', () => {
    expect(wrkAvailable()).toBe(true);
  });

  it.each([
    { threads: 1, connections: 16 },
    { threads: 2, connections: 64 },
  ])('POSTs every body exactly once and counts every answer ($threads thread(s), $connections connections)', async ({ threads, connections }) => {
    const srv = await recordingServer();
    dir = mkdtempSync(join(tmpdir(), 'hailong-wrk-'));
    const sent = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ n: i, text: i % 500 === 0 ? 'reject' : 'Rất hài lòng' }));
    const file = join(dir, 'bodies.txt');
    writeBodies(file, sent);
    const started = performance.now();
    const result = await runWrk({ url: srv.url, bodiesFile: file, connections, threads, maxSeconds: 60 });

    // Fewer than the number of connections too many or too few would pass a count check alone.
    expect([...srv.bodies].sort()).toEqual([...sent].sort());
    expect(srv.methods).toEqual(new Set(['POST']));
    expect(srv.types).toEqual(new Set(['application/json']));
    expect(result).toMatchObject({ answered: 3000, ok: 2994, non2xx: 6, socketErrors: 0, timeouts: 0 });
    // The failures' own text, quotes and backslashes included, comes through wrk's JSON line.
    expect(result.failures.match(/409 \{'error':\{'message':'Đã có /g)).toHaveLength(6);
    // It stops when the last answer is in, not when -d runs out.
    expect(result.allAnsweredAt - started).toBeLessThan(30_000);
    expect(result.p99Us).toBeGreaterThanOrEqual(result.p50Us);
    expect(result.cpuSeconds).toBeGreaterThanOrEqual(0);
  });

  it('refuses a body holding a newline (the file holds one body per line)', () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-wrk-'));
    expect(() => writeBodies(join(dir!, 'b.txt'), ['{"a":1}', '{"a":\n2}'])).toThrow(/newline/);
  });

  it('fails with wrk\'s own message when nothing listens', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-wrk-'));
    const file = join(dir, 'bodies.txt');
    writeBodies(file, ['{}']);
    await expect(runWrk({ url: 'http://127.0.0.1:1/x', bodiesFile: file, connections: 1, maxSeconds: 2 })).rejects.toThrow(/wrk failed .*unable to connect/);
  });

  it('fails, saying how far it got, when answers stop coming', async () => {
    let seen = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (++seen <= 10) res.writeHead(201).end('{}');
        // then never answers: wrk's threads cannot finish
      });
    });
    await new Promise<void>((res) => server!.listen(0, '127.0.0.1', res));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    dir = mkdtempSync(join(tmpdir(), 'hailong-wrk-'));
    const file = join(dir, 'bodies.txt');
    writeBodies(file, Array.from({ length: 50 }, (_, i) => `{"n":${i}}`));
    await expect(runWrk({ url: `http://127.0.0.1:${address.port}/x`, bodiesFile: file, connections: 4, maxSeconds: 2 })).rejects.toThrow(
      /wrk stopped after 2 s with bodies unanswered: 10 answered/,
    );
    server.closeAllConnections();
  });
});

describe('runWrkTimed (wrk + wrk-timed.lua)', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it.each([{ threads: 1 }, { threads: 2 }])('sends the templates in turn, each with its own random v4 clientId, for the time asked ($threads thread(s))', async ({ threads }) => {
    const srv = await recordingServer();
    dir = mkdtempSync(join(tmpdir(), 'hailong-wrk-'));
    const templates = ['a', 'b', 'c', 'reject'].map((t) => JSON.stringify({ clientId: CLIENT_ID_PLACEHOLDER, t, text: 'Rất hài lòng' }));
    const file = join(dir, 'templates.txt');
    writeTemplates(file, templates);
    const started = performance.now();
    const result = await runWrkTimed({ url: srv.url, templatesFile: file, connections: 8, seconds: 2, threads });
    const took = performance.now() - started;

    expect(took).toBeGreaterThan(1900);
    expect(took).toBeLessThan(15_000);
    // wrk counts what it got answers for; a request cut off at the end may have reached the server.
    expect(srv.bodies.length).toBeGreaterThanOrEqual(result.answered);
    expect(srv.bodies.length).toBeLessThanOrEqual(result.answered + 8);
    expect(result.answered).toBeGreaterThan(100);
    const parsed = srv.bodies.map((b) => JSON.parse(b) as { clientId: string; t: string });
    const ids = parsed.map((p) => p.clientId);
    expect(ids.every((id) => V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Apart from the clientId, every body is one of the templates, and all of them are used about equally.
    expect(new Set(srv.bodies.map((b, i) => b.replace(ids[i]!, CLIENT_ID_PLACEHOLDER)))).toEqual(new Set(templates));
    const rejects = parsed.filter((p) => p.t === 'reject').length;
    expect(rejects / parsed.length).toBeGreaterThan(0.2);
    expect(rejects / parsed.length).toBeLessThan(0.3);
    expect(result.non2xx).toBeGreaterThanOrEqual(rejects - 8);
    expect(result.non2xx).toBeLessThanOrEqual(rejects);
    expect(result.ok + result.non2xx).toBe(result.answered);
    expect(result.failures).toMatch(/^409 \{'error'/);
    expect(result.p99Us).toBeGreaterThanOrEqual(result.p50Us);
    expect(srv.types).toEqual(new Set(['application/json']));
  });

  it('gives each run its own clientIds', async () => {
    const srv = await recordingServer();
    dir = mkdtempSync(join(tmpdir(), 'hailong-wrk-'));
    const file = join(dir, 'templates.txt');
    writeTemplates(file, [JSON.stringify({ clientId: CLIENT_ID_PLACEHOLDER })]);
    await runWrkTimed({ url: srv.url, templatesFile: file, connections: 2, seconds: 1 });
    const first = srv.bodies.splice(0);
    await runWrkTimed({ url: srv.url, templatesFile: file, connections: 2, seconds: 1 });
    const ids = new Set(first.concat(srv.bodies).map((b) => (JSON.parse(b) as { clientId: string }).clientId));
    expect(ids.size).toBe(first.length + srv.bodies.length);
  });

  it('refuses a template without the placeholder clientId, or with it twice', () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-wrk-'));
    const file = join(dir!, 't.txt');
    expect(() => writeTemplates(file, ['{"clientId":"x"}'])).toThrow(/placeholder/);
    expect(() => writeTemplates(file, [`{"a":"${CLIENT_ID_PLACEHOLDER}","b":"${CLIENT_ID_PLACEHOLDER}"}`])).toThrow(/placeholder/);
    expect(() => writeTemplates(file, [])).toThrow(/placeholder/);
  });

  it("fails with wrk's own message when nothing listens", async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-wrk-'));
    const file = join(dir, 'templates.txt');
    writeTemplates(file, [JSON.stringify({ clientId: CLIENT_ID_PLACEHOLDER })]);
    await expect(runWrkTimed({ url: 'http://127.0.0.1:1/x', templatesFile: file, connections: 1, seconds: 1 })).rejects.toThrow(/wrk failed .*unable to connect/);
  });
});
