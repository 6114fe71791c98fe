import { listAlerts, type AlertDelivery, type AlertListFilter, type AlertView } from '../db/alerts.repository.ts';
import { listOfficers } from '../db/officers.repository.ts';
import type { CaseStatus } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { formatViDate } from '../domain/day.ts';
import { LEVELS } from '../domain/levels.ts';
import { verdictOf } from '../domain/results.ts';
import { periodWords } from '../jobs/alert-text.ts';
import { CASE_STATUS_LABEL, caseSummaries, type CaseSummary } from './cases.service.ts';
import { casesOfResponses } from '../db/cases.repository.ts';

/** One word for the staff list: has everyone got it, is it waiting on someone, or did it fail? */
export function deliveryStatus(ds: AlertDelivery[]): 'none' | 'delivered' | 'failed' | 'waiting' | 'sending' {
  if (ds.length === 0) return 'none';
  if (ds.some((d) => d.status === 'failed')) return 'failed';
  if (ds.some((d) => d.status === 'waiting')) return 'waiting';
  if (ds.some((d) => d.status === 'pending' || d.status === 'sending')) return 'sending';
  return 'delivered';
}

/** An alert's one status: its case's when it has one, else new until acknowledged. */
export type AlertStatus = CaseStatus | 'seen';
const STATUS_LABEL: Record<AlertStatus, string> = { ...CASE_STATUS_LABEL, seen: 'Đã xem' };

const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1).replace('.', ',')}%` : '–');
const num = (x: unknown) => (typeof x === 'number' ? x : 0);

/** A short line for the list, in words (the Zalo message itself stays in `text`). */
export function alertSummary(a: Pick<AlertView, 'kind' | 'details' | 'day'>, officerName: string | null): string {
  const d = (a.details ?? {}) as Record<string, unknown>;
  const who = officerName ?? 'Không chọn cán bộ';
  switch (a.kind) {
    case 'response': {
      const issues = Array.isArray(d['issues']) ? (d['issues'] as unknown[]).length : 0;
      const level = LEVELS.find((l) => l.value === d['level']);
      return `${issues > 0 ? `Phản ánh tiêu cực (${issues})` : (level?.label ?? 'Đánh giá thấp')} – ${who}`;
    }
    case 'crossing':
    case 'evaluation': {
      const n = num(d['n']);
      const k = num(d['dissatisfied']);
      const verdict = verdictOf({ responses: n, dissatisfied: k, flagged: true });
      const period = typeof d['period'] === 'string' ? periodWords(d['period']) : typeof d['month'] === 'string' ? periodWords(d['month']) : '';
      return `${a.kind === 'evaluation' ? `Kết quả ${period}` : `Trong ${period}`}: ${who} – ${verdict.label} (${k}/${n} = ${pct(d['share'])})`;
    }
    case 'digest':
      return `Tổng hợp ngày ${formatViDate(a.day)}: ${num(d['responses'])} phiếu, hài lòng ${pct(d['satisfiedShare'])}`;
    case 'reminder':
      return `Nhắc lịch công bố kết quả kỳ ${String(d['periodKey'] ?? '')}, hạn ${formatViDate(String(d['due'] ?? ''))}`;
    case 'case_overdue':
      return `Quá hạn xử lý (${String(d['stepLabel'] ?? `bước ${num(d['step'])}`)}): ${d['kind'] === 'misconduct' ? 'phản ánh tiêu cực' : '"Rất không hài lòng"'} ngày ${formatViDate(String(d['day'] ?? ''))} – ${who}`;
  }
}

export type AlertListItem = AlertView & {
  summary: string;
  /** The case of the alert's response, if it opened one (its status is also `caseStatus`). */
  case: CaseSummary | null;
  officer: { id: string; name: string } | null;
  /** Where it stands: its case's status, else new or seen. The screen's one badge. */
  handling: AlertStatus;
  handlingLabel: string;
  /** Whether the Zalo messages reached everyone (kept as `status` too, as before). */
  delivery: ReturnType<typeof deliveryStatus>;
  status: ReturnType<typeof deliveryStatus>;
};

/** The alerts screen's page: filters, a short text, one status, the delivery, and the cursor of the next page. */
export async function listAlertItems(deps: Deps, unitId: string, filter: AlertListFilter): Promise<{ alerts: AlertListItem[]; nextBefore: string | null }> {
  const [alerts, officers] = await Promise.all([listAlerts(deps.db.kysely, unitId, filter), listOfficers(deps.db.kysely, unitId)]);
  const responseIds = [...new Set(alerts.map((a) => a.responseId).filter((x): x is string => x !== null))];
  const cases = await caseSummaries(deps, unitId, await casesOfResponses(deps.db.kysely, responseIds));
  const name = new Map(officers.map((o) => [o.id, o.name]));
  const items = alerts.map((a): AlertListItem => {
    const handling: AlertStatus = a.caseStatus ?? (a.acknowledged ? 'seen' : 'new');
    const delivery = deliveryStatus(a.deliveries);
    const officerName = a.officerId ? (name.get(a.officerId) ?? null) : null;
    return {
      ...a,
      summary: alertSummary(a, officerName),
      case: a.responseId ? (cases.get(a.responseId) ?? null) : null,
      officer: a.officerId && officerName ? { id: a.officerId, name: officerName } : null,
      handling,
      handlingLabel: STATUS_LABEL[handling],
      delivery,
      status: delivery,
    };
  });
  const last = alerts.at(-1);
  return { alerts: items, nextBefore: alerts.length === filter.limit && last ? `${last.createdAt}|${last.id}` : null };
}
