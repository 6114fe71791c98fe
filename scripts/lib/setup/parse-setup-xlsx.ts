import { readTabular, TabularFileError } from '../../../backend/src/files/tabular.ts';
import { planFromTable } from './parse-setup-csv.ts';
import { FileErrors, type SetupPlan } from './setup-plan.ts';

/**
 * A set-up file as an Excel workbook: its first sheet holds the CSV's columns (type, unit, name,
 * title, kind, parent, officer, username, role, password) under a header row; errors name the
 * sheet's row numbers, as Excel shows them.
 */
export async function parseSetupXlsx(bytes: Uint8Array, file: string): Promise<SetupPlan> {
  let table: Awaited<ReturnType<typeof readTabular>>;
  try {
    table = await readTabular(bytes, 'xlsx');
  } catch (err) {
    if (err instanceof TabularFileError) throw new FileErrors(file, [{ line: err.line, message: err.message }]);
    throw err;
  }
  return planFromTable(table.headers, table.records, file);
}
