import { extname } from 'node:path';
import { UsageError } from '../cli/errors.ts';
import { readTextFile } from '../cli/read-text-file.ts';
import { parseSetupCsv } from './parse-setup-csv.ts';
import { parseSetupYaml } from './parse-setup-yaml.ts';
import type { SetupPlan } from './setup-plan.ts';

/** Reads and validates a whole set-up file (.yaml, .yml or .csv); throws FileErrors with line numbers. */
export function readSetupFile(file: string): SetupPlan {
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.csv'].includes(ext)) throw new UsageError(`set-up file must be .yaml, .yml or .csv (got "${file}")`);
  const source = readTextFile(file);
  return ext === '.csv' ? parseSetupCsv(source, file) : parseSetupYaml(source, file);
}
