/**
 * One bounded HTTP call to a Zalo API. Zalo answers HTTP 200 even on failure (an `error` field
 * says what went wrong), so this only separates "no usable answer" (timeout, network, non-2xx,
 * not JSON) from "an answer", and the callers read the `error` code. Never logs: URLs carry no
 * secrets (tokens travel in headers) but callers still decide what is safe to report.
 */
export type TransportFailure = { kind: 'timeout' } | { kind: 'network'; message: string } | { kind: 'http'; status: number };

export type ZaloAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; failure: TransportFailure };

export interface ZaloRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A JSON body, or a form (URLSearchParams). */
  body?: unknown;
  timeoutMs: number;
  /** Aborts early (a dispatcher being stopped). */
  signal?: AbortSignal;
}

export async function callZalo(req: ZaloRequest): Promise<ZaloAnswer> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.body instanceof URLSearchParams) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = req.body.toString();
  } else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  try {
    const res = await fetch(req.url, { method: req.method, headers, ...(body === undefined ? {} : { body }), signal });
    const text = await res.text();
    if (!res.ok) return { ok: false, failure: { kind: 'http', status: res.status } };
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, failure: { kind: 'network', message: 'answer is not a JSON object' } };
    return { ok: true, body: parsed as Record<string, unknown> };
  } catch (err) {
    if (timeout.aborted) return { ok: false, failure: { kind: 'timeout' } };
    const message = err instanceof SyntaxError ? 'answer is not JSON' : err instanceof Error ? err.name : 'unknown';
    return { ok: false, failure: { kind: 'network', message } };
  }
}

/** Zalo's `error` field: 0 (or absent) is success. Some answers carry it as a string. */
export function errorCodeOf(body: Record<string, unknown>): number {
  const e = body['error'];
  if (e === undefined || e === null) return 0;
  const n = typeof e === 'number' ? e : Number(e);
  return Number.isFinite(n) ? n : -1;
}

export function describeFailure(f: TransportFailure): string {
  return f.kind === 'timeout' ? 'timeout' : f.kind === 'http' ? `HTTP ${f.status}` : `network: ${f.message}`;
}
