import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import { adminRoutes } from './admin/admin.routes.ts';
import { ticketKeyAdminRoutes } from './admin/ticket-keys.routes.ts';
import { authApp } from './auth-routes/auth-app.ts';
import { boardRoutes } from './board/board.routes.ts';
import { campaignsApp } from './campaigns/campaigns-app.ts';
import { enumeratorApp } from './campaigns/enumerator-app.ts';
import { homeRoutes } from './home/home.routes.ts';
import { benchRoutes } from './bench/bench.routes.ts';
import { AppError } from '../app-error.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { responseHeaders } from './middleware/response-headers.ts';
import { miniAppRoutes } from './mini-app.routes.ts';
import { publicRoutes } from './public/public.routes.ts';
import { staffApp } from './staff/staff-app.ts';
import { zaloWebhookRoutes } from './webhooks/zalo.routes.ts';

export interface AppOptions {
  /** Mount the validate-only baseline route used by `npm run bench`. */
  benchRoutes?: boolean;
}

/** Builds the whole HTTP app; opens nothing itself (server.ts does). */
export function createApp(deps: Deps, options: AppOptions = {}) {
  const { logger, config } = deps;
  const miniAppDir = resolve(config.MINI_APP_DIR);

  const app = new Hono()
    .use(requestId())
    .use(async (c, next) => {
      const started = performance.now();
      await next();
      const seconds = (performance.now() - started) / 1000;
      // The route pattern, not the path: tokens and ids must not become metric labels.
      const route = c.req.routePath || 'unmatched';
      deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
      deps.metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
      logger.debug('request', { requestId: c.get('requestId'), method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 10_000) / 10 });
    })
    // The public board sets its own headers: it must be embeddable in commune websites' iframes.
    .use(responseHeaders({ corsOrigins: config.CORS_ORIGINS, ownPolicy: (path) => path.startsWith('/board/') }))
    .get('/healthz', async (c) => {
      await sql`select 1`.execute(deps.db.kysely);
      // The database answers reads but refuses writes (a full disk): not healthy, and why.
      const storage = deps.storage.status();
      if (storage) return c.json({ ok: false as const, ...new AppError('storage_unavailable').toJSON(), storage }, 503);
      return c.json({ ok: true as const });
    })
    .get('/metrics', async (c) => {
      const token = config.METRICS_TOKEN;
      if (token && c.req.header('authorization') !== `Bearer ${token}`) throw new AppError('unauthorized');
      c.header('Content-Type', deps.metrics.registry.contentType);
      return c.body(await deps.metrics.registry.metrics());
    })
    .route('/api/public', publicRoutes(deps))
    .route('/api/auth', authApp(deps))
    .route('/api/units', staffApp(deps))
    .route('/api/campaigns', campaignsApp(deps))
    .route('/api/enumerator', enumeratorApp(deps))
    .route('/api/admin', adminRoutes(deps))
    .route('/api/admin', ticketKeyAdminRoutes(deps))
    .route('/', homeRoutes(deps))
    .route('/board', boardRoutes(deps))
    .route('/webhooks', zaloWebhookRoutes(deps));

  if (options.benchRoutes) app.route('/api/bench', benchRoutes(deps));
  // Asset paths in the build are relative (./assets/…): /app must become /app/ to load them.
  app.get('/app', (c) => c.redirect(`/app/${new URL(c.req.url).search}`, 301));
  // The staff screens live at the app's #/staff route; the path people type and print opens it.
  app.get('/app/staff', (c) => c.redirect('/app/#/staff', 302));
  app.get('/app/staff/', (c) => c.redirect('/app/#/staff', 302));
  app.get('/staff', (c) => c.redirect('/app/#/staff', 302));
  if (existsSync(resolve(miniAppDir, 'index.html'))) app.route('/app', miniAppRoutes(miniAppDir, { apiOrigins: [new URL(config.PUBLIC_URL).origin] }));
  else app.get('/app/*', (c) => c.text('Mini App not built yet: run `npm run build -w mini-app`.', 503));

  app.notFound(() => {
    throw new AppError('not_found');
  });
  app.onError(errorHandler(logger));
  return app;
}

export type App = ReturnType<typeof createApp>;
