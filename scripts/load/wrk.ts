// Drives Debian's `wrk` (apt-get install wrk): runWrk POSTs a fixed set of JSON bodies, each
// exactly once (the ingest bench); runWrkTimed POSTs fresh responses for a fixed time (npm run
// bench). The benches share two cores with the server they measure: in the national ingest
// autocannon's process spent 49-62 µs of CPU per request, wrk 25-33 µs (measured), so the server
// gets more of the machine and the figure says more about it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const SCRIPT = fileURLToPath(new URL('./wrk-bodies.lua', import.meta.url));
const TIMED_SCRIPT = fileURLToPath(new URL('./wrk-timed.lua', import.meta.url));
/** What runWrkTimed's templates hold where each request gets its own random clientId. */
export const CLIENT_ID_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';

/** What the Lua script's done() prints. Latencies in µs. */
const WrkResult = z.object({
  durationUs: z.number(),
  answered: z.number(),
  ok: z.number(),
  non2xx: z.number(),
  socketErrors: z.number(),
  timeouts: z.number(),
  p50Us: z.number(),
  p99Us: z.number(),
  maxUs: z.number(),
  failures: z.string(),
});
export type WrkResult = z.infer<typeof WrkResult>;

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk --version prints its usage and exits 1; only a missing binary is "not available".
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Writes bodies for runWrk, one per line (JSON bodies hold no raw newline). */
export function writeBodies(file: string, bodies: readonly string[]): void {
  if (bodies.some((b) => b.includes('\n'))) throw new Error('a body holds a newline; wrk reads one body per line');
  writeFileSync(file, bodies.join('\n') + '\n');
}

/**
 * POSTs every body of `bodiesFile` (see writeBodies) to `url` once over `connections` keep-alive
 * connections, and resolves when all are answered.
 */
export async function runWrk(opts: { url: string; bodiesFile: string; connections: number; threads?: number; maxSeconds?: number }): Promise<WrkResult & { allAnsweredAt: number; cpuSeconds: number }> {
  const threads = opts.threads ?? 1;
  const args = [`-t${threads}`, `-c${Math.max(opts.connections, threads)}`, `-d${opts.maxSeconds ?? 600}s`, '--timeout', '30s', '-s', SCRIPT, opts.url, '--', opts.bodiesFile, String(threads)];
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let threadsDone = 0;
  let allAnsweredAt = Number.NaN;
  let cpuSeconds = Number.NaN;
  child.stdout.on('data', (d: Buffer) => {
    const text = d.toString();
    out += text;
    threadsDone += text.split('wrk-thread-done').length - 1;
    // wrk sleeps out -d even when its threads have stopped: interrupt it, and it reports.
    if (threadsDone === threads && Number.isNaN(allAnsweredAt)) {
      allAnsweredAt = performance.now();
      cpuSeconds = processCpuSeconds(child.pid!);
      child.kill('SIGINT');
    }
  });
  // wrk reports a script error on stderr and runs on, sending nothing, until -d ends: stop it.
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    child.kill('SIGKILL');
  });
  const code = await exitCode(child);
  const result = parseResult(code, out, err);
  if (Number.isNaN(allAnsweredAt)) {
    // A request lost to a socket error is never answered, so its thread never finishes.
    throw new Error(`wrk stopped after ${opts.maxSeconds ?? 600} s with bodies unanswered: ${result.answered} answered, ${result.socketErrors} socket errors, ${result.timeouts} timeouts`);
  }
  return { ...result, allAnsweredAt, cpuSeconds };
}

/** Writes runWrkTimed's templates: bodies each holding CLIENT_ID_PLACEHOLDER once. */
export function writeTemplates(file: string, templates: readonly string[]): void {
  if (templates.length === 0 || templates.some((t) => t.split(CLIENT_ID_PLACEHOLDER).length !== 2)) {
    throw new Error(`every template must hold the placeholder clientId ${CLIENT_ID_PLACEHOLDER} exactly once`);
  }
  writeBodies(file, templates);
}

/**
 * POSTs over `connections` keep-alive connections for `seconds`, each request a template of
 * `templatesFile` (in turn) with a fresh random v4 clientId, and reports what wrk measured.
 */
export async function runWrkTimed(opts: { url: string; templatesFile: string; connections: number; seconds: number; threads?: number }): Promise<WrkResult> {
  const threads = opts.threads ?? 1;
  const seed = randomInt(1, 2 ** 31);
  const args = [`-t${threads}`, `-c${Math.max(opts.connections, threads)}`, `-d${opts.seconds}s`, '--timeout', '30s', '-s', TIMED_SCRIPT, opts.url, '--', opts.templatesFile, String(seed)];
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  // As in runWrk: a script error leaves wrk running, sending nothing, until -d ends.
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    child.kill('SIGKILL');
  });
  return parseResult(await exitCode(child), out, err);
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise<number | null>((res, rej) => {
    child.once('error', rej);
    child.once('exit', res);
  });
}

/** The JSON line the scripts' done() prints, or wrk's own complaint. */
function parseResult(code: number | null, out: string, err: string): WrkResult {
  const line = out.split('\n').find((l) => l.startsWith('{"durationUs"'));
  if (code !== 0 || err !== '' || !line) throw new Error(`wrk failed (exit ${code}): ${err.trim() || out.trim()}`);
  return WrkResult.parse(JSON.parse(line));
}

/** utime + stime of a running process, all its threads, in seconds (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
