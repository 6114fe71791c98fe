import { beforeAll, describe, expect, it } from 'vitest';
import { processEvents } from '../../src/jobs/zalo-events.ts';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import { respondentHash } from '../../src/zalo/respondent.ts';
import { expectErrorShape, responseBody } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { postWebhook, signedEvent, textEvent } from '../helpers/zalo-fixtures.ts';

type Tallies = { officers: { officerId: string; responses: number }[]; total: { responses: number } };

describe('Mini App user verification', () => {
  const bed = useTestbed({ zalo: true });
  // The fake's reset keeps its Mini App users: set once for the file.
  beforeAll(() => {
    bed.fake.miniAppUsers.set('citizen-token', 'app-user-42');
    bed.fake.miniAppUsers.set('officer-token', 'app-zalo-officer');
  });

  const post = (token: string, extra: Record<string, unknown> = {}) => bed.t.post('/api/public/responses', responseBody(token, { zaloAccessToken: 'citizen-token', ...extra }));
  const stored = () => bed.deps.db.kysely.selectFrom('responses').select(['respondent_hash', 'verification', 'self_rating']).orderBy('seq').execute();

  it('stores only the keyed hash of the verified user; the same user at the same point within the window → 409', async () => {
    expect((await post(bed.unit.counterToken)).status).toBe(201);
    const rows = await stored();
    expect(rows[0]).toEqual({ respondent_hash: respondentHash(bed.deps.config.APP_SECRET, 'app-user-42'), verification: 'verified', self_rating: null });
    expect(JSON.stringify(await bed.deps.db.kysely.selectFrom('responses').selectAll().execute())).not.toContain('app-user-42');

    const dup = await expectErrorShape(await post(bed.unit.counterToken), 409, 'duplicate_response');
    expect(dup.error.message).toMatch(/đánh giá/);
    expect((await post(bed.unit.deskToken)).status).toBe(201); // another point
    bed.deps.setNow(new Date(bed.deps.now().getTime() + 121 * 60_000).toISOString());
    expect((await post(bed.unit.counterToken)).status).toBe(201); // after 2 hours
    expect(await stored()).toHaveLength(3);
    expect((await verifyDatabase(bed.deps.db)).problems).toEqual([]);
  });

  it('two concurrent submissions by the same user: one stored, one 409', async () => {
    const [a, b] = await Promise.all([post(bed.unit.counterToken), post(bed.unit.counterToken)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await stored()).toHaveLength(1);
  });

  it('Zalo unreachable in time or a token Zalo rejects: the response is stored, marked unverified, never lost', async () => {
    bed.fake.graphDelayMs = 2000;
    const started = performance.now();
    expect((await post(bed.unit.counterToken)).status).toBe(201);
    expect(performance.now() - started).toBeLessThan(1500);
    bed.fake.graphDelayMs = 0;
    expect((await post(bed.unit.counterToken, { zaloAccessToken: 'forged' })).status).toBe(201);
    expect(await stored()).toEqual([
      { respondent_hash: null, verification: 'unverified', self_rating: null },
      { respondent_hash: null, verification: 'unverified', self_rating: null },
    ]);
  });

  it('a self-rating is stored, marked, kept out of the officer figures, shown to staff, and verify still passes', async () => {
    const clerk = await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
    const { code } = (await (await bed.t.post(`/api/units/${bed.unit.unitId}/officers/${bed.unit.deskOfficerId}/zalo-link`, {}, clerk)).json()) as { code: string };
    // The officer's OA-scoped id is 'zalo-officer'; its app-scoped id (what Graph returns to the Mini App) 'app-zalo-officer'.
    await postWebhook(bed.t, signedEvent(bed.fake, textEvent(bed.fake, bed.deps, 'zalo-officer', code)));
    await processEvents(bed.deps);

    expect((await post(bed.unit.deskToken, { zaloAccessToken: 'officer-token' })).status).toBe(201);
    expect((await post(bed.unit.deskToken)).status).toBe(201); // a citizen
    expect((await stored()).map((r) => r.self_rating)).toEqual([1, null]);

    const tallies = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/tallies`, clerk)).json()) as Tallies;
    expect(tallies.officers.find((o) => o.officerId === bed.unit.deskOfficerId)!.responses).toBe(1);
    expect(tallies.total.responses).toBe(2);
    const self = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/self-ratings`, clerk)).json()) as { officers: { officerId: string; excluded: number }[] };
    expect(self.officers).toEqual([{ officerId: bed.unit.deskOfficerId, name: 'Nguyễn Văn An', excluded: 1 }]);
    expect((await verifyDatabase(bed.deps.db)).problems).toEqual([]);
  });
});
