import { afterEach, describe, expect, it } from 'vitest';
import { insertOfficer, setOfficerActive } from '../db/officers.repository.ts';
import { setPointActive } from '../db/points.repository.ts';
import { newTokenKey, signPointToken, verifyPointToken } from '../security/point-token.ts';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { responseBody, seedUnit, testApp } from '../../test/helpers/fixtures.ts';
import { PointCache } from './point-cache.ts';

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.close();
  deps = undefined;
});

describe('PointCache.keyOf', () => {
  const secret = 'cache-secret-cache-secret-0000000000000';

  it('checks a valid token once, then answers from memory', () => {
    const cache = new PointCache();
    const key = newTokenKey();
    const token = signPointToken(secret, key);
    let calls = 0;
    const verify = (t: string) => (calls++, verifyPointToken(secret, t));
    for (let i = 0; i < 5; i++) expect(cache.keyOf(token, verify)).toBe(key);
    expect(calls).toBe(1);
  });

  it('checks a forged token every time and never accepts it', () => {
    const cache = new PointCache();
    const forged = `${newTokenKey()}.AAAAAAAAAAAAAAAA`;
    let calls = 0;
    const verify = (t: string) => (calls++, verifyPointToken(secret, t));
    for (let i = 0; i < 3; i++) expect(cache.keyOf(forged, verify)).toBeNull();
    expect(calls).toBe(3);
    // A token signed with another secret is not a key here either.
    expect(cache.keyOf(signPointToken('other-secret-other-secret-000000000000', newTokenKey()), verify)).toBeNull();
  });
});

// Changes below are written straight to the database, as another replica (or the admin CLI)
// would: nothing clears this process's cache.
describe('PointCache.get and refreshUnit (changes made elsewhere)', () => {
  const T0 = 1_000_000;

  it('sees a point change within 5 s and an officer leaving within 60 s', async () => {
    const d = (deps = await createTestDeps());
    const unit = await seedUnit(d, 'xa-cache', { staff: false });
    const cache = new PointCache();
    const key = cache.keyOf(unit.counterToken, (t) => verifyPointToken(d.config.APP_SECRET, t))!;
    const first = (await cache.get(d.db, key, T0))!;
    expect(first.point.active).toBe(true);
    expect(first.activeOfficerIds.has(unit.officers[1]!)).toBe(true);

    await setPointActive(d.db.kysely, first.point.id, false);
    await setOfficerActive(d.db.kysely, unit.officers[1]!, false);
    expect((await cache.get(d.db, key, T0 + 4_999))!.point.active).toBe(true);
    const after5s = (await cache.get(d.db, key, T0 + 5_000))!;
    expect(after5s.point.active).toBe(false);
    expect(after5s.activeOfficerIds.has(unit.officers[1]!)).toBe(true);
    expect((await cache.get(d.db, key, T0 + 60_000))!.activeOfficerIds.has(unit.officers[1]!)).toBe(false);
  });

  it('looks an unknown officer up again before refusing it, at most once a second per unit', async () => {
    const d = (deps = await createTestDeps());
    const unit = await seedUnit(d, 'xa-cache', { staff: false });
    const cache = new PointCache();
    const key = cache.keyOf(unit.counterToken, (t) => verifyPointToken(d.config.APP_SECRET, t))!;
    expect((await cache.get(d.db, key, T0))!.activeOfficerIds.size).toBe(3);

    const added = await insertOfficer(d.db.kysely, { id: crypto.randomUUID(), unitId: unit.unitId, name: 'Phạm Thị Dung', title: null, now: new Date(T0).toISOString() });
    expect((await cache.get(d.db, key, T0 + 10))!.activeOfficerIds.has(added.id)).toBe(false);
    // Read at T0: not again before T0 + 1 s, however many unknown ids come in.
    expect((await cache.refreshUnit(d.db, unit.unitId, T0 + 999)).activeOfficerIds.has(added.id)).toBe(false);
    expect((await cache.refreshUnit(d.db, unit.unitId, T0 + 1_000)).activeOfficerIds.has(added.id)).toBe(true);
    // The refreshed unit is what get() answers from now on.
    expect((await cache.get(d.db, key, T0 + 1_001))!.activeOfficerIds.has(added.id)).toBe(true);
  });

  it('accepts a response for an officer just added on another replica, and still refuses a made-up one', async () => {
    const d = (deps = await createTestDeps());
    const unit = await seedUnit(d, 'xa-cache', { staff: false });
    const { post } = testApp(d);
    expect((await post('/api/public/responses', responseBody(unit.counterToken, { officerId: unit.officers[0] }))).status).toBe(201);

    const added = await insertOfficer(d.db.kysely, { id: crypto.randomUUID(), unitId: unit.unitId, name: 'Phạm Thị Dung', title: null, now: d.now().toISOString() });
    d.setNow(new Date(d.now().getTime() + 2_000).toISOString());
    expect((await post('/api/public/responses', responseBody(unit.counterToken, { officerId: added.id }))).status).toBe(201);
    const madeUp = await post('/api/public/responses', responseBody(unit.counterToken, { officerId: crypto.randomUUID() }));
    expect(madeUp.status).toBe(400);
    expect(((await madeUp.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('officerId');
  });
});
