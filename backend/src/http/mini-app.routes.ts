import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/** Zalo's icon font, which zmp-ui's stylesheet loads from Zalo's CDN. */
const ZALO_FONT_ORIGIN = 'https://h5.zadn.vn';

/** `'sha256-…'` of each inline <script> of the page: the only inline code the policy lets run. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * The Content-Security-Policy of the web app at /app/ (citizens' web link, kiosks, staff screens
 * in a browser, where the staff session lives): scripts only from this origin plus the hashed
 * prefetch snippet of index.html, no plugins, no framing, API calls to this origin and to the
 * configured API origins only. Inside Zalo the app is served from Zalo's own host, not from here.
 */
export function miniAppCsp(html: string, apiOrigins: readonly string[] = []): string {
  const connect = ["'self'", ...new Set(apiOrigins)].join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    "style-src 'self'",
    `font-src 'self' ${ZALO_FONT_ORIGIN}`,
    "img-src 'self' data: blob:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Serves the built Mini App at /app/ (the QR's web link); unknown paths fall back to index.html. */
export function miniAppRoutes(dir: string, opts: { apiOrigins?: readonly string[] } = {}) {
  const root = relative(process.cwd(), dir) || '.';
  const index = readFileSync(`${dir}/index.html`, 'utf8');
  const csp = miniAppCsp(index, opts.apiOrigins);
  return new Hono()
    .use('*', async (c, next) => {
      c.header('Content-Security-Policy', csp);
      await next();
    })
    .use(
      '/assets/*',
      serveStatic({
        root,
        rewriteRequestPath: (p) => p.replace(/^\/app/, ''),
        // The build writes .br and .gz beside each asset: on 3G this halves the time to the form.
        precompressed: true,
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    )
    .use('*', serveStatic({ root, precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/app/, '') }))
    .get('*', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(index);
    });
}
