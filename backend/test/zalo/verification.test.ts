import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processEvents } from '../../src/jobs/zalo-events.ts';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import { respondentHash } from '../../src/zalo/respondent.ts';
import { expectErrorShape, responseBody, seedUnit, testApp, type SeededUnit } from '../helpers/fixtures.ts';
import { startFakeZalo, type FakeZalo } from '../helpers/fake-zalo.ts';
import { createTestDeps, type TestDeps } from '../helpers/test-deps.ts';
import { postWebhook, signedEvent, textEvent } from '../helpers/zalo-fixtures.ts';

type Tallies = { officers: { officerId: string; responses: number }[]; total: { responses: number } };

describe('Mini App user verification', () => {
  let fake: FakeZalo;
  let deps: TestDeps;
  let t: ReturnType<typeof testApp>;
  let unit: SeededUnit;
  beforeAll(async () => {
    fake = await startFakeZalo();
    fake.miniAppUsers.set('citizen-token', 'app-user-42');
    fake.miniAppUsers.set('officer-token', 'app-zalo-officer');
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    fake.graphDelayMs = 0;
    deps = await createTestDeps(fake.env());
    t = testApp(deps);
    unit = await seedUnit(deps);
  });
  afterEach(() => deps.close());

  const post = (token: string, extra: Record<string, unknown> = {}) => t.post('/api/public/responses', responseBody(token, { zaloAccessToken: 'citizen-token', ...extra }));
  const stored = () => deps.db.kysely.selectFrom('responses').select(['respondent_hash', 'verification', 'self_rating']).orderBy('seq').execute();

  it('stores only the keyed hash of the verified user; the same user at the same point within the window → 409', async () => {
    expect((await post(unit.counterToken)).status).toBe(201);
    const rows = await stored();
    expect(rows[0]).toEqual({ respondent_hash: respondentHash(deps.config.APP_SECRET, 'app-user-42'), verification: 'verified', self_rating: null });
    expect(JSON.stringify(await deps.db.kysely.selectFrom('responses').selectAll().execute())).not.toContain('app-user-42');

    const dup = await expectErrorShape(await post(unit.counterToken), 409, 'duplicate_response');
    expect(dup.error.message).toMatch(/đánh giá/);
    expect((await post(unit.deskToken)).status).toBe(201); // another point
    deps.setNow(new Date(deps.now().getTime() + 121 * 60_000).toISOString());
    expect((await post(unit.counterToken)).status).toBe(201); // after 2 hours
    expect(await stored()).toHaveLength(3);
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
  });

  it('two concurrent submissions by the same user: one stored, one 409', async () => {
    const [a, b] = await Promise.all([post(unit.counterToken), post(unit.counterToken)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await stored()).toHaveLength(1);
  });

  it('Zalo unreachable in time or a token Zalo rejects: the response is stored, marked unverified, never lost', async () => {
    fake.graphDelayMs = 2000;
    const started = performance.now();
    expect((await post(unit.counterToken)).status).toBe(201);
    expect(performance.now() - started).toBeLessThan(1500);
    fake.graphDelayMs = 0;
    expect((await post(unit.counterToken, { zaloAccessToken: 'forged' })).status).toBe(201);
    expect(await stored()).toEqual([
      { respondent_hash: null, verification: 'unverified', self_rating: null },
      { respondent_hash: null, verification: 'unverified', self_rating: null },
    ]);
  });

  it('a self-rating is stored, marked, kept out of the officer figures, shown to staff, and verify still passes', async () => {
    const clerk = await t.login(unit.clerk.username, unit.clerk.password);
    const { code } = (await (await t.post(`/api/units/${unit.unitId}/officers/${unit.deskOfficerId}/zalo-link`, {}, clerk)).json()) as { code: string };
    // The officer's OA-scoped id is 'zalo-officer'; its app-scoped id (what Graph returns to the Mini App) 'app-zalo-officer'.
    await postWebhook(t, signedEvent(fake, textEvent(fake, deps, 'zalo-officer', code)));
    await processEvents(deps);

    expect((await post(unit.deskToken, { zaloAccessToken: 'officer-token' })).status).toBe(201);
    expect((await post(unit.deskToken)).status).toBe(201); // a citizen
    expect((await stored()).map((r) => r.self_rating)).toEqual([1, null]);

    const tallies = (await (await t.get(`/api/units/${unit.unitId}/tallies`, clerk)).json()) as Tallies;
    expect(tallies.officers.find((o) => o.officerId === unit.deskOfficerId)!.responses).toBe(1);
    expect(tallies.total.responses).toBe(2);
    const self = (await (await t.get(`/api/units/${unit.unitId}/self-ratings`, clerk)).json()) as { officers: { officerId: string; excluded: number }[] };
    expect(self.officers).toEqual([{ officerId: unit.deskOfficerId, name: 'Nguyễn Văn An', excluded: 1 }]);
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
  });
});
