import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../cli/errors.ts';

/** The SQLite file DATABASE_URL names; PostgreSQL has its own tools (exit 2 with the hint). */
export function sqlitePathFromUrl(url: string, tool: 'backup' | 'restore'): string {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    throw new UsageError(
      tool === 'backup'
        ? 'DATABASE_URL is PostgreSQL: use its own tool, e.g. pg_dump --format=custom --file=hailong.dump "$DATABASE_URL"'
        : 'DATABASE_URL is PostgreSQL: use its own tool, e.g. pg_restore --clean --if-exists --dbname="$DATABASE_URL" hailong.dump',
    );
  }
  if (!url.startsWith('sqlite:')) throw new UsageError(`DATABASE_URL must be sqlite:<path> or postgres://… (got "${url}")`);
  const path = url.slice('sqlite:'.length);
  if (path === '' || path === ':memory:') throw new UsageError('DATABASE_URL names an in-memory database: there is nothing on disk to back up or restore');
  return resolve(path);
}

/**
 * Process ids (other than this one) that have `file` open, read from /proc on Linux. A running
 * server keeps its database open; `[]` when nothing has it open or /proc is not available.
 */
export function processesUsing(file: string): number[] {
  let target: string;
  try {
    target = realpathSync(file);
  } catch {
    return [];
  }
  const watched = new Set([target, `${target}-wal`, `${target}-shm`]);
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (watched.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) {
          pids.push(Number(entry));
          break;
        }
      } catch {
        /* the descriptor closed meanwhile */
      }
    }
  }
  return pids;
}
