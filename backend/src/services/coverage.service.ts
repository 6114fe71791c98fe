import { AppError } from '../app-error.ts';
import type { Deps } from '../deps.ts';
import { listDossierCounts, type DossierCount } from '../db/dossier-counts.repository.ts';
import { formKeysOfUnit } from '../db/forms.repository.ts';
import { listFields } from '../db/officers.repository.ts';
import { sumByField } from '../db/tallies.repository.ts';
import { coverageOf, type Coverage } from '../domain/coverage.ts';
import { monthsOf, periodOf, type Period } from '../domain/periods.ts';
import { withTicketCoverage } from './ticket-coverage.ts';

/** Where a dossier count came from: typed or imported for the period itself, added up from its months or quarters, or none. */
export type DossierSource = 'period' | 'months' | 'quarters' | 'fields' | 'none';

export interface CoverageRow extends Coverage {
  fieldId: string | null;
  name: string;
  dossierSource: DossierSource;
}

export interface CoverageReport extends Coverage {
  unitId: string;
  period: string;
  label: string;
  from: string;
  to: string;
  /** The year's dossiers, which set the R4.1 band (null when none are known). */
  yearDossiers: number | null;
  dossierSource: DossierSource;
  fields: CoverageRow[];
  /**
   * The per-dossier satisfaction rate of Decision 766/QĐ-TTg as far as this product can know it
   * (docs/coverage.md): without receipt tickets, responses are not tied to dossiers, so the rate
   * shown is the satisfied share of responses, said so.
   */
  rate766:
    | { basis: 'responses'; rated: number; satisfied: number; share: number | null; note: string }
    /** Receipt tickets (ticket-coverage.ts): dossiers rated satisfied / dossiers rated, and rated / dossiers. */
    | { basis: 'dossiers'; rated: number; satisfied: number; share: number | null; dossiers: number; ratedShare: number | null; note: string };
  /**
   * 'tickets': dossiers issued or listed against dossiers rated (docs/tickets.md); 'counts': dossier
   * counts against responses. Always sent (optional only for clients built before it).
   */
  source?: 'tickets' | 'counts';
  /** With source 'tickets': what the dossier counts and all responses said. */
  countsBased?: { dossiers: number; responses: number; dossierSource: DossierSource };
}

/** The count of a period for one field ('' = whole unit): its own record, else its months', else its quarters'. */
export function dossiersOf(counts: DossierCount[], fieldId: string, p: Period): { count: number | null; source: DossierSource } {
  const of = (key: string) => counts.find((c) => c.fieldId === fieldId && c.period === key)?.count;
  const own = of(p.key);
  if (own !== undefined) return { count: own, source: 'period' };
  const months = monthsOf(p).map(of).filter((n): n is number => n !== undefined);
  if (months.length > 0) return { count: months.reduce((a, b) => a + b, 0), source: 'months' };
  if (p.kind === 'year' || p.kind === 'half') {
    const qs = (p.kind === 'year' ? [1, 2, 3, 4] : p.key.endsWith('H1') ? [1, 2] : [3, 4]).map((q) => of(`${p.key.slice(0, 4)}-Q${q}`)).filter((n): n is number => n !== undefined);
    if (qs.length > 0) return { count: qs.reduce((a, b) => a + b, 0), source: 'quarters' };
  }
  return { count: null, source: 'none' };
}

/**
 * Coverage of a period (R4): dossiers against responses, per field and for the unit, in the band
 * of the year's dossiers. Responses come from the tallies (the general question of every form the
 * unit uses), so it stays fast however many are stored.
 */
export async function buildCoverage(deps: Deps, unitId: string, periodKey: string): Promise<CoverageReport> {
  const period = periodOf(periodKey);
  if (!period || period.kind === 'range') throw new AppError('invalid_input', 'Kỳ phải là YYYY, YYYY-Hn, YYYY-Qn hoặc YYYY-MM.', { details: [{ path: 'period', message: 'YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM' }] });
  const year = periodOf(period.key.slice(0, 4))!;
  const db = deps.db.kysely;
  const [counts, fields, formKeys] = await Promise.all([listDossierCounts(db, unitId, { periodPrefix: year.key }), listFields(db, unitId), formKeysOfUnit(db, unitId)]);
  const forms = (await Promise.all(formKeys.map((k) => deps.forms.latest(deps.db, k, deps.now().getTime())))).filter((f) => f !== null);
  const sums = await Promise.all(forms.map((f) => sumByField(db, { unitId, formKey: f.key, from: period.from, to: period.to }, f.overallKey)));
  const responsesByField = new Map<string, number>();
  let satisfied = 0;
  for (const rows of sums) {
    for (const r of rows) {
      responsesByField.set(r.fieldId, (responsesByField.get(r.fieldId) ?? 0) + r.n);
      if (r.level >= 4) satisfied += r.n;
    }
  }
  const totalResponses = [...responsesByField.values()].reduce((a, b) => a + b, 0);

  const fieldRows: CoverageRow[] = [];
  let fieldDossierSum = 0;
  let anyFieldCount = false;
  for (const f of fields) {
    const d = dossiersOf(counts, f.id, period);
    const y = dossiersOf(counts, f.id, year);
    if (d.count !== null) {
      fieldDossierSum += d.count;
      anyFieldCount = true;
    }
    if (!f.active && d.count === null && !responsesByField.has(f.id)) continue;
    // A field's band is the unit's (R4.1 speaks of the unit's yearly volume), set below.
    fieldRows.push({ fieldId: f.id, name: f.name, dossierSource: d.source, ...coverageOf(d.count ?? 0, responsesByField.get(f.id) ?? 0, y.count ?? d.count ?? 0) });
  }
  const unitOwn = dossiersOf(counts, '', period);
  const unitYear = dossiersOf(counts, '', year);
  const dossiers = unitOwn.count ?? (anyFieldCount ? fieldDossierSum : 0);
  const source: DossierSource = unitOwn.count !== null ? unitOwn.source : anyFieldCount ? 'fields' : 'none';
  const yearFromFields = fields.reduce<number | null>((n, f) => {
    const y = dossiersOf(counts, f.id, year).count;
    return y === null ? n : (n ?? 0) + y;
  }, null);
  const yearDossiers = unitYear.count ?? yearFromFields;
  const band = yearDossiers ?? dossiers;
  for (const row of fieldRows) Object.assign(row, coverageOf(row.dossiers, row.responses, band));
  const report: CoverageReport = {
    unitId,
    period: period.key,
    label: period.label,
    from: period.from,
    to: period.to,
    yearDossiers,
    dossierSource: source,
    ...coverageOf(dossiers, totalResponses, band),
    fields: fieldRows,
    rate766: {
      basis: 'responses',
      rated: totalResponses,
      satisfied,
      share: totalResponses === 0 ? null : satisfied / totalResponses,
      note: 'Tỷ lệ hài lòng trên số phiếu (chưa gắn với từng hồ sơ). Chỉ số 766 trên Cổng Dịch vụ công quốc gia tính theo đánh giá từng hồ sơ; để tính theo hồ sơ, cần phát phiếu hẹn có mã QR gắn mã hồ sơ.',
    },
    source: 'counts',
  };
  return withTicketCoverage(deps, report, period, year, fields);
}
