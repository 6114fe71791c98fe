import { useSyncExternalStore } from 'react';

/**
 * A signed-in staff member, as POST /api/auth/login returned it. `token` is null in a browser at
 * /app/: the session then lives in an HttpOnly cookie that no script (and so no injected script)
 * can read; inside Zalo the API is another origin and the bearer token is kept here.
 */
export interface StaffSession {
  readonly token: string | null;
  readonly role: string;
  readonly unitId: string | null;
  readonly username: string;
  readonly expiresAt: string;
}

const KEY = 'hailong.staff.session.v1';
const listeners = new Set<() => void>();
let current: StaffSession | null | undefined;
/** Why the last session ended, shown once on the sign-in screen. */
let endedReason: string | null = null;

function read(): StaffSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StaffSession;
    // An expired session is dropped here, before any request: the server would answer 401 anyway.
    return (typeof s.token === 'string' || s.token === null) && Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}

function emit() {
  for (const l of listeners) l();
}

export function getSession(): StaffSession | null {
  if (current === undefined) current = read();
  if (current && Date.parse(current.expiresAt) <= Date.now()) endSession('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
  return current ?? null;
}

export function startSession(s: StaffSession): void {
  current = s;
  endedReason = null;
  localStorage.setItem(KEY, JSON.stringify(s));
  emit();
}

export function endSession(reason: string | null = null): void {
  current = null;
  endedReason = reason;
  localStorage.removeItem(KEY);
  emit();
}

export function takeEndedReason(): string | null {
  const r = endedReason;
  endedReason = null;
  return r;
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useStaffSession(): StaffSession | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}
