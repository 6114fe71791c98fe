import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CliError } from '../cli/errors.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  responses: number;
  units: number;
}

/** Every page in one step: the copy is one consistent snapshot (WAL readers do not block the server's writes). */
const ALL_PAGES = 0x7fffffff;

/** Counts that tell an operator the copy holds what they expect. */
export function describeDatabase(file: string): { responses: number; units: number; integrity: string } {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('quick_check', { simple: true }));
    const has = (t: string) => db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(t) !== undefined;
    const count = (t: string) => (has(t) ? Number((db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n) : 0);
    return { responses: count('responses'), units: count('units'), integrity };
  } finally {
    db.close();
  }
}

/**
 * Copies a live SQLite database with SQLite's online backup API, on its own connection: safe
 * while the server writes. Written to `<target>.partial` first, checked, then renamed, so a
 * crash never leaves a half-written file under the final name. The copy is a single file
 * (journal_mode DELETE): no -wal to forget.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new CliError(`no database at ${source}`);
  const dest = resolve(target);
  if (!existsSync(dirname(dest))) throw new CliError(`directory ${dirname(dest)} does not exist`);
  if (resolve(source) === dest) throw new CliError('the backup file must differ from the database');
  const partial = `${dest}.partial`;
  rmSync(partial, { force: true });
  const db = new SqliteDatabase(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 10000');
    const r = await db.backup(partial, { progress: () => ALL_PAGES });
    pages = r.totalPages;
  } catch (err) {
    rmSync(partial, { force: true });
    throw new CliError(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    db.close();
  }
  const copy = new SqliteDatabase(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const info = describeDatabase(partial);
  if (info.integrity !== 'ok') {
    rmSync(partial, { force: true });
    throw new CliError(`the copy failed its integrity check: ${info.integrity}`);
  }
  renameSync(partial, dest);
  return { file: dest, bytes: statSync(dest).size, pages, responses: info.responses, units: info.units };
}
