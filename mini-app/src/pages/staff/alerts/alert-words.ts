import { periodOf } from '@hai-long/backend/domain/periods';
import type { AlertItem, AlertKind } from '../../../services/api/alerts.ts';
import type { DayRange } from '../../../services/api/reports.ts';

/** The kinds of alert, as the type filter and each card name them. */
export const KIND_LABELS: Record<AlertKind, string> = {
  response: 'Phiếu rất không hài lòng, phản ánh',
  crossing: 'Cán bộ vượt ngưỡng trong kỳ',
  evaluation: 'Đánh giá cán bộ cuối kỳ',
  case_overdue: 'Hồ sơ quá hạn xử lý',
  digest: 'Tổng hợp trong ngày',
  reminder: 'Nhắc lịch công bố kết quả',
};

/** Whether everyone got the Zalo message, in a few words (the card's delivery line, not a badge). */
export const DELIVERY_WORDS: Record<AlertItem['delivery'], string> = {
  delivered: 'Đã gửi qua Zalo',
  failed: 'Gửi qua Zalo không được',
  waiting: 'Đang chờ gửi qua Zalo',
  sending: 'Đang gửi qua Zalo',
  none: 'Không có người nhận qua Zalo',
};

/** One recipient's outbox status. */
export const RECIPIENT_STATUS: Record<string, string> = {
  delivered: 'đã nhận',
  failed: 'gửi không được',
  waiting: 'đang chờ',
  sending: 'đang gửi',
  pending: 'đang chờ gửi',
};

const detail = (a: AlertItem, key: string): unknown => (typeof a.details === 'object' && a.details !== null ? (a.details as Record<string, unknown>)[key] : undefined);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The verdict an officer's alert carries (crossing, evaluation): certain, by chance, or none. */
export function alertCertainty(a: AlertItem): 'certain' | 'chance' | null {
  const c = detail(a, 'certainty');
  return c === 'certain' || c === 'chance' ? c : null;
}

/**
 * Where the officer's page should open for an alert that names an officer: the alert's period
 * (crossing, evaluation), else the month of the response; and the form, when the alert names one.
 */
export function officerTarget(a: AlertItem): { officerId: string; range: DayRange; form: string | undefined } | null {
  if (!a.officer || !['crossing', 'evaluation', 'response', 'case_overdue'].includes(a.kind)) return null;
  const named = periodOf(text(detail(a, 'period')) ?? '');
  const day = (a.kind === 'case_overdue' ? text(detail(a, 'day')) : null) ?? a.day;
  const p = named ?? periodOf(day.slice(0, 7));
  if (!p) return null;
  return { officerId: a.officer.id, range: { from: p.from, to: p.to }, form: text(detail(a, 'formKey')) ?? undefined };
}

