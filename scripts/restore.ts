// `npm run restore -- <backup> [--to <path>] [--force]`: put a backup back in place.
import { Command } from 'commander';
import { parseEnv } from '../backend/src/config.ts';
import { sqlitePathFromUrl } from './lib/backup/database-file.ts';
import { restoreSqlite } from './lib/backup/sqlite-restore.ts';
import { reportError } from './lib/cli/errors.ts';
import { out } from './lib/cli/output.ts';

const program = new Command('restore')
  .description('Restore a backup made by npm run backup into the SQLite database named by DATABASE_URL (or --to).\nThe database it replaces is kept as <path>.before-restore-<time>. Stop the server first.\nPostgreSQL: use pg_restore. Exit codes: 0 ok, 1 failed, 2 wrong usage.')
  .argument('<backup>', 'a file written by npm run backup')
  .option('--to <path>', 'restore into this SQLite file instead of DATABASE_URL\'s')
  .option('--force', 'restore even though a running process (the server) has the database open')
  .exitOverride()
  .action(async (backup: string, o: { to?: string; force?: boolean }) => {
    const target = o.to ?? sqlitePathFromUrl(parseEnv(process.env).DATABASE_URL, 'restore');
    const r = await restoreSqlite(backup, target, { force: o.force ?? false });
    if (r.inUseBy.length > 0) process.stderr.write(`warning: process ${r.inUseBy.join(', ')} has the database open: restart the server now\n`);
    out(`restored ${backup}\n  into ${r.target} (${r.units} units, ${r.responses} responses)`);
    if (r.previous) out(`  the database it replaced is kept at ${r.previous}`);
    out('next: npm run verify   (recomputes hash chains and tallies)');
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}
