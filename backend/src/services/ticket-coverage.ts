import { dossierCoverage, type DossierCoverageRow } from '../db/ticket-coverage.repository.ts';
import type { Field } from '../db/officers.repository.ts';
import { coverageOf } from '../domain/coverage.ts';
import type { Period } from '../domain/periods.ts';
import type { Deps } from '../deps.ts';
import type { CoverageReport, CoverageRow } from './coverage.service.ts';

const sum = (rows: DossierCoverageRow[], k: 'dossiers' | 'rated' | 'satisfied') => rows.reduce((n, r) => n + r[k], 0);

export const RATE766_DOSSIERS_NOTE =
  'Tỷ lệ hài lòng theo hồ sơ: số hồ sơ được đánh giá "Hài lòng" hoặc "Rất hài lòng" trên số hồ sơ được đánh giá (qua mã QR trên phiếu hẹn). Cách tính của Chỉ số 766 trên Cổng Dịch vụ công quốc gia chưa được công bố đầy đủ; hãy đối chiếu trước khi dùng chính thức.';

/**
 * Coverage where the unit issues receipt tickets or imported a dossier list for the period
 * (docs/tickets.md): dossiers are the period's dossiers (listed or ticketed), responses the
 * dossiers rated, and the 766 rate is per dossier; `source: 'tickets'`. Otherwise the report
 * from dossier counts and tallies is returned as it is, `source: 'counts'`. The R4.1 band is the
 * year's entered count where there is one (the official volume), else the year's dossiers here.
 */
export async function withTicketCoverage(deps: Deps, report: CoverageReport, period: Period, year: Period, fields: readonly Field[]): Promise<CoverageReport> {
  const db = deps.db.kysely;
  const rows = await dossierCoverage(db, report.unitId, period.from, period.to);
  if (rows.length === 0) return report;
  const yearRows = period.key === year.key ? rows : await dossierCoverage(db, report.unitId, year.from, year.to);
  const dossiers = sum(rows, 'dossiers');
  const rated = sum(rows, 'rated');
  const satisfied = sum(rows, 'satisfied');
  const band = report.yearDossiers ?? sum(yearRows, 'dossiers');
  const byField = new Map(rows.map((r) => [r.fieldId, r]));
  const fieldRows: CoverageRow[] = fields
    .filter((f) => f.active || byField.has(f.id))
    .map((f) => {
      const r = byField.get(f.id);
      return { fieldId: f.id, name: f.name, dossierSource: 'period', ...coverageOf(r?.dossiers ?? 0, r?.rated ?? 0, band) };
    });
  return {
    ...report,
    source: 'tickets',
    yearDossiers: report.yearDossiers ?? sum(yearRows, 'dossiers'),
    dossierSource: 'period',
    ...coverageOf(dossiers, rated, band),
    fields: fieldRows,
    rate766: { basis: 'dossiers', rated, satisfied, share: rated === 0 ? null : satisfied / rated, dossiers, ratedShare: dossiers === 0 ? null : rated / dossiers, note: RATE766_DOSSIERS_NOTE },
    countsBased: { dossiers: report.dossiers, responses: report.responses, dossierSource: report.dossierSource },
  };
}
