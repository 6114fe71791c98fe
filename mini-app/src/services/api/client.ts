import { createClient } from '@hai-long/backend/client';
import { apiBase } from './base.ts';

/** Hono's typed client over the backend's routes (types from backend/src/http/app-type.ts). */
export function apiClient(fetchImpl?: typeof fetch) {
  const base = apiBase() || (typeof window === 'undefined' ? 'http://localhost' : window.location.origin);
  return createClient(base, fetchImpl ? { fetch: fetchImpl } : undefined);
}

export type ApiClient = ReturnType<typeof apiClient>;
