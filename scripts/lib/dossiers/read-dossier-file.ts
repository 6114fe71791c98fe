import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CliError, UsageError } from '../cli/errors.ts';
import { readCsvRecords, type SourceRecord } from '../cli/csv-records.ts';

/** Rows of a CSV or XLSX (first worksheet) file, each with its line / row number. */
export async function readTabularFile(file: string): Promise<{ headers: string[]; records: SourceRecord[] }> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new UsageError(`dossier file must be .csv or .xlsx (got "${file}")`);
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (ext === '.csv') return readCsvRecords(data.toString('utf8'));
  // Loaded only for .xlsx: exceljs is large and every other command starts faster without it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new CliError(`${file} is not a readable .xlsx file: ${err instanceof Error ? err.message : String(err)}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], records: [] };
  let headers: string[] = [];
  const records: SourceRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, headers.length); c++) cells.push(row.getCell(c).text.normalize('NFC').trim());
    if (cells.every((c) => c === '')) return;
    if (headers.length === 0) {
      headers = cells.map((h) => h.toLowerCase());
      return;
    }
    records.push({ line: row.number, cells: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])) });
  });
  return { headers, records };
}
