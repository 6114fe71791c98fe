import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CliError, UsageError } from '../cli/errors.ts';
import { parseSetupCsv } from './parse-setup-csv.ts';
import { parseSetupYaml } from './parse-setup-yaml.ts';
import type { SetupPlan } from './setup-plan.ts';

/** Reads and validates a whole set-up file (.yaml, .yml or .csv); throws FileErrors with line numbers. */
export function readSetupFile(file: string): SetupPlan {
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.csv'].includes(ext)) throw new UsageError(`set-up file must be .yaml, .yml or .csv (got "${file}")`);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return ext === '.csv' ? parseSetupCsv(source, file) : parseSetupYaml(source, file);
}
