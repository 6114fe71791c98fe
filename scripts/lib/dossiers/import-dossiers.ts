import { basename } from 'node:path';
import type { Deps } from '../../../backend/src/deps.ts';
import { applyDossierRows, resolveDossierRows, type DossierImportSummary } from '../../../backend/src/services/dossiers.service.ts';
import { FileErrors } from '../setup/setup-plan.ts';
import { readTabularFile } from './read-dossier-file.ts';

export type { DossierImportSummary };

/** Reads, validates (all rows, with line numbers), then writes every count in one transaction. */
export async function importDossiers(deps: Deps, file: string, opts: { dryRun?: boolean } = {}): Promise<DossierImportSummary> {
  const { headers, records } = await readTabularFile(file);
  const { rows, errors } = await resolveDossierRows(deps, headers, records);
  if (errors.length > 0) throw new FileErrors(file, errors);
  return applyDossierRows(deps, rows, basename(file), opts);
}
