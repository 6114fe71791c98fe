import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { periodOf } from '@hai-long/backend/domain/periods';
import { FormPicker } from '../../../components/staff/form-picker.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { PeriodPicker } from '../../../components/staff/period-picker.tsx';
import { fetchOfficerSummary, fetchUnitStaff } from '../../../services/api/cases.ts';
import type { DayRange } from '../../../services/api/reports.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { OfficerReport } from './officer-report.tsx';
import './officer.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The range in the address (?from&to), else this month. */
function rangeOf(params: URLSearchParams, today: string): DayRange {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && DAY.test(from) && DAY.test(to) && from <= to) return { from, to };
  const month = periodOf(today.slice(0, 7))!;
  return { from: month.from, to: month.to };
}

/**
 * One officer (#/staff/officers/:officerId?from&to): the period's figures with the verdict, per
 * question, the trend, the cases (decided here too) and the comments: what the chairman needs to
 * inform the officer. Reached from an alert, the officers tables and the funnel plot.
 */
export function OfficerPage() {
  const { officerId = '' } = useParams();
  const { unit } = useStaffUnit();
  const { formKey } = useStaffForm();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const today = vietnamToday();
  const range = useMemo(() => rangeOf(params, today), [params, today]);
  const setRange = (r: DayRange) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('from', r.from);
        next.set('to', r.to);
        return next;
      },
      { replace: true },
    );
  const load = useCallback(() => fetchOfficerSummary(unit.id, officerId, range, formKey), [unit.id, officerId, range, formKey]);
  const { state, reload } = useLoaded(load, `${unit.id}|${officerId}|${range.from}|${range.to}|${formKey ?? ''}`);
  const staffState = useLoaded(useCallback(() => fetchUnitStaff(unit.id), [unit.id]), unit.id).state;
  const summary = state.kind === 'ok' ? state.data : null;

  return (
    <div className="staff-screen officer-screen">
      {location.key !== 'default' && (
        <button type="button" className="staff-btn officer-back no-print" onClick={() => navigate(-1)}>
          ← Quay lại
        </button>
      )}
      <h1 className="staff-title">
        {summary ? summary.officer.name : 'Cán bộ'}
        {summary?.officer.title && <span className="officer-title-sub">{summary.officer.title}</span>}
      </h1>
      {summary && !summary.officer.active && <p className="staff-notice">Cán bộ này đã thôi làm việc tại bộ phận một cửa; số liệu cũ vẫn được giữ.</p>}
      <FormPicker />
      <PeriodPicker value={range} onChange={setRange} today={today} />
      {summary ? (
        <OfficerReport s={summary} unitId={unit.id} staff={staffState.kind === 'ok' ? staffState.data : null} onChanged={reload} />
      ) : (
        <LoadState state={state} onRetry={reload} />
      )}
    </div>
  );
}
