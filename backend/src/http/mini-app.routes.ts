import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { relative } from 'node:path';

/** Serves the built Mini App at /app/ (the QR's web link); unknown paths fall back to index.html. */
export function miniAppRoutes(dir: string) {
  const root = relative(process.cwd(), dir) || '.';
  const index = readFileSync(`${dir}/index.html`, 'utf8');
  return new Hono()
    .use(
      '/assets/*',
      serveStatic({
        root,
        rewriteRequestPath: (p) => p.replace(/^\/app/, ''),
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    )
    .use('*', serveStatic({ root, rewriteRequestPath: (p) => p.replace(/^\/app/, '') }))
    .get('*', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(index);
    });
}
