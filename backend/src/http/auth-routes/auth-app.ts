import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { authRoutes } from './auth.routes.ts';
import { zaloLinkRoutes } from './zalo-link.routes.ts';
import { zaloLoginRoutes } from './zalo-login.routes.ts';

/** Everything under /api/auth: password sign-in and out, who am I, the Zalo link code, Zalo sign-in. */
export function authApp(deps: Deps) {
  return new Hono<AuthEnv>().route('/', authRoutes(deps)).route('/', zaloLinkRoutes(deps)).route('/', zaloLoginRoutes(deps));
}
