import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../backend/src/http/create-app.ts';
import { createPoint, createUnit } from '../../backend/src/services/setup.service.ts';
import { createTestDeps, type TestDeps } from '../../backend/test/helpers/test-deps.ts';
import { rotatePoint } from '../lib/admin/point-commands.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.close();
});

const answers = { overall: 4, access: 5, attitude: 4, responsibility: 4, guidance: 3 };

describe('point rotate', () => {
  it('the old token answers 404, the new one works, past responses stay', async () => {
    const app = createApp(deps);
    const unit = await createUnit(deps, { code: 'xa-thu', name: 'UBND xã Thử' });
    const point = await createPoint(deps, unit.id, { label: 'Quầy tiếp nhận và trả kết quả' });
    const post = (token: string) =>
      app.request('/api/public/responses', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token, clientId: crypto.randomUUID(), answers }),
      });

    expect((await post(point.token)).status).toBe(201);
    expect((await post(point.token)).status).toBe(201);

    const rotated = await rotatePoint(deps, point.id.slice(0, 8));
    expect(rotated.token).not.toBe(point.token);
    expect(rotated.deepLink).toContain(encodeURIComponent(rotated.token));

    expect((await app.request(`/api/public/points/${encodeURIComponent(point.token)}`)).status).toBe(404);
    expect((await post(point.token)).status).toBe(404);
    const fresh = await app.request(`/api/public/points/${encodeURIComponent(rotated.token)}`);
    expect(fresh.status).toBe(200);
    expect(((await fresh.json()) as { unit: { name: string } }).unit.name).toBe('UBND xã Thử');
    expect((await post(rotated.token)).status).toBe(201);

    const rows = await deps.db.kysely.selectFrom('responses').select(['point_id', 'seq']).orderBy('seq').execute();
    expect(rows).toEqual([1, 2, 3].map((seq) => ({ point_id: point.id, seq })));
  });
});
