import { AppError } from '../app-error.ts';
import { listedCodes, upsertListedDossiers, type ListedDossier } from '../db/dossier-list.repository.ts';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import type { Deps } from '../deps.ts';
import { readTabular, TabularFileError, type LineError, type TabularKind } from '../files/tabular.ts';
import { fieldKey } from './dossiers.service.ts';
import { toDossierListRows } from './dossier-list-rows.ts';

export interface DossierListImport {
  /** Dossiers in the file, all stored. */
  imported: number;
  /** Of them, codes the unit had listed before (their dates, field and officer replaced). */
  replaced: number;
}

/** Largest list a staff screen may upload (about 40,000 lines). */
export const MAX_DOSSIER_LIST_BYTES = 4 * 1024 * 1024;

const lineErrors = (errors: LineError[], message: string) => new AppError('invalid_input', message, { details: errors.map((e) => ({ path: `dòng ${e.line}`, message: e.message })) });

/**
 * A unit's dossier list (CSV or XLSX: dossierCode, receivedOn, returnedOn?, field?, officer?):
 * coverage then counts its dossiers against the dossiers rated (docs/tickets.md). Every line is
 * checked first; one bad line and nothing is stored (400, each problem with its line).
 */
export async function importDossierList(deps: Deps, unitId: string, bytes: Uint8Array, kind: TabularKind, by: string): Promise<DossierListImport> {
  let table;
  try {
    table = await readTabular(bytes, kind);
  } catch (err) {
    if (err instanceof TabularFileError) throw lineErrors([{ line: err.line, message: err.message }], 'Không đọc được tệp; không có hồ sơ nào được nhập.');
    throw err;
  }
  const { rows, errors } = toDossierListRows(table.headers, table.records);
  const db = deps.db.kysely;
  const [officers, fields] = await Promise.all([listOfficers(db, unitId), listFields(db, unitId)]);
  const fieldByKey = new Map(fields.map((f) => [fieldKey(f.name), f.id]));
  const resolved: ListedDossier[] = [];
  for (const r of rows) {
    const fieldId = r.field === '' ? null : (fields.find((f) => f.id === r.field)?.id ?? fieldByKey.get(fieldKey(r.field)));
    const named = officers.filter((o) => o.id === r.officer || o.name.normalize('NFC').toLowerCase() === r.officer.toLowerCase());
    const problems: string[] = [];
    if (fieldId === undefined) problems.push(`Đơn vị không có lĩnh vực "${r.field}" (các lĩnh vực: ${fields.map((f) => f.name).join('; ')}).`);
    if (r.officer !== '' && named.length !== 1) problems.push(named.length === 0 ? `Đơn vị không có cán bộ "${r.officer}".` : `Có ${named.length} cán bộ tên "${r.officer}": hãy ghi mã cán bộ.`);
    if (problems.length > 0) {
      errors.push({ line: r.line, message: problems.join(' ') });
      continue;
    }
    resolved.push({ unitId, dossierCode: r.dossierCode, receivedOn: r.receivedOn, returnedOn: r.returnedOn, fieldId: fieldId ?? null, officerId: r.officer === '' ? null : named[0]!.id });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    throw lineErrors(errors, `Tệp có ${errors.length} dòng không hợp lệ; không có hồ sơ nào được nhập.`);
  }
  if (resolved.length === 0) throw lineErrors([{ line: 1, message: 'Tệp không có dòng hồ sơ nào.' }], 'Tệp không có hồ sơ nào.');
  return db.transaction().execute(async (trx) => {
    const before = await listedCodes(trx, unitId, resolved.map((r) => r.dossierCode));
    await upsertListedDossiers(trx, resolved, `tệp nhập bởi ${by}`, deps.now().toISOString());
    return { imported: resolved.length, replaced: before.size };
  });
}
