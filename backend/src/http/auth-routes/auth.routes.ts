import { Hono } from 'hono';
import { z } from 'zod';
import { RateLimiter } from '../../security/rate-limiter.ts';
import { WorkGate, WorkGateFull } from '../../security/work-gate.ts';
import { login, logout } from '../../services/auth.service.ts';
import type { Deps } from '../../deps.ts';
import { staffAuth, type AuthEnv } from '../middleware/auth.ts';
import { clientAddress } from '../client-address.ts';
import { AppError } from '../../app-error.ts';
import { jsonBody, requireJson } from '../middleware/validation.ts';
import { clearSessionCookie, setSessionCookie, wantsCookieSession } from '../middleware/session-cookie.ts';

const loginSchema = z.strictObject({
  username: z.string().min(1).max(64).transform((s) => s.toLowerCase()),
  password: z.string().min(1).max(200),
});

const TOO_MANY_FAILURES = 'Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau.';
const BUSY = 'Hệ thống đang bận xử lý đăng nhập. Vui lòng thử lại sau giây lát.';

/**
 * Password sign-in. Each attempt costs a scrypt hash (32 MiB, ~0.1 s of CPU), so:
 * - five wrong passwords per account and address, then one more try every 3 minutes;
 * - twenty wrong passwords per address whatever the usernames (password spraying), then one
 *   more every minute;
 * - at most two hashes at once, sixteen waiting, and two per address running or waiting: the
 *   rest are answered 429 at once, before any hashing (issue 23: 100 concurrent made-up logins
 *   from one address had held a real login for 8.7 s).
 */
export function authRoutes(deps: Deps) {
  const failures = new RateLimiter({ burst: 5, perHour: 20 });
  const addressFailures = new RateLimiter({ burst: 20, perHour: 60 });
  const hashing = new WorkGate({ concurrency: 2, maxQueued: 16, perKey: 2 });
  const refuse = (message: string, retryAfter: number, outcome: 'limited' | 'busy') => {
    deps.metrics.loginAttempts.inc({ outcome });
    return new AppError('rate_limited', message, { headers: { 'Retry-After': String(retryAfter) } });
  };

  return new Hono<AuthEnv>()
    .post('/login', requireJson, jsonBody(loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const address = clientAddress(c, deps.config.TRUST_PROXY);
      const key = `${username}|${address}`;
      const nowMs = deps.now().getTime();
      for (const gate of [failures.wouldAllow(key, nowMs), addressFailures.wouldAllow(address, nowMs)]) {
        if (!gate.allowed) throw refuse(TOO_MANY_FAILURES, gate.retryAfter, 'limited');
      }
      let result;
      try {
        result = await hashing.run(address, () => login(deps, username, password));
      } catch (err) {
        if (err instanceof WorkGateFull) throw refuse(BUSY, 2, 'busy');
        throw err;
      }
      if (!result) {
        failures.take(key, nowMs);
        addressFailures.take(address, nowMs);
        deps.metrics.loginAttempts.inc({ outcome: 'failed' });
        throw new AppError('unauthorized', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      deps.metrics.loginAttempts.inc({ outcome: 'ok' });
      if (wantsCookieSession(c)) setSessionCookie(c, result.token, result.expiresAt, deps.config.PUBLIC_URL);
      return c.json(result, 200);
    })
    .post('/logout', staffAuth(deps), async (c) => {
      await logout(deps, c.get('bearer'));
      clearSessionCookie(c, deps.config.PUBLIC_URL);
      return c.body(null, 204);
    })
    .get('/me', staffAuth(deps), (c) => {
      const p = c.get('principal');
      return c.json(p.kind === 'admin' ? { role: 'admin' as const, unitId: null, username: 'admin' } : { role: p.staff.role, unitId: p.staff.unitId, username: p.staff.username });
    });
}
