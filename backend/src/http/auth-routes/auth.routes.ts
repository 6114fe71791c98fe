import { Hono } from 'hono';
import { z } from 'zod';
import { RateLimiter } from '../../security/rate-limiter.ts';
import { login, logout } from '../../services/auth.service.ts';
import type { Deps } from '../../services/context.ts';
import { staffAuth, type AuthEnv } from '../auth.ts';
import { clientAddress } from '../client-address.ts';
import { AppError } from '../errors.ts';
import { jsonBody, requireJson } from '../validation.ts';

const loginSchema = z.strictObject({
  username: z.string().min(1).max(64).transform((s) => s.toLowerCase()),
  password: z.string().min(1).max(200),
});

export function authRoutes(deps: Deps) {
  // Five wrong passwords per account and address, then one more try every 3 minutes.
  const failures = new RateLimiter({ burst: 5, perHour: 20 });

  return new Hono<AuthEnv>()
    .post('/login', requireJson, jsonBody(loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const key = `${username}|${clientAddress(c, deps.config.TRUST_PROXY)}`;
      const nowMs = deps.now().getTime();
      const gate = failures.wouldAllow(key, nowMs);
      if (!gate.allowed) throw new AppError('rate_limited', 'Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau.', { headers: { 'Retry-After': String(gate.retryAfter) } });
      const result = await login(deps, username, password);
      if (!result) {
        failures.take(key, nowMs);
        throw new AppError('unauthorized', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      return c.json(result, 200);
    })
    .post('/logout', staffAuth(deps), async (c) => {
      await logout(deps, c.get('bearer'));
      return c.body(null, 204);
    })
    .get('/me', staffAuth(deps), (c) => {
      const p = c.get('principal');
      return c.json(p.kind === 'admin' ? { role: 'admin' as const, unitId: null, username: 'admin' } : { role: p.staff.role, unitId: p.staff.unitId, username: p.staff.username });
    });
}
