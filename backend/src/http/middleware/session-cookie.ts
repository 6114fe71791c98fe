import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../app-error.ts';

/**
 * Staff in a browser at /app/ keep their session in this cookie, not in localStorage where any
 * script of the page could read it: HttpOnly (no script reads it), SameSite=Strict (no other site
 * sends it), Path=/api (only the API gets it), Secure when the server is reached over HTTPS. The
 * Mini App inside Zalo calls the API from Zalo's origin and keeps its bearer token.
 */
export const SESSION_COOKIE = 'hl_staff';

/** The login asked for a cookie session (the web app, same origin as the API). */
export const wantsCookieSession = (c: Context): boolean => c.req.header('x-session-cookie') === '1';

export function setSessionCookie(c: Context, token: string, expiresAt: string, publicUrl: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/api',
    secure: publicUrl.startsWith('https:'),
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context, publicUrl: string): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/api', secure: publicUrl.startsWith('https:'), httpOnly: true, sameSite: 'Strict' });
}

export const sessionCookieOf = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE) || undefined;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write authenticated by the cookie must come from this site's own pages: SameSite=Strict
 * already keeps other sites' requests from carrying it; the browser's Sec-Fetch-Site (or Origin)
 * is checked as well, for older browsers.
 */
export function assertSameSiteWrite(c: Context): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return;
    throw new AppError('forbidden', 'Yêu cầu không đến từ trang của hệ thống.');
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin) throw new AppError('forbidden', 'Yêu cầu không đến từ trang của hệ thống.');
}
