import { isValidDay } from '../domain/day.ts';
import type { SourceRecord } from '../files/csv-records.ts';
import type { LineError } from '../files/tabular.ts';
import { normalizeDossierCode } from '../security/ticket-token.ts';

/** One dossier of an imported list, as read from its line (field and officer still by name or id). */
export interface DossierListRow {
  line: number;
  dossierCode: string;
  receivedOn: string;
  returnedOn: string | null;
  field: string;
  officer: string;
}

/** Header spellings, compared without case, spaces, '_' or '-'. */
const ALIASES: Record<keyof Omit<DossierListRow, 'line'>, string[]> = {
  dossierCode: ['dossiercode', 'mahoso', 'mãhồsơ', 'code'],
  receivedOn: ['receivedon', 'ngaynhan', 'ngàynhận', 'ngaytiepnhan', 'ngàytiếpnhận'],
  returnedOn: ['returnedon', 'ngaytra', 'ngàytrả', 'ngaytraketqua', 'ngàytrảkếtquả'],
  field: ['field', 'linhvuc', 'lĩnhvực'],
  officer: ['officer', 'canbo', 'cánbộ', 'canbogiaiquyet', 'cánbộgiảiquyết'],
};
const squash = (h: string) => h.normalize('NFC').toLowerCase().replace(/[\s_-]+/g, '');

/** 'YYYY-MM-DD', 'D/M/YYYY', 'D-M-YYYY' or an Excel date cell ("Thu Mar 05 2026 00:00:00 GMT+0000 …"); undefined when unreadable. */
export function readDay(text: string): string | undefined {
  const s = text.trim();
  let day: string | undefined;
  let m: RegExpExecArray | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) day = s;
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) day = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  else if (/GMT[+-]\d{4}/.test(s) && !Number.isNaN(Date.parse(s))) day = new Date(Date.parse(s)).toISOString().slice(0, 10);
  return day !== undefined && isValidDay(day) ? day : undefined;
}

/**
 * Every row of a dossier list checked on its own (a code of 1–64 characters, once in the file;
 * readable dates, returned on or after received): the rows, or every problem with its line.
 */
export function toDossierListRows(headers: string[], records: SourceRecord[]): { rows: DossierListRow[]; errors: LineError[] } {
  if (headers.length === 0) return { rows: [], errors: [{ line: 1, message: 'Tệp trống: cần một dòng tiêu đề.' }] };
  const col = Object.fromEntries(Object.entries(ALIASES).map(([k, names]) => [k, headers.find((h) => names.includes(squash(h)))])) as Record<keyof typeof ALIASES, string | undefined>;
  const missing = (['dossierCode', 'receivedOn'] as const).filter((k) => !col[k]);
  if (missing.length > 0) return { rows: [], errors: [{ line: 1, message: `Thiếu cột: ${missing.join(', ')} (mã hồ sơ, ngày nhận).` }] };
  const rows: DossierListRow[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records) {
    const get = (k: keyof typeof ALIASES) => (col[k] ? (cells[col[k]!] ?? '').trim() : '');
    const code = normalizeDossierCode(get('dossierCode'));
    const receivedOn = readDay(get('receivedOn'));
    const returnedText = get('returnedOn');
    const returnedOn = returnedText === '' ? null : readDay(returnedText);
    const problems: string[] = [];
    if (code === null) problems.push(get('dossierCode') === '' ? 'Thiếu mã hồ sơ.' : 'Mã hồ sơ phải dài 1–64 ký tự.');
    if (!receivedOn) problems.push(`Ngày nhận phải có dạng YYYY-MM-DD hoặc dd/mm/yyyy (đang là "${get('receivedOn')}").`);
    if (returnedOn === undefined) problems.push(`Ngày trả kết quả phải có dạng YYYY-MM-DD hoặc dd/mm/yyyy (đang là "${returnedText}").`);
    if (receivedOn && returnedOn && returnedOn < receivedOn) problems.push('Ngày trả kết quả trước ngày nhận.');
    const first = code === null ? undefined : seen.get(code);
    if (first !== undefined) problems.push(`Mã hồ sơ trùng với dòng ${first}.`);
    if (problems.length > 0) {
      errors.push({ line, message: problems.join(' ') });
      continue;
    }
    seen.set(code!, line);
    rows.push({ line, dossierCode: code!, receivedOn: receivedOn!, returnedOn: returnedOn ?? null, field: get('field').normalize('NFC'), officer: get('officer').normalize('NFC') });
  }
  return { rows, errors };
}
