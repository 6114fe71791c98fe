import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const SECRET = 'a-production-secret-of-at-least-32-chars';
const production = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'production', APP_SECRET: SECRET, METRICS_TOKEN: 'metrics-token-0123456789', ...env });

describe('production guardrails (issue 23, item 8)', () => {
  it('starts with the secret and a metrics token, and seeds no demo', () => {
    const config = production({})();
    expect(config.SEED_DEMO).toBe(false);
    expect(config.BENCH_ROUTES).toBe(false);
  });

  it('refuses the demo accounts, whose passwords are in the README', () => {
    expect(production({ SEED_DEMO: 'true' })).toThrow(ConfigError);
    expect(production({ SEED_DEMO: 'true' })).toThrow(/SEED_DEMO: not allowed in production/);
  });

  it('refuses the bench route', () => {
    expect(production({ BENCH_ROUTES: 'true' })).toThrow(/BENCH_ROUTES: not allowed in production/);
  });

  it('requires METRICS_TOKEN, and APP_SECRET, naming every problem at once', () => {
    let message = '';
    try {
      loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('APP_SECRET: required in production');
    expect(message).toContain('METRICS_TOKEN: required in production');
    expect(message).toContain('SEED_DEMO: not allowed in production');
  });

  it('leaves development as it was', () => {
    const config = loadConfig({ NODE_ENV: 'development', APP_SECRET: SECRET, SEED_DEMO: 'true', BENCH_ROUTES: 'true' });
    expect(config.SEED_DEMO).toBe(true);
    expect(config.BENCH_ROUTES).toBe(true);
  });
});

describe('connection limits', () => {
  it('defaults far below Node’s 300 s request timeout', () => {
    const c = loadConfig({ APP_SECRET: SECRET });
    expect(c).toMatchObject({ HTTP_HEADERS_TIMEOUT_MS: 10_000, HTTP_REQUEST_TIMEOUT_MS: 30_000, HTTP_KEEP_ALIVE_TIMEOUT_MS: 5000, MAX_CONNECTIONS_PER_ADDRESS: 128 });
  });
});
