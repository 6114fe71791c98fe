import { useCallback, useState } from 'react';
import { CoverageSummary } from '../../../components/staff/coverage-summary.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { periodOfRange, periodPresets, type NamedKind } from '../../../components/staff/period-options.ts';
import { PeriodPicker } from '../../../components/staff/period-picker.tsx';
import { fetchCoverage } from '../../../services/api/coverage.ts';
import type { DayRange } from '../../../services/api/reports.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { CoverageTable } from './coverage-table.tsx';
import { DossierImport } from './dossier-import.tsx';
import './coverage.css';

// Dossier counts are kept by month, quarter and year (a half-year adds up its quarters or months).
const KINDS: readonly NamedKind[] = ['month', 'quarter', 'year'];

/**
 * Dossiers against responses (R4.1) for a month, quarter or year: per field and for the unit,
 * with the counts typed here or imported from a file.
 */
export function CoveragePage() {
  const { unit } = useStaffUnit();
  const today = vietnamToday();
  const [range, setRange] = useState<DayRange>(() => periodPresets(today, KINDS)[0]!.range);
  const period = periodOfRange(range);
  const load = useCallback(() => fetchCoverage(unit.id, period.key), [unit.id, period.key]);
  const { state, reload } = useLoaded(load, `${unit.id}|${period.key}`);
  const coverage = state.kind === 'ok' ? state.data : null;

  return (
    <div className="staff-screen coverage-screen">
      <h1 className="staff-title">Số hồ sơ và số phiếu</h1>
      <p className="staff-muted no-print coverage-intro">
        Số phiếu khảo sát phải đạt một tỷ lệ tối thiểu của số hồ sơ đã giải quyết, tùy số hồ sơ cả năm. Nhập số hồ sơ theo lĩnh vực (hoặc cả đơn vị) cho tháng, quý hoặc năm.
      </p>
      <div className="no-print">
        <PeriodPicker value={range} onChange={setRange} today={today} kinds={KINDS} custom={false} legend="Kỳ báo cáo" />
      </div>
      {coverage ? (
        <>
          <section className="staff-section" aria-labelledby="coverage-unit-h">
            <h2 id="coverage-unit-h">
              {unit.name}: {coverage.label}
            </h2>
            <CoverageSummary c={coverage} />
          </section>
          <section className="staff-section" aria-labelledby="coverage-fields-h">
            <h2 id="coverage-fields-h">Theo lĩnh vực</h2>
            <CoverageTable c={coverage} unitId={unit.id} onSaved={reload} />
          </section>
        </>
      ) : (
        <LoadState state={state} onRetry={reload} />
      )}
      <DossierImport unitId={unit.id} coverage={coverage} onImported={reload} />
      <p className="no-print print-action">
        <button type="button" className="staff-btn" onClick={() => window.print()}>
          In trang này
        </button>
      </p>
    </div>
  );
}
