import { extname } from 'node:path';
import { CliError, UsageError } from '../cli/errors.ts';
import { readCsvRecords, type SourceRecord } from '../cli/csv-records.ts';
import { readFileBytes, readTextFile } from '../cli/read-text-file.ts';

/** Rows of a CSV or XLSX (first worksheet) file, each with its line / row number. */
export async function readTabularFile(file: string): Promise<{ headers: string[]; records: SourceRecord[] }> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new UsageError(`dossier file must be .csv or .xlsx (got "${file}")`);
  const data = readFileBytes(file);
  if (ext === '.csv') return readCsvRecords(readTextFile(file, data));
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
  let illFormedRow: number | null = null;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, headers.length); c++) {
      const text = row.getCell(c).text;
      if (!text.isWellFormed()) illFormedRow ??= row.number;
      cells.push(text.normalize('NFC').trim());
    }
    if (cells.every((c) => c === '')) return;
    if (headers.length === 0) {
      headers = cells.map((h) => h.toLowerCase());
      return;
    }
    records.push({ line: row.number, cells: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])) });
  });
  if (illFormedRow !== null) throw new CliError(`${file}:${illFormedRow}: a cell holds text that is not well-formed Unicode (a lone surrogate)`);
  return { headers, records };
}
