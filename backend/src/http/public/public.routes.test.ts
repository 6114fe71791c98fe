import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countResponses } from '../../db/responses.repository.ts';
import { createTestDeps, type TestDeps } from '../../../test/helpers/test-deps.ts';
import { expectErrorShape, responseBody, seedUnit, testApp, type SeededUnit } from '../../../test/helpers/fixtures.ts';

interface PointView {
  unit: { name: string };
  officer: { id: string; name: string } | null;
  officers: unknown[];
  fields: { name: string }[];
  form: { version: number; levels: { value: number; label: string }[]; questions: { key: string }[]; issues: { key: string }[] };
}

let deps: TestDeps;
let unit: SeededUnit;
let t: ReturnType<typeof testApp>;

beforeEach(async () => {
  deps = await createTestDeps();
  unit = await seedUnit(deps, 'xa-a', { staff: false });
  t = testApp(deps);
});
afterEach(() => deps.close());

describe('GET /api/public/points/:token', () => {
  it('describes a counter point: unit, officers to choose from, fields, the form', async () => {
    const res = await t.get(`/api/public/points/${unit.counterToken}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PointView;
    expect(body.unit.name).toBe('UBND xã xa-a');
    expect(body.officer).toBeNull();
    expect(body.officers).toHaveLength(3);
    expect(body.fields.map((f) => f.name)).toContain('Tư pháp – Hộ tịch');
    expect(body.form.version).toBe(1);
    expect(body.form.levels[0]).toEqual({ value: 5, label: 'Rất hài lòng' });
    expect(body.form.levels[4]).toEqual({ value: 1, label: 'Rất không hài lòng' });
    expect(body.form.questions.map((q) => q.key)).toEqual(['overall', 'access', 'attitude', 'responsibility', 'guidance']);
    expect(body.form.issues.map((q) => q.key)).toEqual(['harassment', 'extra_cost', 'negative_conduct']);
  });

  it('names the officer of a desk point', async () => {
    const body = (await (await t.get(`/api/public/points/${unit.deskToken}`)).json()) as PointView;
    expect(body.officer?.id).toBe(unit.deskOfficerId);
    expect(body.officer?.name).toBe('Nguyễn Văn An');
  });

  it('is 404 for unknown, forged and disabled tokens', async () => {
    await expectErrorShape(await t.get('/api/public/points/nope'), 404, 'not_found');
    const [key] = unit.counterToken.split('.');
    await expectErrorShape(await t.get(`/api/public/points/${key}.AAAAAAAAAAAAAAAA`), 404);
    const points = (await (await t.get(`/api/admin/units/${unit.unitId}/points`, t.admin)).json()) as { points: { id: string; token: string }[] };
    const counter = points.points.find((p) => p.token === unit.counterToken)!;
    expect((await t.json('PATCH', `/api/admin/points/${counter.id}`, { active: false }, t.admin)).status).toBe(200);
    await expectErrorShape(await t.get(`/api/public/points/${unit.counterToken}`), 404);
    await expectErrorShape(await t.post('/api/public/responses', responseBody(unit.counterToken)), 404);
  });
});

describe('POST /api/public/responses', () => {
  it('stores a response: 201 with id, receivedAt and the Vietnam-local day', async () => {
    deps.setNow('2026-11-24T17:30:00.000Z');
    const res = await t.post('/api/public/responses', responseBody(unit.counterToken, { officerId: unit.officers[1], fieldId: unit.fields[0], issues: ['extra_cost'], comment: 'Cán bộ nhiệt tình' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; receivedAt: string; day: string };
    expect(body).toEqual({ id: expect.any(String), receivedAt: '2026-11-24T17:30:00.000Z', day: '2026-11-25' });
    expect(await countResponses(deps.db.kysely)).toBe(1);
  });

  it('answers a retry with the same clientId with 200 and the first body, storing nothing twice', async () => {
    const b = responseBody(unit.counterToken);
    const first = await t.post('/api/public/responses', b);
    expect(first.status).toBe(201);
    deps.setNow('2026-11-25T09:00:00.000Z');
    const again = await t.post('/api/public/responses', { ...b, answers: { ...b.answers, overall: 1 } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(await countResponses(deps.db.kysely)).toBe(1);
  });

  it('stores a concurrent duplicate once', async () => {
    const b = responseBody(unit.counterToken);
    const results = await Promise.all(Array.from({ length: 8 }, () => t.post('/api/public/responses', b)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(results.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await countResponses(deps.db.kysely)).toBe(1);
  });

  const invalid: [string, (b: ReturnType<typeof responseBody>) => unknown][] = [
    ['a missing level', (b) => ({ ...b, answers: { ...b.answers, guidance: undefined } })],
    ['a non-integer level', (b) => ({ ...b, answers: { ...b.answers, overall: 4.5 } })],
    ['a level of 0', (b) => ({ ...b, answers: { ...b.answers, overall: 0 } })],
    ['a level of 6', (b) => ({ ...b, answers: { ...b.answers, access: 6 } })],
    ['a level as a string', (b) => ({ ...b, answers: { ...b.answers, access: '5' } })],
    ['an unknown key in answers', (b) => ({ ...b, answers: { ...b.answers, speed: 5 } })],
    ['an unknown key in the body', (b) => ({ ...b, rating: 5 })],
    ['an unknown issue', (b) => ({ ...b, issues: ['bribe'] })],
    ['a clientId that is not a UUID', (b) => ({ ...b, clientId: 'abc' })],
    ['a missing clientId', (b) => ({ ...b, clientId: undefined })],
    ['a comment over 1000 characters', (b) => ({ ...b, comment: 'ạ'.repeat(1001) })],
    ['a comment with NUL', (b) => ({ ...b, comment: 'a\u0000b' })],
    ['an array body', () => [1, 2]],
    ['a null body', () => null],
  ];
  for (const [name, make] of invalid) {
    it(`rejects ${name} with 400 and stores nothing`, async () => {
      const res = await t.post('/api/public/responses', make(responseBody(unit.counterToken)));
      const body = await expectErrorShape(res, 400, 'invalid_input');
      expect(body.error.message).toBe('Dữ liệu gửi lên không hợp lệ.');
      expect(Array.isArray(body.error.details)).toBe(true);
      expect(await countResponses(deps.db.kysely)).toBe(0);
    });
  }

  it('accepts a comment of exactly 1000 characters', async () => {
    expect((await t.post('/api/public/responses', responseBody(unit.counterToken, { comment: 'ạ'.repeat(1000) }))).status).toBe(201);
  });

  it('rejects malformed JSON with 400 and the error shape', async () => {
    await expectErrorShape(await t.post('/api/public/responses', '{"token": '), 400, 'invalid_json');
  });

  it('rejects a body that is not JSON-typed with 415', async () => {
    const res = await t.app.request('/api/public/responses', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(responseBody(unit.counterToken)) });
    await expectErrorShape(res, 415, 'unsupported_media_type');
    expect(await countResponses(deps.db.kysely)).toBe(0);
  });

  it('rejects a body over the size limit with 413', async () => {
    const res = await t.post('/api/public/responses', responseBody(unit.counterToken, { comment: 'x'.repeat(40_000) }));
    await expectErrorShape(res, 413, 'payload_too_large');
  });

  it('rejects an officer of another unit, an inactive officer and a foreign field with 400', async () => {
    const other = await seedUnit(deps, 'xa-b', { staff: false });
    await expectErrorShape(await t.post('/api/public/responses', responseBody(unit.counterToken, { officerId: other.officers[0] })), 400);
    await expectErrorShape(await t.post('/api/public/responses', responseBody(unit.counterToken, { fieldId: other.fields[0] })), 400);
    await t.json('PATCH', `/api/admin/officers/${unit.officers[2]}`, { active: false }, t.admin);
    await expectErrorShape(await t.post('/api/public/responses', responseBody(unit.counterToken, { officerId: unit.officers[2] })), 400);
    expect(await countResponses(deps.db.kysely)).toBe(0);
  });

  it('rejects at a desk point an officerId other than the desk officer, and accepts the same one', async () => {
    await expectErrorShape(await t.post('/api/public/responses', responseBody(unit.deskToken, { officerId: unit.officers[1] })), 400);
    expect((await t.post('/api/public/responses', responseBody(unit.deskToken, { officerId: unit.deskOfficerId }))).status).toBe(201);
    expect((await t.post('/api/public/responses', responseBody(unit.deskToken))).status).toBe(201);
  });

  it('is 404 for an unknown token', async () => {
    await expectErrorShape(await t.post('/api/public/responses', responseBody('AAAAAAAAAAAA.BBBBBBBBBBBBBBBB')), 404, 'not_found');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-point burst, and still answers retries of stored responses', async () => {
    const limited = await createTestDeps({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_POINT_BURST: '3', RATE_LIMIT_POINT_PER_HOUR: '60' });
    try {
      const u = await seedUnit(limited, 'xa-r', { staff: false });
      const lt = testApp(limited);
      const bodies = Array.from({ length: 4 }, () => responseBody(u.counterToken));
      for (const b of bodies.slice(0, 3)) expect((await lt.post('/api/public/responses', b)).status).toBe(201);
      const res = await lt.post('/api/public/responses', bodies[3]);
      await expectErrorShape(res, 429, 'rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await countResponses(limited.db.kysely)).toBe(3);
      // The phone that sent the first one learns it arrived, even while limited.
      expect((await lt.post('/api/public/responses', bodies[0])).status).toBe(200);
      // Another point of the same commune behind the same address is not locked out.
      expect((await lt.post('/api/public/responses', responseBody(u.deskToken))).status).toBe(201);
      // The bucket refills: one per minute at 60/hour.
      limited.setNow(new Date(limited.now().getTime() + 61_000).toISOString());
      expect((await lt.post('/api/public/responses', bodies[3])).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
