import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { responseHeaders } from './response-headers.ts';

const app = new Hono()
  .use(responseHeaders({ corsOrigins: ['https://h5.zdn.vn'], ownPolicy: (path) => path.startsWith('/board/') }))
  .get('/api/x', (c) => c.json({ ok: true }))
  .get('/board/x', (c) => c.text('board'));

describe('responseHeaders', () => {
  it('sends the security headers on every response but the pages that set their own', async () => {
    const api = await app.request('/api/x');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(api.headers.get('strict-transport-security')).toContain('max-age=');
    const board = await app.request('/board/x');
    expect(board.headers.get('x-frame-options')).toBeNull();
  });

  it('opens CORS to the configured origins only, exposing Retry-After for the Mini App', async () => {
    const allowed = await app.request('/api/x', { headers: { origin: 'https://h5.zdn.vn' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://h5.zdn.vn');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await app.request('/api/x', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights itself (204), with methods and headers only for an allowed origin', async () => {
    const pre = (origin: string) => app.request('/api/x', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const ok = await pre('https://h5.zdn.vn');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    const no = await pre('https://evil.example');
    expect(no.status).toBe(204);
    expect(no.headers.get('access-control-allow-methods')).toBeNull();
  });
});
