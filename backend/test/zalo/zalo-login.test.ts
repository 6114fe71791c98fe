import { beforeEach, describe, expect, it } from 'vitest';
import { findStaffByUsername, setStaffActive } from '../../src/db/staff.repository.ts';
import { createLogger } from '../../src/logger.ts';
import { respondentHash } from '../../src/zalo/respondent.ts';
import { expectErrorShape, testApp } from '../helpers/fixtures.ts';
import { createTestDeps } from '../helpers/test-deps.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { linkStaff } from '../helpers/zalo-fixtures.ts';

// The clerk's OA-scoped id is 'zalo-clerk'; textEvent() gives its app-scoped id (user_id_by_app,
// what Graph /v2.0/me returns to the Mini App) as 'app-zalo-clerk'.
const CLERK_TOKEN = 'clerk-mini-app-token-5f1e';
const CLERK_APP_ID = 'app-zalo-clerk';
const STRANGER_TOKEN = 'stranger-mini-app-token-77ab';
const STRANGER_APP_ID = 'app-zalo-stranger';

type LoginAnswer = { token: string; role: string; unitId: string; username: string; expiresAt: string };

describe('POST /api/auth/zalo-login: staff sign-in with the linked Zalo account', () => {
  const logLines: string[] = [];
  // Every log line, at the most verbose level, to check that no token or Zalo id leaks.
  const bed = useTestbed({ zalo: true, logger: createLogger('debug', (line) => logLines.push(line)) });
  beforeEach(() => {
    bed.fake.miniAppUsers.clear();
    bed.fake.miniAppUsers.set(CLERK_TOKEN, CLERK_APP_ID);
    bed.fake.miniAppUsers.set(STRANGER_TOKEN, STRANGER_APP_ID);
    logLines.length = 0;
  });

  const zaloLogin = (zaloAccessToken: string) => bed.t.post('/api/auth/zalo-login', { zaloAccessToken });
  const linkClerk = async () => linkStaff(bed.t, bed.deps, bed.fake, await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password), 'zalo-clerk');

  it('a linked clerk signs in: the same answer as password login, and the session works on the staff API', async () => {
    await linkClerk();
    const res = await zaloLogin(CLERK_TOKEN);
    expect(res.status).toBe(200);
    const body = (await res.json()) as LoginAnswer;
    const password = (await (await bed.t.post('/api/auth/login', { username: bed.unit.clerk.username, password: bed.unit.clerk.password })).json()) as LoginAnswer;
    expect(Object.keys(body).sort()).toEqual(Object.keys(password).sort());
    expect(body).toMatchObject({ role: 'clerk', unitId: bed.unit.unitId, username: bed.unit.clerk.username, expiresAt: password.expiresAt });
    expect(body.token).not.toBe(password.token);

    const auth = { authorization: `Bearer ${body.token}` };
    const tallies = await bed.t.get(`/api/units/${bed.unit.unitId}/tallies`, auth);
    expect(tallies.status).toBe(200);
    expect(await (await bed.t.get('/api/auth/me', auth)).json()).toEqual({ role: 'clerk', unitId: bed.unit.unitId, username: bed.unit.clerk.username });
    // An ordinary session: it expires like one and sign-out ends it.
    expect((await bed.t.post('/api/auth/logout', {}, auth)).status).toBe(204);
    expect((await bed.t.get(`/api/units/${bed.unit.unitId}/tallies`, auth)).status).toBe(401);
  });

  it('the lookup uses the keyed hash stored by linking: the raw Zalo id is stored nowhere', async () => {
    await linkClerk();
    const links = await bed.deps.db.kysely.selectFrom('zalo_links').selectAll().execute();
    expect(links.map((l) => l.app_user_hash)).toEqual([respondentHash(bed.deps.config.APP_SECRET, CLERK_APP_ID)]);
    expect(JSON.stringify(await bed.deps.db.kysely.selectFrom('sessions').selectAll().execute())).not.toContain(CLERK_APP_ID);
  });

  it('a real Zalo user with no linked staff account → 401 telling them to link first', async () => {
    await linkClerk();
    const body = await expectErrorShape(await zaloLogin(STRANGER_TOKEN), 401, 'unauthorized');
    expect(body.error.message).toMatch(/^Tài khoản Zalo này chưa được liên kết/);
    expect(await bed.deps.db.kysely.selectFrom('sessions').selectAll().execute()).toHaveLength(1); // the clerk's password session only
  });

  it('after unlinking, the Zalo account no longer signs in', async () => {
    await linkClerk();
    expect((await zaloLogin(CLERK_TOKEN)).status).toBe(200);
    const clerk = await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
    expect((await bed.t.json('DELETE', '/api/auth/zalo-link', undefined, clerk)).status).toBe(204);
    const body = await expectErrorShape(await zaloLogin(CLERK_TOKEN), 401, 'unauthorized');
    expect(body.error.message).toMatch(/chưa được liên kết/);
  });

  it('a forged or expired Zalo token → 401, and no session is created', async () => {
    await linkClerk();
    const before = (await bed.deps.db.kysely.selectFrom('sessions').selectAll().execute()).length;
    const forged = await expectErrorShape(await zaloLogin('forged-token'), 401, 'unauthorized');
    expect(forged.error.message).toMatch(/Không xác minh được tài khoản Zalo/);
    bed.fake.miniAppUsers.delete(CLERK_TOKEN); // Zalo now answers -501 for it, as for an expired token
    await expectErrorShape(await zaloLogin(CLERK_TOKEN), 401, 'unauthorized');
    expect(await bed.deps.db.kysely.selectFrom('sessions').selectAll().execute()).toHaveLength(before);
  });

  it('a disabled staff account → 401, even though it is linked', async () => {
    await linkClerk();
    const clerk = await findStaffByUsername(bed.deps.db.kysely, bed.unit.clerk.username);
    await setStaffActive(bed.deps.db.kysely, clerk!.id, false);
    const body = await expectErrorShape(await zaloLogin(CLERK_TOKEN), 401, 'unauthorized');
    expect(body.error.message).toMatch(/chưa được liên kết/);
  });

  it('Zalo unreachable in time or failing → 503 `unavailable` within the bounded wait; not counted as a failure', async () => {
    await linkClerk();
    bed.fake.graphDelayMs = 2000; // ZALO_VERIFY_TIMEOUT_MS is 300 in the fake's env
    const started = performance.now();
    const slow = await expectErrorShape(await zaloLogin(CLERK_TOKEN), 503, 'unavailable');
    expect(performance.now() - started).toBeLessThan(1500);
    expect(slow.error.message).toMatch(/Không kết nối được Zalo/);
    bed.fake.graphDelayMs = 0;
    bed.fake.fail('/v2.0/me', 'http500', 'http500', 'http500', 'http500', 'http500', 'http500');
    for (let i = 0; i < 6; i++) await expectErrorShape(await zaloLogin(CLERK_TOKEN), 503, 'unavailable');
    // Six outages later the rate limiter has not been touched: Zalo is back, the clerk gets in.
    expect((await zaloLogin(CLERK_TOKEN)).status).toBe(200);
  });

  it('without ZALO_APP_SECRET the server cannot verify anyone → 503 with a clear message', async () => {
    const bare = await createTestDeps();
    try {
      const body = await expectErrorShape(await testApp(bare).post('/api/auth/zalo-login', { zaloAccessToken: CLERK_TOKEN }), 503, 'unavailable');
      expect(body.error.message).toMatch(/chưa bật đăng nhập bằng Zalo/);
    } finally {
      await bare.close();
    }
  });

  it('repeated failures are slowed down like wrong passwords (429 with Retry-After)', async () => {
    await linkClerk();
    for (let i = 0; i < 5; i++) await expectErrorShape(await zaloLogin(`forged-${i}`), 401, 'unauthorized');
    const limited = await zaloLogin(CLERK_TOKEN);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    bed.deps.setNow(new Date(bed.deps.now().getTime() + 4 * 60_000).toISOString());
    expect((await zaloLogin(CLERK_TOKEN)).status).toBe(200);
  });

  it('JSON only, strict body', async () => {
    await expectErrorShape(await bed.t.post('/api/auth/zalo-login', { zaloAccessToken: CLERK_TOKEN, username: 'x' }), 400, 'invalid_input');
    await expectErrorShape(await bed.t.post('/api/auth/zalo-login', {}), 400, 'invalid_input');
    await expectErrorShape(await bed.t.post('/api/auth/zalo-login', { zaloAccessToken: '' }), 400, 'invalid_input');
    await expectErrorShape(await bed.t.app.request('/api/auth/zalo-login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: CLERK_TOKEN }), 415, 'unsupported_media_type');
  });

  it('no token value, Zalo user id or its hash in the logs', async () => {
    await linkClerk();
    await zaloLogin(CLERK_TOKEN);
    await zaloLogin(STRANGER_TOKEN);
    await zaloLogin('forged-token-xyz');
    bed.fake.graphDelayMs = 2000;
    await zaloLogin(CLERK_TOKEN);
    bed.fake.graphDelayMs = 0;
    const logs = logLines.join('');
    expect(logs).toContain('zalo login');
    for (const secret of [CLERK_TOKEN, STRANGER_TOKEN, 'forged-token-xyz', CLERK_APP_ID, STRANGER_APP_ID, 'zalo-clerk', respondentHash(bed.deps.config.APP_SECRET, CLERK_APP_ID)]) {
      expect(logs).not.toContain(secret);
    }
  });
});
