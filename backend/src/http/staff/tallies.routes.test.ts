import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../test/helpers/test-deps.ts';
import { expectErrorShape, responseBody, seedUnit, testApp, type SeededUnit } from '../../../test/helpers/fixtures.ts';
import type { TalliesReport } from '../../services/tallies.service.ts';

let deps: TestDeps;
let a: SeededUnit;
let b: SeededUnit;
let t: ReturnType<typeof testApp>;

beforeEach(async () => {
  deps = await createTestDeps();
  await deps.db.kysely.selectFrom('units').selectAll().execute();
  t = testApp(deps);
  await t.post('/api/admin/units', { code: 'huyen-x', name: 'UBND huyện X', kind: 'district' }, t.admin);
  a = await seedUnit(deps, 'xa-a', { parentCode: 'huyen-x' });
  b = await seedUnit(deps, 'xa-b');
});
afterEach(() => deps.close());

const send = (token: string, overall: number, extra: Record<string, unknown> = {}) =>
  t.post('/api/public/responses', responseBody(token, { answers: { overall, access: 3, attitude: 4, responsibility: 5, guidance: overall }, ...extra }));

describe('login', () => {
  it('gives a bearer token with role and unit; a wrong password is 401', async () => {
    const res = await t.post('/api/auth/login', a.clerk);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token: expect.any(String), role: 'clerk', unitId: a.unitId });
    await expectErrorShape(await t.post('/api/auth/login', { ...a.clerk, password: 'wrong-password' }), 401, 'unauthorized');
    await expectErrorShape(await t.post('/api/auth/login', { username: 'nobody', password: 'x' }), 401);
  });

  it('slows down repeated wrong passwords with 429', async () => {
    for (let i = 0; i < 5; i++) expect((await t.post('/api/auth/login', { ...a.clerk, password: `wrong-${i}` })).status).toBe(401);
    const res = await t.post('/api/auth/login', a.clerk);
    await expectErrorShape(res, 429, 'rate_limited');
    expect(res.headers.get('retry-after')).toBeTruthy();
  });

  it('expires sessions and signs out', async () => {
    const h = await t.login(a.clerk.username, a.clerk.password);
    expect((await t.get(`/api/units/${a.unitId}/tallies`, h)).status).toBe(200);
    deps.setNow(new Date(deps.now().getTime() + 13 * 3_600_000).toISOString());
    await expectErrorShape(await t.get(`/api/units/${a.unitId}/tallies`, h), 401);
    const h2 = await t.login(a.clerk.username, a.clerk.password);
    expect((await t.post('/api/auth/logout', {}, h2)).status).toBe(204);
    await expectErrorShape(await t.get(`/api/units/${a.unitId}/tallies`, h2), 401);
  });
});

describe('GET /api/units/:unitId/tallies', () => {
  it('needs a token (401) and the right unit (403 for a clerk of another unit)', async () => {
    await expectErrorShape(await t.get(`/api/units/${a.unitId}/tallies`), 401, 'unauthorized');
    const hb = await t.login(b.clerk.username, b.clerk.password);
    await expectErrorShape(await t.get(`/api/units/${a.unitId}/tallies`, hb), 403, 'forbidden');
    const ha = await t.login(a.chairman.username, a.chairman.password);
    await expectErrorShape(await t.get(`/api/units/${b.unitId}/tallies`, ha), 403, 'forbidden');
    await expectErrorShape(await t.get('/api/units/no-such-unit/tallies', ha), 403);
  });

  it('lets a supervisor see exactly the units under them', async () => {
    const district = (await (await t.get('/api/admin/units', t.admin)).json()) as { units: { id: string; code: string }[] };
    const huyen = district.units.find((u) => u.code === 'huyen-x')!;
    await t.post(`/api/admin/units/${huyen.id}/staff`, { username: 'phongnoivu', password: 'supervisor-pw', role: 'supervisor' }, t.admin);
    const h = await t.login('phongnoivu', 'supervisor-pw');
    expect((await t.get(`/api/units/${a.unitId}/tallies`, h)).status).toBe(200);
    expect((await t.get(`/api/units/${huyen.id}/tallies`, h)).status).toBe(200);
    await expectErrorShape(await t.get(`/api/units/${b.unitId}/tallies`, h), 403);
  });

  it('counts the overall question per officer, day and level; flags strictly over 25 %', async () => {
    const [o1, o2] = a.officers as [string, string];
    deps.setNow('2026-11-24T16:59:59.000Z'); // 24 Nov local
    for (const level of [1, 5, 5]) expect((await send(a.counterToken, level, { officerId: o1 })).status).toBe(201);
    deps.setNow('2026-11-24T17:00:00.000Z'); // 25 Nov local
    for (const level of [2, 4, 4]) expect((await send(a.counterToken, level, { officerId: o1 })).status).toBe(201);
    // o2: 1 of 4 dissatisfied = exactly 25 %: not flagged.
    for (const level of [2, 5, 4, 3]) expect((await send(a.counterToken, level, { officerId: o2 })).status).toBe(201);
    await send(a.counterToken, 3); // no officer chosen
    await send(b.counterToken, 1); // another unit: never counted here

    const h = await t.login(a.clerk.username, a.clerk.password);
    const res = await t.get(`/api/units/${a.unitId}/tallies?from=2026-11-24&to=2026-11-25`, h);
    expect(res.status).toBe(200);
    const r = (await res.json()) as TalliesReport;
    expect(r.total.responses).toBe(11);
    expect(r.total.levels).toEqual({ '1': 1, '2': 2, '3': 2, '4': 3, '5': 3 });
    expect(r.total.dissatisfiedShare).toBeCloseTo(3 / 11);
    expect(r.total.satisfiedShare).toBeCloseTo(6 / 11);
    expect(r.questions['access']!.levels['3']).toBe(11);
    const one = r.officers.find((o) => o.officerId === o1)!;
    expect(one).toMatchObject({ name: 'Nguyễn Văn An', responses: 6, flagged: true, smallSample: true });
    expect(one.dissatisfiedShare).toBeCloseTo(2 / 6);
    const two = r.officers.find((o) => o.officerId === o2)!;
    expect(two).toMatchObject({ responses: 4, dissatisfiedShare: 0.25, flagged: false });
    const three = r.officers.find((o) => o.officerId === a.officers[2])!;
    expect(three).toMatchObject({ responses: 0, dissatisfiedShare: null, satisfiedShare: null, flagged: false });
    expect(r.days.map((d) => [d.day, d.responses])).toEqual([
      ['2026-11-24', 3],
      ['2026-11-25', 8],
    ]);

    // Defaults to today (Vietnam time): 25 Nov only.
    const today = (await (await t.get(`/api/units/${a.unitId}/tallies`, h)).json()) as TalliesReport;
    expect(today.from).toBe('2026-11-25');
    expect(today.to).toBe('2026-11-25');
    expect(today.total.responses).toBe(8);
  });

  it('gives null shares for a period without responses', async () => {
    const h = await t.login(a.clerk.username, a.clerk.password);
    const r = (await (await t.get(`/api/units/${a.unitId}/tallies?from=2020-01-01&to=2020-01-31`, h)).json()) as TalliesReport;
    expect(r.total).toEqual({
      responses: 0,
      levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
      satisfied: 0,
      dissatisfied: 0,
      satisfiedShare: null,
      dissatisfiedShare: null,
      flagged: false,
      dissatisfiedInterval: null,
      smallSample: true,
      channels: {},
    });
  });

  it('rejects bad dates with 400', async () => {
    const h = await t.login(a.clerk.username, a.clerk.password);
    for (const q of ['from=2026-02-30', 'to=yesterday', 'from=2026-11-25&to=2026-11-01', 'from=2000-01-01&to=2026-01-01']) {
      await expectErrorShape(await t.get(`/api/units/${a.unitId}/tallies?${q}`, h), 400, 'invalid_input');
    }
  });
});

describe('errors', () => {
  it('answers unknown routes with 404 in the JSON error shape', async () => {
    await expectErrorShape(await t.get('/api/nope'), 404, 'not_found');
  });
  it('answers /healthz', async () => {
    const res = await t.get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
