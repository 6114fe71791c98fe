import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { createStaff } from '../../services/setup.service.ts';
import { createTestDeps, TEST_ADMIN_TOKEN, type TestDeps } from '../../../test/helpers/test-deps.ts';
import { seedUnit, testApp, type SeededUnit } from '../../../test/helpers/fixtures.ts';
import { staffAuth, type AuthEnv } from './auth.ts';
import { errorHandler } from './error-handler.ts';
import { unitScope } from './unit-scope.ts';

let deps: TestDeps;
let province: SeededUnit;
let commune: SeededUnit;
let other: SeededUnit;
let app: Hono<AuthEnv>;
const bearer: Record<string, string> = {};
beforeAll(async () => {
  deps = await createTestDeps();
  province = await seedUnit(deps, 'tinh-a');
  commune = await seedUnit(deps, 'xa-a', { parentCode: 'tinh-a' });
  other = await seedUnit(deps, 'xa-b');
  await createStaff(deps, province.unitId, { username: 'noivu-a', password: 'noivu-password', role: 'supervisor' });
  const t = testApp(deps);
  bearer['clerk'] = (await t.login(commune.clerk.username, commune.clerk.password)).authorization!;
  bearer['supervisor'] = (await t.login('noivu-a', 'noivu-password')).authorization!;
  bearer['admin'] = `Bearer ${TEST_ADMIN_TOKEN}`;
  app = new Hono<AuthEnv>()
    .use(staffAuth(deps))
    .use('/:unitId/*', unitScope(deps))
    .get('/:unitId/x', (c) => c.text('in scope'))
    .onError(errorHandler(createLogger('silent')));
});
afterAll(() => deps.close());

const status = async (who: string, unitId: string) => (await app.request(`/${unitId}/x`, { headers: { authorization: bearer[who]! } })).status;

describe('unitScope', () => {
  it('lets a clerk into their own unit only', async () => {
    expect(await status('clerk', commune.unitId)).toBe(200);
    expect(await status('clerk', province.unitId)).toBe(403);
    expect(await status('clerk', other.unitId)).toBe(403);
  });

  it('lets a supervisor into every unit below them, and no other', async () => {
    expect(await status('supervisor', province.unitId)).toBe(200);
    expect(await status('supervisor', commune.unitId)).toBe(200);
    expect(await status('supervisor', other.unitId)).toBe(403);
  });

  it('answers staff 403 for a unit that does not exist (they learn nothing), the admin token 404', async () => {
    expect(await status('clerk', 'no-such-unit')).toBe(403);
    expect(await status('admin', 'no-such-unit')).toBe(404);
    expect(await status('admin', other.unitId)).toBe(200);
  });
});
