import { useCallback, useMemo, useState } from 'react';
import { FormPicker } from '../../../components/staff/form-picker.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { periodOfRange, periodPresets } from '../../../components/staff/period-options.ts';
import { PeriodPicker } from '../../../components/staff/period-picker.tsx';
import { fetchCalendar, fetchPublications, fetchReport, type Audience, type DayRange } from '../../../services/api/reports.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { DownloadBar } from './download-bar.tsx';
import { PublicationCalendar } from './publication-calendar.tsx';
import { PublicationList } from './publication-list.tsx';
import { PublishPanel } from './publish-panel.tsx';
import { ReportView } from './report-view.tsx';
import './reports.css';

/**
 * The clerk's reports: a period, the report on screen as the files state it, the files (PDF,
 * XLSX, CSV, internal or public, and the raw responses), publishing a period, the unit's
 * publications and the calendar of due dates.
 */
export function ReportsPage() {
  const { unit } = useStaffUnit();
  const { forms, form, formKey } = useStaffForm();
  const today = vietnamToday();
  const [range, setRange] = useState<DayRange>(() => periodPresets(today)[0]!.range);
  const [audience, setAudience] = useState<Audience>('internal');
  const period = periodOfRange(range);

  const load = useCallback(() => fetchReport(unit.id, range, formKey, audience), [unit.id, range, formKey, audience]);
  const report = useLoaded(load, `${unit.id}|${range.from}|${range.to}|${formKey ?? ''}|${audience}`);
  const publications = useLoaded(
    useCallback(() => fetchPublications(unit.id), [unit.id]),
    unit.id,
  );
  const calendar = useLoaded(
    useCallback(() => fetchCalendar(unit.id), [unit.id]),
    unit.id,
  );
  const formTitles = useMemo(() => new Map(forms.map((f) => [f.key, f.title])), [forms]);
  const published =
    publications.state.kind === 'ok' && form ? (publications.state.data.find((p) => p.periodKey === period.key && p.formKey === form.key) ?? null) : null;

  return (
    <div className="staff-screen reports-screen">
      <h1 className="staff-title">Báo cáo kết quả</h1>
      <div className="no-print">
        <FormPicker />
        <PeriodPicker value={range} onChange={setRange} today={today} />
      </div>
      <div className="reports-layout">
        <div className="reports-actions">
          <DownloadBar unitId={unit.id} range={range} formKey={formKey} audience={audience} onAudience={setAudience} />
          <PublishPanel
            key={`${unit.id}|${period.key}|${formKey ?? ''}`}
            unitId={unit.id}
            unitCode={unit.code}
            period={period}
            today={today}
            formKey={formKey}
            published={published}
            onPublished={() => {
              publications.reload();
              calendar.reload();
            }}
          />
        </div>
        <div className="reports-main">{report.state.kind === 'ok' ? <ReportView r={report.state.data} /> : <LoadState state={report.state} onRetry={report.reload} />}</div>
        <div className="reports-side">
          <PublicationList unitCode={unit.code} state={publications.state} formTitles={formTitles} />
          <PublicationCalendar state={calendar.state} onRetry={calendar.reload} />
        </div>
      </div>
      <p className="no-print print-action">
        <button type="button" className="staff-btn" onClick={() => window.print()}>
          In báo cáo này
        </button>
      </p>
    </div>
  );
}
