import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { responseBody, seedUnit, testApp } from '../../test/helpers/fixtures.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(() => deps.close());

describe('GET /metrics', () => {
  it('counts requests by route pattern, latencies and stored responses in Prometheus format', async () => {
    const u = await seedUnit(deps, 'xa-m', { staff: false });
    const t = testApp(deps);
    const b = responseBody(u.counterToken);
    expect((await t.post('/api/public/responses', b)).status).toBe(201);
    expect((await t.post('/api/public/responses', b)).status).toBe(200);
    expect((await t.post('/api/public/responses', { nope: 1 })).status).toBe(400);
    const res = await t.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/hailong_http_requests_total\{method="POST",route="\/api\/public\/responses",status="201"\} 1/);
    expect(text).toMatch(/hailong_http_requests_total\{method="POST",route="\/api\/public\/responses",status="400"\} 1/);
    expect(text).toContain('hailong_http_request_duration_seconds_bucket');
    expect(text).toMatch(/hailong_responses_stored_total 1\b/);
    expect(text).toContain('hailong_outbox_depth');
    expect(text).toContain('hailong_alert_failures_total');
    expect(text).not.toContain(u.counterToken);
  });

  it('can require a token', async () => {
    const locked = await createTestDeps({ METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      const t = testApp(locked);
      expect((await t.get('/metrics')).status).toBe(401);
      expect((await t.get('/metrics', { authorization: 'Bearer metrics-token-0123456789' })).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
