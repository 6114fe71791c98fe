import { apiClient, type ApiClient } from './client.ts';
import type { ApiErrorBody, PublicPoint, ResponseBody, ResponseReceipt } from './types.ts';
import { takePrefetchedPoint } from '../offline/point-prefetch.ts';

const POINT_TIMEOUT_MS = 15_000;
const SEND_TIMEOUT_MS = 15_000;

export type LoadPointResult =
  | { readonly kind: 'ok'; readonly point: PublicPoint }
  | { readonly kind: 'not-found'; readonly message: string }
  /** A receipt ticket that has done its work: rated already (409) or past its expiry (410). */
  | { readonly kind: 'ticket-closed'; readonly reason: TicketClosedReason; readonly message: string }
  | { readonly kind: 'network' };

export type TicketClosedReason = 'used' | 'expired';

/** What one POST of a response came to. */
export type SendOutcome =
  | { readonly kind: 'sent'; readonly receipt: ResponseReceipt }
  /** Try again later: no network, timeout, 408, 429 (after `retryAfterMs`), 5xx. */
  | { readonly kind: 'retry'; readonly retryAfterMs?: number }
  /** Permanent: any other 4xx; nothing was stored; `message` is the server's Vietnamese text. */
  | { readonly kind: 'rejected'; readonly status: number; readonly code: string; readonly message: string };

let client: ApiClient | undefined;
const api = (): ApiClient => (client ??= apiClient());

function isApiError(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

const isPermanent = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * Why a ticket is closed, from a refusal's code (`ticket_used`, `ticket_expired`), else its status
 * (409, 410); null for any other refusal. The public POST answers the same way as the GET.
 */
export function ticketClosedReason(status: number, code?: string): TicketClosedReason | null {
  if (code === 'ticket_used') return 'used';
  if (code === 'ticket_expired') return 'expired';
  if (status === 410) return 'expired';
  if (status === 409 && (code === undefined || code.startsWith('ticket'))) return 'used';
  return null;
}

const TICKET_FALLBACK: Record<TicketClosedReason, string> = {
  used: 'Hồ sơ này đã được đánh giá.',
  expired: 'Mã QR trên giấy biên nhận đã hết hạn.',
};

/** A refused GET of a point: a closed ticket, or a token that does not open a form. */
async function refusalOf(res: Response): Promise<LoadPointResult> {
  const body = await readJson(res);
  const error = isApiError(body) ? body.error : null;
  const reason = ticketClosedReason(res.status, error?.code);
  if (reason) return { kind: 'ticket-closed', reason, message: error?.message ?? TICKET_FALLBACK[reason] };
  return { kind: 'not-found', message: error?.message ?? 'Không tìm thấy điểm đánh giá này.' };
}

/** GET /api/public/points/:token (or the request index.html already started for it). */
export async function loadPoint(token: string): Promise<LoadPointResult> {
  const prefetched = await takePrefetchedPoint(token)?.catch(() => null);
  if (prefetched?.ok) {
    // Same route, same body as the typed call below; started before the app's JS loaded.
    const body = (await readJson(prefetched)) as PublicPoint | null;
    if (body) return { kind: 'ok', point: body };
  }
  // A used or expired ticket: the answer is final, no need to ask again.
  if (prefetched && (prefetched.status === 409 || prefetched.status === 410)) return refusalOf(prefetched);
  try {
    const res = await api().api.public.points[':token'].$get(
      { param: { token } },
      { init: { signal: AbortSignal.timeout(POINT_TIMEOUT_MS) } },
    );
    if (res.status === 200) return { kind: 'ok', point: await res.json() };
    if (isPermanent(res.status)) return refusalOf(res);
    return { kind: 'network' };
  } catch {
    return { kind: 'network' };
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** POST /api/public/responses — idempotent on `clientId` (201 first, 200 on a retry). */
export async function sendResponse(body: ResponseBody): Promise<SendOutcome> {
  let res;
  try {
    res = await api().api.public.responses.$post({ json: body }, { init: { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) } });
  } catch {
    return { kind: 'retry' };
  }
  if (res.status === 201 || res.status === 200) {
    const receipt = (await readJson(res)) as ResponseReceipt | null;
    return receipt ? { kind: 'sent', receipt } : { kind: 'retry' };
  }
  if (res.status === 429) return { kind: 'retry', retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
  if (!isPermanent(res.status)) return { kind: 'retry' };
  const json = await readJson(res);
  return {
    kind: 'rejected',
    status: res.status,
    code: isApiError(json) ? json.error.code : 'rejected',
    message: isApiError(json) ? json.error.message : 'Máy chủ không nhận phiếu đánh giá này. Vui lòng thử lại sau.',
  };
}
