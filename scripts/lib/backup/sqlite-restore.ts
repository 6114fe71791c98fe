import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CliError } from '../cli/errors.ts';
import { processesUsing } from './database-file.ts';
import { describeDatabase } from './sqlite-backup.ts';

export interface RestoreResult {
  target: string;
  /** Where the database that was replaced was copied first (undefined when there was none). */
  previous: string | undefined;
  responses: number;
  units: number;
  inUseBy: number[];
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Copies `from` into `to` with the online backup API (atomic for readers of `to`). */
async function copyInto(from: string, to: string): Promise<void> {
  const src = new SqliteDatabase(from, { readonly: true, fileMustExist: true });
  try {
    await src.backup(to, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
}

/**
 * Restores a backup into `target`. Refuses when another process (a running server) has the
 * target open, unless `force`. The database being replaced is first copied to
 * `<target>.before-restore-<time>` so a mistaken restore can be undone.
 */
export async function restoreSqlite(backup: string, target: string, opts: { force?: boolean; now?: Date } = {}): Promise<RestoreResult> {
  const from = resolve(backup);
  const to = resolve(target);
  if (!existsSync(from)) throw new CliError(`no backup file at ${from}`);
  if (from === to) throw new CliError('the backup and the target are the same file');
  let info: ReturnType<typeof describeDatabase>;
  try {
    info = describeDatabase(from);
  } catch (err) {
    throw new CliError(`${from} is not a SQLite database: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (info.integrity !== 'ok') throw new CliError(`${from} fails its integrity check: ${info.integrity}`);
  if (info.units === 0 && info.responses === 0) throw new CliError(`${from} holds no Hài Lòng data (no units)`);

  const inUseBy = existsSync(to) ? processesUsing(to) : [];
  if (inUseBy.length > 0 && !opts.force) {
    throw new CliError(`${to} is open in process ${inUseBy.join(', ')} (a running server?)`, [
      'stop the server first, then restore; or add --force to restore under it (restart it afterwards)',
    ]);
  }
  mkdirSync(dirname(to), { recursive: true });
  let previous: string | undefined;
  if (existsSync(to)) {
    previous = `${to}.before-restore-${stamp(opts.now ?? new Date())}`;
    await copyInto(to, previous);
  }
  await copyInto(from, to);
  const after = describeDatabase(to);
  return { target: to, previous, responses: after.responses, units: after.units, inUseBy };
}
