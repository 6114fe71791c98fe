import { endSession, getSession } from '../../state/staff-session.ts';
import { apiClient, type ApiClient } from './client.ts';
import type { ApiErrorBody } from './types.ts';

/** One problem of a refused request, as the server lists it (`error.details`): a file's line, a field. */
export type ApiErrorDetail = NonNullable<ApiErrorBody['error']['details']>[number];

/** A non-2xx answer, with the server's Vietnamese message and, when it gave them, its details. */
export class StaffApiError extends Error {
  override name = 'StaffApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

let client: ApiClient | undefined;
/** The typed client's `/api` routes, made once. */
export const staffApi = (): ApiClient['api'] => (client ??= apiClient()).api;

export const NETWORK_MESSAGE = 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.';

function isDetail(v: unknown): v is ApiErrorDetail {
  return typeof v === 'object' && v !== null && 'path' in v && 'message' in v && typeof v.path === 'string' && typeof v.message === 'string';
}

/** The error a non-2xx answer carries: its message (else `fallback`) and its details. */
export async function errorOf(res: Response, fallback: string): Promise<StaffApiError> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown; details?: unknown } };
    const message = typeof body.error?.message === 'string' ? body.error.message : fallback;
    const details = Array.isArray(body.error?.details) ? body.error.details.filter(isDetail) : [];
    return new StaffApiError(res.status, message, details);
  } catch {
    return new StaffApiError(res.status, fallback);
  }
}

/** The bearer token where the session keeps one; a cookie session (token null) sends none: the browser sends the cookie. */
export function auth(): { headers: Record<string, string> } {
  const token = getSession()?.token;
  return { headers: token ? { authorization: `Bearer ${token}` } : {} };
}

/** Runs a call; 401 ends the session (the screens fall back to sign-in), other errors throw. */
export async function ok<R extends Response>(p: Promise<R>): Promise<R> {
  let res: R;
  try {
    res = await p;
  } catch {
    throw new StaffApiError(0, NETWORK_MESSAGE);
  }
  if (res.status === 401) {
    endSession('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    throw new StaffApiError(401, 'Phiên đăng nhập đã hết hạn.');
  }
  if (!res.ok) throw await errorOf(res, 'Đã có lỗi xảy ra. Vui lòng thử lại.');
  return res;
}
