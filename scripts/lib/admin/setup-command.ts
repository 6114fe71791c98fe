import type { Command } from 'commander';
import { CliError } from '../cli/errors.ts';
import { withDeps } from '../cli/open-deps.ts';
import { out } from '../cli/output.ts';
import { createProgress } from '../cli/progress.ts';
import { applySetup, type Counts } from '../setup/apply-setup.ts';
import { readSetupFile } from '../setup/read-setup-file.ts';
import { FileErrors } from '../setup/setup-plan.ts';

const fmt = (c: Counts) => `${c.units} units, ${c.officers} officers, ${c.points} points, ${c.staff} staff`;

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description('set up a province (or district) and its communes, departments, officers, points and staff from one YAML, CSV or XLSX file (idempotent, all or nothing)')
    .argument('<file>', '.yaml/.yml, .csv or .xlsx; the format is in docs/units.md')
    .option('--dry-run', 'check the file and show what would be created, write nothing')
    .action(async (file: string, o: { dryRun?: boolean }) => {
      try {
        const plan = await readSetupFile(file);
        const s = await withDeps((deps) => applySetup(deps, plan, file, { dryRun: o.dryRun ?? false, progress: createProgress() }));
        for (const w of s.warnings) process.stderr.write(`warning: ${w}\n`);
        out(`${s.dryRun ? 'would create' : 'created'}: ${fmt(s.created)}`);
        out(`already there: ${fmt(s.existing)}`);
        if (s.generatedPasswords.length > 0 && !s.dryRun) {
          out('generated passwords (shown once; hand them over, then this output can be discarded):');
          for (const p of s.generatedPasswords) out(`  ${p.username}  ${p.password}`);
        }
        if (s.created.points > 0 && !s.dryRun) out('next: npm run qr   (QR codes and posters for the new points)');
      } catch (err) {
        if (err instanceof FileErrors) throw new CliError(err.message, err.lines());
        throw err;
      }
    });
}
