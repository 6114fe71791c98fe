import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countResponses } from '../src/db/responses.repository.ts';
import { verifyDatabase } from '../src/services/verify.service.ts';
import { createTestDeps, type TestDeps } from './helpers/test-deps.ts';
import { responseBody, seedUnit, testApp, type SeededUnit } from './helpers/fixtures.ts';

let deps: TestDeps;
let unit: SeededUnit;
let t: ReturnType<typeof testApp>;
let staff: Record<string, string>;
beforeAll(async () => {
  deps = await createTestDeps();
  unit = await seedUnit(deps, 'xa-h');
  t = testApp(deps);
  staff = await t.login(unit.clerk.username, unit.clerk.password);
});
afterAll(() => deps.close());

async function expect4xxShape(res: Response) {
  expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code).toBe('string');
  expect(typeof body.error?.message).toBe('string');
}

const headerName = fc.constantFrom('content-type', 'accept', 'authorization', 'x-forwarded-for', 'origin', 'content-encoding', 'accept-language', 'x-request-id');
const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const headers = fc.dictionary(headerName, headerValue, { maxKeys: 4 });
const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }).map((q) => new URLSearchParams(q).toString());
const segment = fc.string({ minLength: 1, maxLength: 80 }).map(encodeURIComponent);

describe('fuzzing the public, auth and staff routes', () => {
  it('POST /api/public/responses: generated bodies, headers and query strings give 4xx JSON errors and store nothing', async () => {
    const before = await countResponses(deps.db.kysely);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.string()), headers, query, async (body, h, q) => {
        const res = await t.app.request(`/api/public/responses?${q}`, { method: 'POST', headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) });
        await expect4xxShape(res);
      }),
      { numRuns: 1500 },
    );
    expect(await countResponses(deps.db.kysely)).toBe(before);
  });

  it('GET /api/public/points/:token: generated tokens and query strings give 404 JSON errors', async () => {
    await fc.assert(
      fc.asyncProperty(segment, query, headers, async (token, q, h) => {
        const res = await t.app.request(`/api/public/points/${token}?${q}`, { headers: h });
        await expect4xxShape(res);
      }),
      { numRuns: 800 },
    );
  });

  it('POST /api/auth/login: generated bodies never log anyone in and never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ username: fc.string(), password: fc.string() })), async (body) => {
        const res = await t.post('/api/auth/login', body);
        await expect4xxShape(res);
      }),
      { numRuns: 300 },
    );
  });

  it('GET /api/units/:unitId/tallies: generated ids, dates and tokens give 4xx, or 200 for valid dates', async () => {
    await fc.assert(
      fc.asyncProperty(segment, fc.oneof(fc.string({ maxLength: 12 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))), fc.boolean(), async (id, day, own) => {
        const res = await t.get(`/api/units/${own ? unit.unitId : id}/tallies?from=${encodeURIComponent(day)}`, own ? staff : { authorization: `Bearer ${id}` });
        if (res.status === 200) return;
        await expect4xxShape(res);
      }),
      { numRuns: 300 },
    );
  });

  it('is still alive and consistent afterwards', async () => {
    expect((await t.get('/healthz')).status).toBe(200);
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
  });
});

describe('injection and script payloads are data', () => {
  const payloads = [
    "'; DROP TABLE responses; --",
    "Robert'); DELETE FROM units WHERE ('1'='1",
    '" OR 1=1 --',
    '<script>alert("x")</script>',
    '<img src=x onerror=alert(1)>',
    '{{constructor.constructor("alert(1)")()}}',
    '\\x27 UNION SELECT * FROM staff --',
    'Nguyễn Văn A <b>đậm</b> & "quote"',
    // PostgreSQL receives a batch's columns as array literals (responses.repository.ts).
    'NULL',
    '{"a", NULL}\\", {b}, c\\',
    'ends with a backslash \\',
  ];

  it('come back verbatim from every text field', async () => {
    for (const p of payloads) {
      const u = await t.post('/api/admin/units', { code: `x-${Math.random().toString(36).slice(2, 8)}`, name: p }, t.admin);
      expect(u.status).toBe(201);
      const unitRow = (await u.json()) as { id: string; name: string };
      expect(unitRow.name).toBe(p);
      const o = (await (await t.post(`/api/admin/units/${unitRow.id}/officers`, { name: p, title: p }, t.admin)).json()) as { id: string };
      const point = (await (await t.post(`/api/admin/units/${unitRow.id}/points`, { label: p, officerId: o.id }, t.admin)).json()) as { token: string };
      const view = (await (await t.get(`/api/public/points/${point.token}`)).json()) as { unit: { name: string }; point: { label: string }; officer: { name: string; title: string } };
      expect(view.unit.name).toBe(p);
      expect(view.point.label).toBe(p);
      expect(view.officer).toMatchObject({ name: p, title: p });
      const b = responseBody(point.token, { comment: p, dossierCode: p.slice(0, 64) });
      expect((await t.post('/api/public/responses', b)).status).toBe(201);
      const row = await deps.db.kysely.selectFrom('responses').select(['comment', 'dossier_code']).where('client_id', '=', b.clientId).executeTakeFirstOrThrow();
      expect(row.comment).toBe(p.trim());
      expect(row.dossier_code).toBe(p.slice(0, 64).trim());
    }
    // Every table is still there and consistent.
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
  });
});

describe('HTTP hardening', () => {
  it('sends security headers and a request id', async () => {
    const res = await t.get('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it("opens CORS to Zalo's Mini App origins only", async () => {
    const pre = (origin: string) =>
      t.app.request('/api/public/responses', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect((await pre('https://h5.zdn.vn')).headers.get('access-control-allow-origin')).toBe('https://h5.zdn.vn');
    expect((await pre('zbrowser://h5.zdn.vn')).headers.get('access-control-allow-origin')).toBe('zbrowser://h5.zdn.vn');
    expect((await pre('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('fuzzing the Zalo webhook', () => {
  it('answers generated bodies, signatures and headers with 4xx JSON errors and stores no event', async () => {
    const hooked = await createTestDeps({ ZALO_OA_SECRET_KEY: 'oa-secret-key-for-fuzzing', ZALO_APP_ID: '1234567890' });
    try {
      const ht = testApp(hooked);
      const eventCount = async () => Number((await hooked.db.kysely.selectFrom('zalo_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await eventCount();
      const signature = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `mac=${h}`));
      const event = fc.oneof(
        fc.jsonValue(),
        fc.record({
          app_id: fc.oneof(fc.constant('1234567890'), fc.string()),
          event_name: fc.constantFrom('user_send_text', 'follow', 'unfollow', 'oa_send_text', 'user_seen_message', 'x'),
          timestamp: fc.oneof(fc.constant(String(Date.now())), fc.string(), fc.integer().map(String)),
          sender: fc.record({ id: fc.string() }),
          message: fc.record({ text: fc.string(), msg_id: fc.string() }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(event, signature, headers, query, async (e, sig, h, q) => {
          const res = await ht.app.request(`/webhooks/zalo?${q}`, {
            method: 'POST',
            headers: { ...h, 'content-type': 'application/json', ...(sig === undefined ? {} : { 'x-zevent-signature': sig }) },
            body: JSON.stringify(e),
          });
          await expect4xxShape(res);
        }),
        { numRuns: 800 },
      );
      expect(await eventCount()).toBe(before);
      expect((await ht.get('/healthz')).status).toBe(200);
    } finally {
      await hooked.close();
    }
  });
});
