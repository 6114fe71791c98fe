import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../test/helpers/test-deps.ts';
import { seedUnit, testApp, type SeededUnit } from '../../../test/helpers/fixtures.ts';

let deps: TestDeps;
let unit: SeededUnit;
let t: ReturnType<typeof testApp>;
beforeAll(async () => {
  deps = await createTestDeps();
  unit = await seedUnit(deps, 'xa-cookie');
  t = testApp(deps);
});
afterAll(() => deps.close());

async function cookieLogin(): Promise<string> {
  const res = await t.post('/api/auth/login', { username: unit.clerk.username, password: unit.clerk.password }, { 'x-session-cookie': '1' });
  expect(res.status).toBe(200);
  const set = res.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/^hl_staff=[^;]+;/);
  expect(set).toContain('HttpOnly');
  expect(set).toContain('SameSite=Strict');
  expect(set).toContain('Path=/api');
  return set.split(';')[0]!;
}

describe('the staff session cookie (issue 23, item 6)', () => {
  it('is set only when the web app asks for it', async () => {
    const res = await t.post('/api/auth/login', { username: unit.clerk.username, password: unit.clerk.password });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('authenticates reads and same-site writes, refuses cross-site writes, and ends with logout', async () => {
    const cookie = await cookieLogin();
    const me = await t.get('/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'clerk', unitId: unit.unitId });
    expect((await t.get(`/api/units/${unit.unitId}/tallies`, { cookie })).status).toBe(200);

    const link = (headers: Record<string, string>) => t.post('/api/auth/zalo-link', {}, { cookie, ...headers });
    expect((await link({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await link({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await link({ 'sec-fetch-site': 'same-origin' })).status).toBe(201);

    const out = await t.post('/api/auth/logout', {}, { cookie, 'sec-fetch-site': 'same-origin' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^hl_staff=;.*Max-Age=0/);
    expect((await t.get('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('a bearer token still works as before, without any site check (the Mini App in Zalo)', async () => {
    const bearer = await t.login(unit.chairman.username, unit.chairman.password);
    expect((await t.post('/api/auth/zalo-link', {}, { ...bearer, origin: 'https://h5.zdn.vn' })).status).toBe(201);
  });
});
