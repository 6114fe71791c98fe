import { extname } from 'node:path';
import { UsageError } from '../cli/errors.ts';
import { readFileBytes, readTextFile } from '../cli/read-text-file.ts';
import { parseSetupCsv } from './parse-setup-csv.ts';
import { parseSetupXlsx } from './parse-setup-xlsx.ts';
import { parseSetupYaml } from './parse-setup-yaml.ts';
import type { SetupPlan } from './setup-plan.ts';

const EXTENSIONS = ['.yaml', '.yml', '.csv', '.xlsx'];

/** Reads and validates a whole set-up file (.yaml, .yml, .csv or .xlsx); throws FileErrors with line numbers. */
export async function readSetupFile(file: string): Promise<SetupPlan> {
  const ext = extname(file).toLowerCase();
  if (!EXTENSIONS.includes(ext)) throw new UsageError(`set-up file must be .yaml, .yml, .csv or .xlsx (got "${file}")`);
  if (ext === '.xlsx') return parseSetupXlsx(readFileBytes(file), file);
  const source = readTextFile(file);
  return ext === '.csv' ? parseSetupCsv(source, file) : parseSetupYaml(source, file);
}
