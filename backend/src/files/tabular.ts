import { decodeUtf8 } from '../domain/text.ts';
import { readCsvRecords, type SourceRecord } from './csv-records.ts';

/** A problem with one line of a file the user gave (1-based; 1 for the file as a whole). */
export interface LineError {
  line: number;
  message: string;
}

/** A tabular file could not be read at all (not UTF-8, not an XLSX workbook…): the whole file is refused. */
export class TabularFileError extends Error {
  override name = 'TabularFileError';
  constructor(
    message: string,
    readonly line: number = 1,
  ) {
    super(message);
  }
}

export type TabularKind = 'csv' | 'xlsx';

/** CSV (UTF-8, a byte-order mark allowed) or the first worksheet of an XLSX workbook: rows with their line numbers. */
export async function readTabular(bytes: Uint8Array, kind: TabularKind): Promise<{ headers: string[]; records: SourceRecord[] }> {
  if (kind === 'csv') {
    const text = decodeUtf8(bytes);
    if (text === null) throw new TabularFileError('Tệp không phải văn bản UTF-8 (hãy lưu dưới dạng CSV UTF-8).', firstBadLine(bytes));
    return readCsvRecords(text.normalize('NFC'));
  }
  return readXlsxRecords(bytes);
}

/** The 1-based line holding the first byte that is not valid UTF-8 ('\n' is never part of a multi-byte character). */
export function firstBadLine(bytes: Uint8Array): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    if (decodeUtf8(bytes.subarray(start, end === -1 ? bytes.length : end)) === null || end === -1) return line;
    start = end + 1;
  }
}

async function readXlsxRecords(bytes: Uint8Array): Promise<{ headers: string[]; records: SourceRecord[] }> {
  // Loaded only for .xlsx: exceljs is large and most callers never need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new TabularFileError(`Không đọc được tệp Excel .xlsx: ${err instanceof Error ? err.message : String(err)}`);
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
  if (illFormedRow !== null) throw new TabularFileError('Một ô chứa văn bản không hợp lệ (ký tự Unicode thay thế đơn lẻ).', illFormedRow);
  return { headers, records };
}
