import { createHash } from 'node:crypto';
import { AppError } from '../../app-error.ts';
import { newRowId } from '../../db/ids.ts';
import { findPublication, insertPublication, listPublications, type Publication } from '../../db/publications.repository.ts';
import { findUnitById } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import { nextDueDates, type DueDate } from '../../domain/calendar.ts';
import { daysBetween, vietnamDay } from '../../domain/day.ts';
import { periodOf } from '../../domain/periods.ts';
import { latestFormOrThrow } from '../form-view.ts';
import { buildReportData, type Audience, type ReportData } from './report-data.ts';
import { renderReportCsv } from './report-csv.ts';
import { renderReportPdf } from './report-pdf.ts';
import { renderReportXlsx } from './report-xlsx.ts';

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';

export interface ReportFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

const CONTENT_TYPE: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** 'bao-cao-hai-long_nam-dong_2026-11_cong-khai.pdf': ASCII, so every browser and OS keeps it. */
export function reportFilename(r: Pick<ReportData, 'unit' | 'period' | 'audience' | 'form'>, format: ReportFormat): string {
  const period = r.period.kind === 'range' ? `${r.period.from}_${r.period.to}` : r.period.key;
  const form = r.form.key === 'counter' ? '' : `_${r.form.key}`;
  return `bao-cao-hai-long_${r.unit.code}${form}_${period}_${r.audience === 'public' ? 'cong-khai' : 'noi-bo'}.${format}`;
}

/** A report as a file: the data once, then the format's renderer. */
export async function reportFile(deps: Deps, unitId: string, q: { from: string; to: string; formKey: string; audience: Audience; format: ReportFormat }): Promise<ReportFile> {
  const data = await buildReportData(deps, unitId, q);
  const bytes = q.format === 'pdf' ? await renderReportPdf(data) : q.format === 'xlsx' ? await renderReportXlsx(data) : renderReportCsv(data);
  return { bytes, contentType: CONTENT_TYPE[q.format], filename: reportFilename(data, q.format) };
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Publishes a period's public report: renders the PDF once, keeps it byte for byte with its
 * SHA-256, and from then on the board serves exactly those bytes. A period not yet begun is
 * refused; a running one is published with the figures to date (the report says so). The same
 * period twice → 409: a published report is not silently replaced.
 */
export async function publishReport(deps: Deps, unitId: string, q: { periodKey: string; formKey: string; by: string }): Promise<Publication> {
  const period = periodOf(q.periodKey);
  if (!period) throw new AppError('invalid_input', 'Kỳ phải là YYYY, YYYY-Hn, YYYY-Qn hoặc YYYY-MM.', { details: [{ path: 'period', message: 'YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM' }] });
  const today = vietnamDay(deps.now());
  if (period.from > today) throw new AppError('invalid_input', `${period.label} chưa bắt đầu: chưa thể công bố.`, { details: [{ path: 'period', message: 'not begun' }] });
  await latestFormOrThrow(deps, q.formKey);
  const existing = await findPublication(deps.db.kysely, unitId, q.formKey, period.key);
  if (existing) throw publishedTwice(existing);
  const data = await buildReportData(deps, unitId, { from: period.from, to: period.to, formKey: q.formKey, audience: 'public' });
  const pdf = await renderReportPdf(data);
  const publication: Publication = {
    id: newRowId(),
    unitId,
    formKey: q.formKey,
    periodKey: period.key,
    from: period.from,
    to: data.dataUntil,
    responses: data.total.responses,
    satisfiedShare: data.total.satisfiedShare,
    sha256: sha256Hex(pdf),
    bytes: pdf.byteLength,
    publishedAt: deps.now().toISOString(),
    publishedBy: q.by,
  };
  if (!(await insertPublication(deps.db.kysely, { ...publication, pdf }))) {
    // Another request published the same period meanwhile.
    throw publishedTwice((await findPublication(deps.db.kysely, unitId, q.formKey, period.key))!);
  }
  return publication;
}

function publishedTwice(p: Publication): AppError {
  return new AppError('conflict', `Kỳ ${periodOf(p.periodKey)?.label ?? p.periodKey} đã được công bố lúc ${p.publishedAt}; báo cáo đã công bố không được thay thế.`, {
    details: [{ path: 'period', message: `published ${p.id}` }],
  });
}

export interface CalendarEntry extends DueDate {
  /** Days from today to `due` (0 = today). */
  inDays: number;
  publication: Publication | null;
}

/** The next due dates (calendar.ts), each with this unit's publication of its period, if any. */
export async function publicationCalendar(deps: Deps, unitId: string, opts: { count?: number; formKey?: string } = {}): Promise<{ today: string; reminderDays: number; entries: CalendarEntry[] }> {
  const unit = await findUnitById(deps.db.kysely, unitId);
  if (!unit) throw new AppError('not_found');
  const today = vietnamDay(deps.now());
  const published = await listPublications(deps.db.kysely, unitId, 500);
  const formKey = opts.formKey ?? 'counter';
  return {
    today,
    reminderDays: deps.config.REPORT_REMINDER_DAYS,
    entries: nextDueDates(today, opts.count ?? 8).map((d) => ({
      ...d,
      inDays: daysBetween(today, d.due) - 1,
      publication: published.find((p) => p.formKey === formKey && p.periodKey === d.periodKey) ?? null,
    })),
  };
}
