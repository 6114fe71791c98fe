import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { staffForToken, type Principal } from '../../services/auth.service.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../app-error.ts';
import { assertSameSiteWrite, sessionCookieOf } from './session-cookie.ts';

export type AuthEnv = { Variables: { principal: Principal; bearer: string } };

export function bearerOf(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `/api/admin/*`: 403 while ADMIN_TOKEN is unset, 401 without the right bearer. */
export const adminAuth = (deps: Deps) =>
  createMiddleware<AuthEnv>(async function adminAuth(c, next) {
    const expected = deps.config.ADMIN_TOKEN;
    if (!expected) throw new AppError('admin_disabled');
    const token = bearerOf(c.req.header('authorization'));
    if (!token || !sameSecret(token, expected)) throw new AppError('unauthorized', 'Admin token required.');
    c.set('principal', { kind: 'admin' });
    c.set('bearer', token);
    await next();
  });

/** Staff routes: a session bearer token or session cookie, or the admin token acting for operators' scripts. */
export const staffAuth = (deps: Deps) =>
  createMiddleware<AuthEnv>(async function staffAuth(c, next) {
    const bearer = bearerOf(c.req.header('authorization'));
    const cookie = bearer ? undefined : sessionCookieOf(c);
    const token = bearer ?? cookie;
    if (!token) throw new AppError('unauthorized');
    if (cookie) assertSameSiteWrite(c);
    if (deps.config.ADMIN_TOKEN && sameSecret(token, deps.config.ADMIN_TOKEN)) {
      c.set('principal', { kind: 'admin' });
    } else {
      const staff = await staffForToken(deps, token);
      if (!staff) throw new AppError('unauthorized', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn.');
      c.set('principal', { kind: 'staff', staff });
    }
    c.set('bearer', token);
    await next();
  });
