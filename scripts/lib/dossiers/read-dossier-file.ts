import { extname } from 'node:path';
import type { SourceRecord } from '../../../backend/src/files/csv-records.ts';
import { readTabular, TabularFileError } from '../../../backend/src/files/tabular.ts';
import { CliError, UsageError } from '../cli/errors.ts';
import { readFileBytes } from '../cli/read-text-file.ts';

/** Rows of a CSV or XLSX (first worksheet) file, each with its line / row number. */
export async function readTabularFile(file: string): Promise<{ headers: string[]; records: SourceRecord[] }> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new UsageError(`dossier file must be .csv or .xlsx (got "${file}")`);
  try {
    return await readTabular(readFileBytes(file), ext === '.csv' ? 'csv' : 'xlsx');
  } catch (err) {
    if (err instanceof TabularFileError) throw new CliError(`${file}:${err.line}: ${err.message}`);
    throw err;
  }
}
