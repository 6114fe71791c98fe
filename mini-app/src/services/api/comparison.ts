import type { InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';
import { saveDownload } from './download.ts';
import type { DayRange } from './reports.ts';
import { auth, ok, staffApi as api } from './staff-http.ts';

/*
 * The comparison of every unit below a supervisor's unit (issue 29): the backend's
 * comparison.routes.ts, typed through the same `hc` client as the other staff calls.
 */
type ComparisonApi = ApiClient['api']['units'][':unitId']['comparison'];
type ComparisonQuery = NonNullable<Parameters<ComparisonApi['$get']>[0]>['query'];
export type ComparisonReport = Extract<InferResponseType<ComparisonApi['$get'], 200>, { units: unknown }>;
export type ComparisonRow = ComparisonReport['units'][number];
export type ComparisonFormat = 'xlsx' | 'pdf';

/** What a comparison is asked for: the range, the form (undefined: the counter form), a campaign (optional). */
export interface ComparisonAsk {
  readonly range: DayRange;
  readonly form: string | undefined;
  readonly campaignId: string | undefined;
}

const query = (ask: ComparisonAsk, format: ComparisonQuery['format']): ComparisonQuery => ({
  from: ask.range.from,
  to: ask.range.to,
  form: ask.form,
  campaignId: ask.campaignId,
  format,
});

export async function fetchComparison(unitId: string, ask: ComparisonAsk): Promise<ComparisonReport> {
  const res = await ok(api().units[':unitId'].comparison.$get({ param: { unitId }, query: query(ask, 'json') }, auth()));
  return (await res.json()) as ComparisonReport;
}

/** The province report file (one row per unit), fetched with the session and saved under the server's name. */
export async function downloadComparison(unitId: string, ask: ComparisonAsk, format: ComparisonFormat): Promise<string> {
  const res = await ok(api().units[':unitId'].comparison.$get({ param: { unitId }, query: query(ask, format) }, auth()));
  return saveDownload(res, `so-sanh-don-vi.${format}`);
}
