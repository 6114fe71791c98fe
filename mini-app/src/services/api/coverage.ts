import type { InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';
import { auth, ok, staffApi as api } from './staff-http.ts';

/* Dossier counts and coverage (backend coverage.routes.ts), typed through the `hc` client. */
type UnitApi = ApiClient['api']['units'][':unitId'];
export type CoverageReport = InferResponseType<UnitApi['coverage']['$get'], 200>;
export type CoverageRow = CoverageReport['fields'][number];
export type DossierImportSummary = InferResponseType<UnitApi['dossier-counts']['import']['$post'], 200>;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Coverage of a named period ('YYYY', 'YYYY-Qn', 'YYYY-MM'): dossiers against responses, per field and for the unit. */
export async function fetchCoverage(unitId: string, period: string): Promise<CoverageReport> {
  const res = await ok(api().units[':unitId'].coverage.$get({ param: { unitId }, query: { period } }, auth()));
  return (await res.json()) as CoverageReport;
}

/** Stores one count typed on the screen; `fieldId` undefined = the whole unit. */
export async function saveDossierCount(unitId: string, period: string, fieldId: string | undefined, count: number): Promise<void> {
  await ok(api().units[':unitId']['dossier-counts'].$put({ param: { unitId }, json: { period, fieldId, count } }, auth()));
}

/** The Content-Type the import takes for a file, from its name (browsers give .csv several types), or null. */
export function importTypeOf(file: Pick<File, 'name' | 'type'>): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || file.type === XLSX_TYPE) return XLSX_TYPE;
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  return null;
}

/**
 * Sends a CSV or XLSX file of counts as it is. All or nothing: a bad row is refused (400) with
 * its line in the error's details, and then no row of the file is stored.
 */
export async function importDossierCounts(unitId: string, file: Blob, contentType: string): Promise<DossierImportSummary> {
  const res = await ok(
    api().units[':unitId']['dossier-counts'].import.$post({ param: { unitId } }, { headers: { ...auth().headers, 'content-type': contentType }, init: { body: file } }),
  );
  return (await res.json()) as DossierImportSummary;
}
