import { Hono } from 'hono';
import { z } from 'zod';
import { RateLimiter } from '../../security/rate-limiter.ts';
import type { Deps } from '../../deps.ts';
import { zaloLogin } from '../../services/zalo-login.service.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { clientAddress } from '../client-address.ts';
import { AppError } from '../../app-error.ts';
import { jsonBody, requireJson } from '../middleware/validation.ts';

const zaloLoginSchema = z.strictObject({
  zaloAccessToken: z.string().trim().min(1).max(4096),
});

export const ZALO_LOGIN_MESSAGES = {
  notLinked:
    'Tài khoản Zalo này chưa được liên kết với tài khoản cán bộ nào. Vui lòng đăng nhập bằng tên đăng nhập và mật khẩu, rồi liên kết Zalo (tạo mã liên kết và nhắn mã đó cho Official Account của hệ thống).',
  invalid: 'Không xác minh được tài khoản Zalo (phiên Zalo không hợp lệ hoặc đã hết hạn). Vui lòng mở lại ứng dụng rồi thử lại.',
  unreachable: 'Không kết nối được Zalo để xác minh tài khoản. Vui lòng thử lại sau ít phút hoặc đăng nhập bằng tên đăng nhập và mật khẩu.',
  notConfigured: 'Máy chủ chưa bật đăng nhập bằng Zalo. Vui lòng đăng nhập bằng tên đăng nhập và mật khẩu.',
  rateLimited: 'Đăng nhập bằng Zalo không thành công quá nhiều lần. Vui lòng thử lại sau.',
} as const;

/**
 * POST /api/auth/zalo-login { zaloAccessToken }: signs in the active staff account linked to this
 * Zalo user, with the same session and answer as POST /api/auth/login.
 * - 200 { token, role, unitId, username, expiresAt };
 * - 401 `unauthorized`: Zalo rejected the token, or no active staff account is linked to the user;
 * - 503 `unavailable`: Zalo could not be reached within ZALO_VERIFY_TIMEOUT_MS (or Zalo sign-in is
 *   not configured): the token was not judged, so it is not counted as a failure;
 * - 429 `rate_limited`: after 5 failures from one address (then one more try every 3 minutes),
 *   as for wrong passwords.
 * Neither the token nor the Zalo user id is logged.
 */
export function zaloLoginRoutes(deps: Deps) {
  const failures = new RateLimiter({ burst: 5, perHour: 20 });

  return new Hono<AuthEnv>().post('/zalo-login', requireJson, jsonBody(zaloLoginSchema), async (c) => {
    const { zaloAccessToken } = c.req.valid('json');
    const key = `zalo|${clientAddress(c, deps.config.TRUST_PROXY)}`;
    const nowMs = deps.now().getTime();
    const gate = failures.wouldAllow(key, nowMs);
    if (!gate.allowed) throw new AppError('rate_limited', ZALO_LOGIN_MESSAGES.rateLimited, { headers: { 'Retry-After': String(gate.retryAfter) } });

    const outcome = await zaloLogin(deps, zaloAccessToken);
    deps.logger.info('zalo login', { outcome: outcome.kind, ...(outcome.kind === 'unavailable' ? { reason: outcome.reason } : {}) });
    switch (outcome.kind) {
      case 'ok':
        return c.json(outcome.session, 200);
      case 'unavailable':
        throw new AppError('unavailable', outcome.reason === 'not_configured' ? ZALO_LOGIN_MESSAGES.notConfigured : ZALO_LOGIN_MESSAGES.unreachable);
      case 'invalid':
        failures.take(key, nowMs);
        throw new AppError('unauthorized', ZALO_LOGIN_MESSAGES.invalid);
      case 'not_linked':
        failures.take(key, nowMs);
        throw new AppError('unauthorized', ZALO_LOGIN_MESSAGES.notLinked);
    }
  });
}
