// `npm run backup -- <file>`: an online copy of the SQLite database, safe while the server runs.
import { Command } from 'commander';
import { parseEnv } from '../backend/src/config.ts';
import { sqlitePathFromUrl } from './lib/backup/database-file.ts';
import { backupSqlite } from './lib/backup/sqlite-backup.ts';
import { reportError } from './lib/cli/errors.ts';
import { out } from './lib/cli/output.ts';

const program = new Command('backup')
  .description('Copy the SQLite database named by DATABASE_URL to <file> with SQLite\'s online backup API (safe while the server writes).\nPostgreSQL: use pg_dump. Exit codes: 0 ok, 1 failed, 2 wrong usage.')
  .argument('<file>', 'the backup file to write, e.g. backups/hailong-2025-06-30.db (replaced if it exists)')
  .exitOverride()
  .action(async (file: string) => {
    const source = sqlitePathFromUrl(parseEnv(process.env).DATABASE_URL, 'backup');
    const r = await backupSqlite(source, file);
    out(`backed up ${source}\n  to ${r.file} (${r.bytes} bytes, ${r.units} units, ${r.responses} responses; integrity ok)`);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}
