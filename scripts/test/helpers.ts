import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the operator scripts as a child process, the way `npm run …` does (through tsx). */
export function runScript(script: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', rej);
    child.once('close', (code) => res({ code, stdout, stderr }));
  });
}

/** A temporary directory and the environment of a CLI working on a SQLite file inside it. */
export function tempEnv(): { dir: string; env: Record<string, string>; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-scripts-'));
  return {
    dir,
    env: {
      DATABASE_URL: `sqlite:${join(dir, 'hailong.db')}`,
      APP_SECRET: 'scripts-test-secret-scripts-test-secret-00',
      PUBLIC_URL: 'https://hailong.example.vn',
      ZALO_MINI_APP_ID: '1234567890123456789',
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
