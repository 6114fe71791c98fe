import { basename } from 'node:path';
import { findDossierCount, upsertDossierCount } from '../../../backend/src/db/dossier-counts.repository.ts';
import { listFields } from '../../../backend/src/db/officers.repository.ts';
import { findUnitByCode } from '../../../backend/src/db/units.repository.ts';
import type { Deps } from '../../../backend/src/deps.ts';
import { FileErrors, type LineError } from '../setup/setup-plan.ts';
import { toDossierRows, type DossierRow } from './dossier-rows.ts';
import { readTabularFile } from './read-dossier-file.ts';

export interface DossierImportSummary {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Field names compare without case, dash style or extra spaces: "Tư pháp - hộ tịch" = "Tư pháp – Hộ tịch". */
export const fieldKey = (s: string): string =>
  s.normalize('NFC').toLowerCase().replace(/\s*[-–—]\s*/g, '-').replace(/\s+/g, ' ').trim();

/** Reads, validates (all rows, with line numbers), then writes every count in one transaction. */
export async function importDossiers(deps: Deps, file: string, opts: { dryRun?: boolean } = {}): Promise<DossierImportSummary> {
  const { headers, records } = await readTabularFile(file);
  const { rows, errors } = toDossierRows(headers, records);
  const resolved: (DossierRow & { unitId: string; fieldId: string })[] = [];
  const units = new Map<string, { id: string; fields: Map<string, string>; names: string[] } | null>();
  for (const r of rows) {
    if (!units.has(r.unitCode)) {
      const unit = await findUnitByCode(deps.db.kysely, r.unitCode);
      const fields = unit ? await listFields(deps.db.kysely, unit.id) : [];
      units.set(r.unitCode, unit ? { id: unit.id, fields: new Map(fields.map((f) => [fieldKey(f.name), f.id])), names: fields.map((f) => f.name) } : null);
    }
    const unit = units.get(r.unitCode);
    if (!unit) {
      errors.push({ line: r.line, message: `unknown unit code "${r.unitCode}"` });
      continue;
    }
    const fieldId = r.fieldName === '' || r.fieldName === '*' ? '' : unit.fields.get(fieldKey(r.fieldName));
    if (fieldId === undefined) {
      errors.push({ line: r.line, message: `unit ${r.unitCode} has no field "${r.fieldName}" (fields: ${unit.names.join('; ')})` });
      continue;
    }
    resolved.push({ ...r, unitId: unit.id, fieldId });
  }
  if (errors.length > 0) throw new FileErrors(file, errors as LineError[]);

  const summary: DossierImportSummary = { rows: resolved.length, inserted: 0, updated: 0, unchanged: 0 };
  const now = deps.now().toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const r of resolved) {
      const before = await findDossierCount(trx, r);
      if (!before) summary.inserted++;
      else if (before.count !== r.count) summary.updated++;
      else {
        summary.unchanged++;
        continue;
      }
      if (!opts.dryRun) await upsertDossierCount(trx, { unitId: r.unitId, fieldId: r.fieldId, period: r.period, count: r.count, source: basename(file), now });
    }
  });
  return summary;
}
