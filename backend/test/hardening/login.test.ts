import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../helpers/test-deps.ts';
import { seedUnit, testApp, type SeededUnit } from '../helpers/fixtures.ts';

let deps: TestDeps;
let unit: SeededUnit;
let t: ReturnType<typeof testApp>;
beforeAll(async () => {
  deps = await createTestDeps({ TRUST_PROXY: 'true' });
  unit = await seedUnit(deps, 'xa-login');
  t = testApp(deps);
});
afterAll(() => deps.close());

const login = (username: string, password: string, address: string) => t.post('/api/auth/login', { username, password }, { 'x-forwarded-for': address });

async function attempts(): Promise<Record<string, number>> {
  const text = await (await t.get('/metrics')).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^hailong_login_attempts_total\{outcome="(\w+)"\} (\d+)/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

describe('login as a CPU denial of service, and password spraying (issue 23, item 4)', () => {
  it('100 concurrent logins with made-up usernames from one address: two are hashed, the rest get 429 at once; a real login from elsewhere gets in', async () => {
    const before = await attempts();
    const attacker = Array.from({ length: 100 }, (_, i) => login(`made-up-${i}`, 'guess', '127.0.0.41'));
    const real = login(unit.clerk.username, unit.clerk.password, '127.0.0.42');
    const answers = await Promise.all(attacker);
    expect((await real).status).toBe(200);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(98);
    const busy = answers.find((r) => r.status === 429)!;
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await busy.json()) as { error: { message: string } }).error.message).toContain('đang bận');
    const after = await attempts();
    // Only the two admitted attempts cost a hash; the refused ones cost none.
    expect((after['failed'] ?? 0) - (before['failed'] ?? 0)).toBe(2);
    expect((after['busy'] ?? 0) - (before['busy'] ?? 0)).toBe(98);
  });

  it('spraying: twenty wrong passwords from one address across usernames, then 429 for any username', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`spray-${i}`, 'Password1', '127.0.0.43')).status).toBe(401);
    const next = await login(unit.chairman.username, 'Password1', '127.0.0.43');
    expect(next.status).toBe(429);
    expect(((await next.json()) as { error: { message: string } }).error.message).toBe('Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau.');
    // Even the right password waits: the address is limited, not the account.
    expect((await login(unit.chairman.username, unit.chairman.password, '127.0.0.43')).status).toBe(429);
    // Another address is not affected.
    expect((await login(unit.chairman.username, unit.chairman.password, '127.0.0.44')).status).toBe(200);
    // A minute later one more try is allowed.
    deps.setNow(new Date(deps.now().getTime() + 61_000).toISOString());
    expect((await login(unit.chairman.username, unit.chairman.password, '127.0.0.43')).status).toBe(200);
  });
});
