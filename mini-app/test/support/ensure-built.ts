import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const MINI_APP_DIR = resolve(import.meta.dirname, '../..');
export const WWW_INDEX = join(MINI_APP_DIR, 'www/index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Builds mini-app/www unless it is newer than every source file (the server serves it at /app/). */
export function ensureBuilt(force = false): void {
  const sources = ['src', 'index.html', 'app-config.json', 'vite.config.mts', 'package.json'].map((p) => join(MINI_APP_DIR, p));
  const newestSource = Math.max(...sources.filter((p) => existsSync(p)).map(newestMtime));
  if (!force && existsSync(WWW_INDEX) && statSync(WWW_INDEX).mtimeMs > newestSource) return;
  execFileSync(process.execPath, [viteBin(), 'build', '--logLevel', 'warn'], { cwd: MINI_APP_DIR, stdio: 'inherit' });
}

function viteBin(): string {
  const candidates = [join(MINI_APP_DIR, 'node_modules/vite/bin/vite.js'), join(MINI_APP_DIR, '../node_modules/vite/bin/vite.js')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('vite is not installed: run npm install');
  return found;
}
