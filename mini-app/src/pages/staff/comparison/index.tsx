import { useCallback, useEffect, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { FormPicker } from '../../../components/staff/form-picker.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { periodPresets } from '../../../components/staff/period-options.ts';
import { PeriodPicker } from '../../../components/staff/period-picker.tsx';
import { fetchComparison, type ComparisonAsk, type ComparisonRow } from '../../../services/api/comparison.ts';
import type { DayRange } from '../../../services/api/reports.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { setComparisonReturn } from '../../../state/comparison-return.ts';
import { comparisonRootOf, sortFromParams, type SortState } from '../../../state/comparison-table.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { CampaignPicker } from './campaign-picker.tsx';
import { ComparisonView } from './comparison-view.tsx';
import './comparison.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The supervisor's comparison of every unit below their unit (issue 29): a period (or a survey
 * campaign), the funnel plot, the sortable table with each unit's outlier wording and rank, the
 * province report as XLSX or PDF, and a drill-down into any unit (its Today screen, with the way
 * back here). The period, the campaign and the sort live in the address, so the way back returns
 * to the same table.
 */
export function ComparisonPage() {
  const { units, unit, setUnitId } = useStaffUnit();
  const { formKey } = useStaffForm();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = vietnamToday();
  const root = comparisonRootOf(units, unit);

  const year = periodPresets(today).find((p) => p.key.length === 4)?.range ?? { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
  const from = params.get('from');
  const to = params.get('to');
  const range: DayRange = from && to && DAY.test(from) && DAY.test(to) && from <= to ? { from, to } : year;
  const campaignId = params.get('campaign') ?? undefined;
  const sort = sortFromParams(params.get('sort'), params.get('dir'));
  // With a campaign, the server compares with the campaign's own form.
  const ask: ComparisonAsk = useMemo(
    () => ({ range: { from: range.from, to: range.to }, form: campaignId ? undefined : formKey, campaignId }),
    [range.from, range.to, formKey, campaignId],
  );

  // Here, the way back is no longer needed.
  useEffect(() => setComparisonReturn(null), []);

  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setRange = (r: DayRange) => update({ from: r.from, to: r.to });
  const setSort = (s: SortState) => update(s.key === 'tree' ? { sort: null, dir: null } : { sort: s.key, dir: s.dir });
  const setCampaign = (id: string | null, window: DayRange | null) => update({ campaign: id, ...(window ? { from: window.from, to: window.to } : {}) });

  const load = useCallback(() => fetchComparison(root.id, ask), [root.id, ask]);
  const { state, reload } = useLoaded(load, `${root.id}|${ask.range.from}|${ask.range.to}|${ask.form ?? ''}|${ask.campaignId ?? ''}`);

  /** Opens a unit of the table or the plot: its Today screen, with the way back to this very table. */
  const open = (row: Pick<ComparisonRow, 'unitId' | 'name'>) => {
    const back = new URLSearchParams(params);
    back.set('unit', root.id);
    back.set('from', range.from);
    back.set('to', range.to);
    if (formKey && !campaignId) back.set('form', formKey);
    setComparisonReturn({ href: `/staff/comparison?${back.toString()}`, rootName: root.name, unitId: row.unitId, unitName: row.name });
    setUnitId(row.unitId);
    navigate('/staff/today');
  };

  return (
    <div className="staff-screen cmp-screen">
      <h1 className="staff-title">So sánh đơn vị</h1>
      <p className="cmp-root">
        Các đơn vị thuộc <strong>{root.name}</strong>
        {root.id !== unit.id ? ` (đang chọn ${unit.name})` : ''}
      </p>
      <div className="no-print cmp-filters">
        <div className="cmp-filter-row">
          {!campaignId && <FormPicker />}
          <CampaignPicker unitId={root.id} value={campaignId ?? null} onChange={setCampaign} />
        </div>
        <PeriodPicker value={range} onChange={setRange} today={today} />
      </div>
      {state.kind === 'ok' ? (
        <ComparisonView report={state.data} ask={ask} sort={sort} onSort={setSort} onOpen={open} currentUnitId={unit.id} />
      ) : (
        <LoadState state={state} onRetry={reload} />
      )}
    </div>
  );
}
