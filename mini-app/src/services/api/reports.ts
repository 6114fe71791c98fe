import type { InferResponseType } from 'hono/client';
import { apiBase } from './base.ts';
import type { ApiClient } from './client.ts';
import { saveDownload } from './download.ts';
import { auth, ok, staffApi as api } from './staff-http.ts';

/*
 * Reports, the raw export, the publication calendar and publishing: the backend's
 * reports.routes.ts, typed through the same `hc` client as the other staff calls.
 */
type UnitApi = ApiClient['api']['units'][':unitId'];
type ReportQuery = NonNullable<Parameters<UnitApi['report']['$get']>[0]>['query'];
export type ReportData = Extract<InferResponseType<UnitApi['report']['$get'], 200>, { total: unknown }>;
export type ReportRow = ReportData['questions'][number];
export type CalendarReport = InferResponseType<UnitApi['calendar']['$get'], 200>;
export type CalendarEntry = CalendarReport['entries'][number];
export type Publication = InferResponseType<UnitApi['publications']['$post'], 201>;

export type Audience = 'internal' | 'public';
export type ReportFormat = 'pdf' | 'xlsx' | 'csv';

/** A range of Vietnam-local days (inclusive), as every report call takes it. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

const query = (range: DayRange, form: string | undefined, extra: Partial<ReportQuery>): ReportQuery => ({ from: range.from, to: range.to, form, ...extra });

/** The report as figures (`format=json`): what the files state, for the screen. */
export async function fetchReport(unitId: string, range: DayRange, form: string | undefined, audience: Audience): Promise<ReportData> {
  const res = await ok(api().units[':unitId'].report.$get({ param: { unitId }, query: query(range, form, { format: 'json', audience }) }, auth()));
  return (await res.json()) as ReportData;
}

/**
 * Downloads the report file. Fetched with the session (a bearer token inside Zalo, where a plain
 * link would carry none), then saved under the server's file name.
 */
export async function downloadReport(unitId: string, range: DayRange, form: string | undefined, audience: Audience, format: ReportFormat): Promise<string> {
  const res = await ok(api().units[':unitId'].report.$get({ param: { unitId }, query: query(range, form, { format, audience }) }, auth()));
  return saveDownload(res, `bao-cao-hai-long.${format}`);
}

/** The raw responses of the range as CSV (internal: comments included). */
export async function downloadRawResponses(unitId: string, range: DayRange, form: string | undefined): Promise<string> {
  const res = await ok(api().units[':unitId']['responses.csv'].$get({ param: { unitId }, query: { from: range.from, to: range.to, form } }, auth()));
  return saveDownload(res, 'phieu-hai-long.csv');
}

export async function fetchCalendar(unitId: string): Promise<CalendarReport> {
  const res = await ok(api().units[':unitId'].calendar.$get({ param: { unitId } }, auth()));
  return (await res.json()) as CalendarReport;
}

export async function fetchPublications(unitId: string): Promise<Publication[]> {
  const res = await ok(api().units[':unitId'].publications.$get({ param: { unitId } }, auth()));
  return (await res.json()).publications as Publication[];
}

/** Publishes a named period's public report; a period already published is refused (409, with the server's message). */
export async function publishPeriod(unitId: string, period: string, form: string | undefined): Promise<Publication> {
  const res = await ok(api().units[':unitId'].publications.$post({ param: { unitId }, json: { period, form } }, auth()));
  return (await res.json()) as Publication;
}

/** The public board of a unit, or one of its published PDFs, on the backend's origin (inside Zalo the app is on another). */
export function boardUrl(unitCode: string, publicationId?: string): string {
  const origin = apiBase() || window.location.origin;
  const board = `${origin}/board/${encodeURIComponent(unitCode)}`;
  return publicationId ? `${board}/publications/${encodeURIComponent(publicationId)}.pdf` : board;
}
