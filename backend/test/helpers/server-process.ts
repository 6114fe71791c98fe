import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DemoInfo } from '../../src/services/demo.service.ts';
import { createTestDatabaseUrl } from './test-database.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface ServerProcess {
  url: string;
  dbUrl: string;
  dataDir: string;
  demo: DemoInfo;
  adminToken: string;
  child: ChildProcess;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit (a crash). */
  kill(): Promise<void>;
  /** Removes the temporary files (and the PostgreSQL database). */
  cleanup(): Promise<void>;
  output(): string;
}

/**
 * Runs `npm start`'s own entry point (node scripts/start.mjs) as a child process on a temporary
 * SQLite file (or a fresh PostgreSQL database under TEST_DATABASE_URL) with the demo unit seeded.
 */
export async function startServerProcess(
  opts: {
    env?: Record<string, string>;
    /** Extra node flags, e.g. --cpu-prof for profiling. */
    nodeArgs?: string[];
    dbUrl?: string;
    dataDir?: string;
    /** false: the database holds other units; don't wait for the demo. */
    demo?: boolean;
    /** Another checkout to run (bench --against: an earlier commit's tree); default this one. */
    root?: string;
  } = {},
): Promise<ServerProcess> {
  const root = opts.root ?? ROOT;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hailong-'));
  const db = opts.dbUrl ? { url: opts.dbUrl, drop: async () => {} } : await createTestDatabaseUrl();
  const dbUrl = db.url.startsWith('sqlite::memory:') ? `sqlite:${join(dataDir, 'hailong.db')}` : db.url;
  const adminToken = 'process-admin-token-0123456789';
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '/tmp',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl,
      APP_SECRET: 'process-secret-process-secret-0000000000',
      ADMIN_TOKEN: adminToken,
      SEED_DEMO: 'true',
      RATE_LIMIT_ENABLED: 'false',
      HAILONG_SKIP_APP_BUILD: '1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const ready = new Promise<{ url: string; demo: DemoInfo }>((res, rej) => {
    let url: string | undefined;
    let demo: DemoInfo | undefined;
    let started = false;
    let partial = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      // Only new complete lines, and only until started: re-splitting the whole output on every
      // chunk cost the load generator (bench, soak run in this process) more and more CPU.
      if (started) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        try {
          const j = JSON.parse(line) as { msg?: string; url?: string; demo?: DemoInfo };
          if (j.msg === 'listening' && j.url) url = j.url;
          if (j.msg === 'demo' && j.demo) demo = j.demo;
          if (url && (opts.demo === false || demo)) {
            started = true;
            return res({ url, demo: demo ?? (undefined as unknown as DemoInfo) });
          }
        } catch {
          /* not one of our JSON lines */
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => rej(new Error(`server exited early (${code}):\n${out}`)));
    setTimeout(() => rej(new Error(`server did not start in 30 s:\n${out}`)), 30_000).unref();
  });
  const { url, demo } = await ready;
  return {
    url,
    dbUrl,
    dataDir,
    demo,
    adminToken,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async cleanup() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      await db.drop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
