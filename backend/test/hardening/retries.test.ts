import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countResponses } from '../../src/db/responses.repository.ts';
import { createTestDeps, type TestDeps } from '../helpers/test-deps.ts';
import { expectErrorShape, responseBody, seedUnit, testApp, type SeededUnit } from '../helpers/fixtures.ts';

let deps: TestDeps;
let a: SeededUnit;
let b: SeededUnit;
let t: ReturnType<typeof testApp>;
beforeAll(async () => {
  // The limits as shipped; one address is told apart from another by X-Forwarded-For behind a proxy.
  deps = await createTestDeps({ RATE_LIMIT_ENABLED: 'true', TRUST_PROXY: 'true' });
  a = await seedUnit(deps, 'xa-retry-a', { staff: false });
  b = await seedUnit(deps, 'xa-retry-b', { staff: false });
  t = testApp(deps);
});
afterAll(() => deps.close());

const from = (address: string) => ({ 'x-forwarded-for': address });

describe("a phone's retry of a stored response (issue 23, item 2)", () => {
  it('is answered 200 with its receipt after its address spent the allowance, even on junk', async () => {
    const phone = from('127.0.0.21');
    const body = responseBody(a.counterToken);
    const first = await t.post('/api/public/responses', body, phone);
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as { id: string };
    // 70 malformed posts spend the address's 60-request burst.
    for (let i = 0; i < 70; i++) await t.post('/api/public/responses', { junk: i }, phone);
    await expectErrorShape(await t.post('/api/public/responses', responseBody(a.counterToken), phone), 429, 'rate_limited');
    const retry = await t.post('/api/public/responses', body, phone);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(receipt);
    // Limited, and not a stored clientId: still 429 with Retry-After, nothing stored.
    const before = await countResponses(deps.db.kysely);
    const fresh = await t.post('/api/public/responses', responseBody(a.counterToken), phone);
    await expectErrorShape(fresh, 429, 'rate_limited');
    expect(Number(fresh.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await countResponses(deps.db.kysely)).toBe(before);
  });

  it('is answered 200 once the point allowance is spent too', async () => {
    const phone = from('127.0.0.22');
    const body = responseBody(a.deskToken);
    expect((await t.post('/api/public/responses', body, phone)).status).toBe(201);
    for (let i = 0; i < 12; i++) await t.post('/api/public/responses', responseBody(a.deskToken), phone);
    await expectErrorShape(await t.post('/api/public/responses', responseBody(a.deskToken), phone), 429);
    expect((await t.post('/api/public/responses', body, phone)).status).toBe(200);
  });
});

describe('a clientId stored at one unit, replayed with another unit’s token (issue 23, item 9)', () => {
  it('never returns the first unit’s receipt: 409, and nothing stored', async () => {
    const body = responseBody(a.counterToken);
    const first = await t.post('/api/public/responses', body, from('127.0.0.23'));
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as { id: string };
    const before = await countResponses(deps.db.kysely);
    const replay = await t.post('/api/public/responses', { ...body, token: b.counterToken }, from('127.0.0.24'));
    const err = await expectErrorShape(replay, 409, 'conflict');
    expect(JSON.stringify(err)).not.toContain(receipt.id);
    expect(await countResponses(deps.db.kysely)).toBe(before);
    // The same replay from an address that is limited: as for an unknown clientId at B (429), not A's receipt.
    const limited = from('127.0.0.25');
    for (let i = 0; i < 61; i++) await t.post('/api/public/responses', { junk: i }, limited);
    const limitedReplay = await t.post('/api/public/responses', { ...body, token: b.counterToken }, limited);
    await expectErrorShape(limitedReplay, 429, 'rate_limited');
    // The retry with A's own token is still answered.
    expect((await t.post('/api/public/responses', body, limited)).status).toBe(200);
  });

  it('in one batch of the writer too (two units, the same clientId): the second gets 409', async () => {
    const clientId = crypto.randomUUID();
    const [x, y] = await Promise.all([
      t.post('/api/public/responses', responseBody(a.counterToken, { clientId }), from('127.0.0.26')),
      t.post('/api/public/responses', responseBody(b.counterToken, { clientId }), from('127.0.0.27')),
    ]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
  });
});
