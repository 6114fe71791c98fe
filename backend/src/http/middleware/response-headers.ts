import type { MiddlewareHandler } from 'hono';

/** The same set hono/secure-headers sends, with resources usable cross-origin (the Mini App runs on h5.zdn.vn). */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

export interface ResponseHeaderOptions {
  /** Origins allowed to call /api/* from a browser. */
  corsOrigins: readonly string[];
  /** Paths that set their own framing and content policy (the public board). */
  ownPolicy: (path: string) => boolean;
}

/**
 * Security and CORS headers, set BEFORE the handler runs. hono/secure-headers and hono/cors set
 * them after it, on the finished response; @hono/node-server then has to rebuild that response
 * from its body stream, which cost more than half of a validated POST (10.2k → 4.5k req/s here).
 * Headers set first travel with the response as it is created. Preflights are answered here.
 */
export function responseHeaders(opts: ResponseHeaderOptions): MiddlewareHandler {
  const allowed = new Set(opts.corsOrigins);
  return async function responseHeaders(c, next) {
    const path = c.req.path;
    if (!opts.ownPolicy(path)) for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    if (path.startsWith('/api/')) {
      c.header('Vary', 'Origin');
      const origin = c.req.header('origin');
      const ok = origin !== undefined && allowed.has(origin);
      if (ok) {
        c.header('Access-Control-Allow-Origin', origin);
        // The Mini App reads Retry-After on 429 to schedule its retry, and names downloads after Content-Disposition.
        c.header('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id, Content-Disposition');
      }
      if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
        if (ok) {
          c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
          c.header('Access-Control-Allow-Headers', 'Content-Type, Authorization');
          c.header('Access-Control-Max-Age', '600');
        }
        return c.body(null, 204);
      }
    }
    await next();
  };
}
