import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { seedUnit } from '../../test/helpers/fixtures.ts';
import { createApp } from './create-app.ts';
import { createClient } from './client.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(() => deps.close());

describe('typed client', () => {
  it('reads a point and posts a response with the contract types', async () => {
    const u = await seedUnit(deps, 'xa-c', { staff: false });
    const app = createApp(deps);
    const client = createClient('http://local', { fetch: (input: string | URL | Request, init?: RequestInit) => app.request(input instanceof Request ? input : String(input), init) });
    const point = await client.api.public.points[':token'].$get({ param: { token: u.counterToken } });
    expect(point.status).toBe(200);
    if (point.status !== 200) return;
    const body = await point.json();
    expect(body.form.levels[0]?.label).toBe('Rất hài lòng');
    const res = await client.api.public.responses.$post({
      json: { token: u.counterToken, clientId: crypto.randomUUID(), answers: { overall: 5, access: 5, attitude: 4, responsibility: 4, guidance: 5 } },
    });
    expect(res.status).toBe(201);
  });
});
