import type { Deps } from '../deps.ts';
import { findDossierCount, listDossierCounts, upsertDossierCount } from '../db/dossier-counts.repository.ts';
import { listFields } from '../db/officers.repository.ts';
import { findUnitByCode } from '../db/units.repository.ts';
import type { SourceRecord } from '../files/csv-records.ts';
import type { LineError } from '../files/tabular.ts';
import { toDossierRows, type DossierRow } from './dossier-rows.ts';

export interface DossierImportSummary {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Field names compare without case, dash style or extra spaces: "Tư pháp - hộ tịch" = "Tư pháp – Hộ tịch". */
export const fieldKey = (s: string): string =>
  s.normalize('NFC').toLowerCase().replace(/\s*[-–—]\s*/g, '-').replace(/\s+/g, ' ').trim();

export type ResolvedDossierRow = DossierRow & { unitId: string; fieldId: string };

/**
 * Every row of a dossier-count file checked against the units and their fields: the rows ready to
 * store, or every problem with its line. With `onlyUnit` (a staff screen's import), the unitCode
 * column may be left out, and a row naming another unit is a problem.
 */
export async function resolveDossierRows(
  deps: Deps,
  headers: string[],
  records: SourceRecord[],
  opts: { onlyUnit?: { id: string; code: string } } = {},
): Promise<{ rows: ResolvedDossierRow[]; errors: LineError[] }> {
  const scoped = opts.onlyUnit;
  // The staff screen's file may leave the unit out: every row is then that unit's.
  const withUnit = scoped && !headers.some((h) => ['unitcode', 'unit_code', 'unit', 'ma_don_vi'].includes(h));
  const { rows, errors } = toDossierRows(withUnit ? [...headers, 'unitcode'] : headers, withUnit ? records.map((r) => ({ ...r, cells: { ...r.cells, unitcode: scoped.code } })) : records);
  const resolved: ResolvedDossierRow[] = [];
  const units = new Map<string, { id: string; fields: Map<string, string>; names: string[] } | null>();
  for (const r of rows) {
    if (scoped && r.unitCode !== scoped.code) {
      errors.push({ line: r.line, message: `Tệp này dành cho đơn vị ${scoped.code}, không phải "${r.unitCode}".` });
      continue;
    }
    if (!units.has(r.unitCode)) {
      const unit = await findUnitByCode(deps.db.kysely, r.unitCode);
      const fields = unit ? await listFields(deps.db.kysely, unit.id) : [];
      units.set(r.unitCode, unit ? { id: unit.id, fields: new Map(fields.map((f) => [fieldKey(f.name), f.id])), names: fields.map((f) => f.name) } : null);
    }
    const unit = units.get(r.unitCode);
    if (!unit) {
      errors.push({ line: r.line, message: `Không có đơn vị mang mã "${r.unitCode}".` });
      continue;
    }
    const fieldId = r.fieldName === '' || r.fieldName === '*' ? '' : unit.fields.get(fieldKey(r.fieldName));
    if (fieldId === undefined) {
      errors.push({ line: r.line, message: `Đơn vị ${r.unitCode} không có lĩnh vực "${r.fieldName}" (các lĩnh vực: ${unit.names.join('; ')}).` });
      continue;
    }
    resolved.push({ ...r, unitId: unit.id, fieldId });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows: resolved, errors };
}

/** Stores checked rows in one transaction (all or nothing); counts what changed. */
export async function applyDossierRows(deps: Deps, rows: ResolvedDossierRow[], source: string, opts: { dryRun?: boolean } = {}): Promise<DossierImportSummary> {
  const summary: DossierImportSummary = { rows: rows.length, inserted: 0, updated: 0, unchanged: 0 };
  const now = deps.now().toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const r of rows) {
      const before = await findDossierCount(trx, r);
      if (!before) summary.inserted++;
      else if (before.count !== r.count) summary.updated++;
      else {
        summary.unchanged++;
        continue;
      }
      if (!opts.dryRun) await upsertDossierCount(trx, { unitId: r.unitId, fieldId: r.fieldId, period: r.period, count: r.count, source, now });
    }
  });
  return summary;
}

/** One count typed on the staff screen: (unit, field or '' for the whole unit, period) = count. */
export async function setDossierCount(deps: Deps, c: { unitId: string; fieldId: string; period: string; count: number; by: string }): Promise<void> {
  await upsertDossierCount(deps.db.kysely, { unitId: c.unitId, fieldId: c.fieldId, period: c.period, count: c.count, source: `nhập tay: ${c.by}`, now: deps.now().toISOString() });
}

export { listDossierCounts };
