import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { createTestDeps, TEST_ADMIN_TOKEN, type TestDeps } from '../../../test/helpers/test-deps.ts';
import { seedUnit, testApp, type SeededUnit } from '../../../test/helpers/fixtures.ts';
import { adminAuth, bearerOf, staffAuth, type AuthEnv } from './auth.ts';
import { errorHandler } from './error-handler.ts';
import { createStaff } from '../../services/setup.service.ts';

let deps: TestDeps;
let unit: SeededUnit;
let session: string;
beforeAll(async () => {
  deps = await createTestDeps();
  unit = await seedUnit(deps, 'xa-mw-auth');
  session = (await testApp(deps).login(unit.clerk.username, unit.clerk.password)).authorization!.slice('Bearer '.length);
});
afterAll(() => deps.close());

/** The middleware alone, in front of a handler that shows what it set. */
const guarded = (mw: ReturnType<typeof staffAuth>) =>
  new Hono<AuthEnv>()
    .use(mw)
    .get('/', (c) => c.json({ principal: c.get('principal'), bearer: c.get('bearer') }))
    .post('/', (c) => c.json({ ok: true }))
    .onError(errorHandler(createLogger('silent')));

describe('bearerOf', () => {
  it('takes the token of a Bearer header, any case, nothing else', () => {
    expect(bearerOf('Bearer abc')).toBe('abc');
    expect(bearerOf('bearer   abc  ')).toBe('abc');
    expect(bearerOf('Basic abc')).toBeNull();
    expect(bearerOf('Bearer a b')).toBeNull();
    expect(bearerOf(undefined)).toBeNull();
  });
});

describe('adminAuth', () => {
  it('answers 401 without the admin token and lets it through with it', async () => {
    const app = guarded(adminAuth(deps));
    expect((await app.request('/')).status).toBe(401);
    expect((await app.request('/', { headers: { authorization: 'Bearer wrong-token-of-any-length' } })).status).toBe(401);
    const ok = await app.request('/', { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(await ok.json()).toEqual({ principal: { kind: 'admin' }, bearer: TEST_ADMIN_TOKEN });
  });

  it('answers 403 admin_disabled while ADMIN_TOKEN is unset', async () => {
    const app = guarded(adminAuth({ ...deps, config: { ...deps.config, ADMIN_TOKEN: undefined } }));
    const res = await app.request('/', { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('admin_disabled');
  });
});

describe('staffAuth', () => {
  const app = () => guarded(staffAuth(deps));

  it('sets the staff principal from a session bearer token', async () => {
    const res = await app().request('/', { headers: { authorization: `Bearer ${session}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { principal: { kind: string; staff: { username: string; unitId: string } } };
    expect(body.principal).toMatchObject({ kind: 'staff', staff: { username: unit.clerk.username, unitId: unit.unitId } });
  });

  it('answers 401 without a token or with an unknown one, in Vietnamese', async () => {
    expect((await app().request('/')).status).toBe(401);
    const res = await app().request('/', { headers: { authorization: 'Bearer not-a-session' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Phiên đăng nhập không hợp lệ hoặc đã hết hạn.');
  });

  it('accepts the admin token for operators’ scripts', async () => {
    const res = await app().request('/', { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(((await res.json()) as { principal: unknown }).principal).toEqual({ kind: 'admin' });
  });

  it('takes the session cookie, and refuses a write it carries from another site', async () => {
    const cookie = `hl_staff=${session}`;
    expect((await app().request('/', { headers: { cookie } })).status).toBe(200);
    expect((await app().request('/', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await app().request('/', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('ends with the session’s expiry', async () => {
    deps.setNow(new Date(deps.now().getTime() + (deps.config.SESSION_TTL_HOURS + 1) * 3_600_000).toISOString());
    expect((await app().request('/', { headers: { authorization: `Bearer ${session}` } })).status).toBe(401);
  });
});

describe('an enumerator’s session', () => {
  it('lasts ENUMERATOR_SESSION_TTL_HOURS (a day offline must not end in the sign-in screen), other roles keep theirs', async () => {
    await createStaff(deps, unit.unitId, { username: 'dtv-auth', password: 'mat-khau-dtv-1', role: 'enumerator' });
    const enumerator = (await testApp(deps).login('dtv-auth', 'mat-khau-dtv-1')).authorization!;
    const clerk = (await testApp(deps).login(unit.clerk.username, unit.clerk.password)).authorization!;
    const app = guarded(staffAuth(deps));
    const after = (hours: number) => deps.setNow(new Date(deps.now().getTime() + hours * 3_600_000).toISOString());
    after(deps.config.SESSION_TTL_HOURS + 1);
    expect((await app.request('/', { headers: { authorization: clerk } })).status).toBe(401);
    expect((await app.request('/', { headers: { authorization: enumerator } })).status).toBe(200);
    after(deps.config.ENUMERATOR_SESSION_TTL_HOURS - deps.config.SESSION_TTL_HOURS);
    expect((await app.request('/', { headers: { authorization: enumerator } })).status).toBe(401);
  });
});
