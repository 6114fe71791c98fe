import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../backend/src/services/verify.service.ts';
import { createTestDeps, type TestDeps } from '../../backend/test/helpers/test-deps.ts';
import { seedDemoResponses } from '../lib/demo/seed-responses.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.close();
});

describe('npm run seed:demo', () => {
  it('stores weeks of responses through the real service: chains and tallies verify, two officers are over 25 %, a re-run stores nothing', async () => {
    const opts = { seed: 2024, end: '2026-11-24', days: 28, perDay: 14 };
    const first = await seedDemoResponses(deps, opts);
    expect(first.created).toBeGreaterThan(200);
    expect(first.byOfficer.filter((o) => o.dissatisfiedShare > 0.25)).toHaveLength(2);
    const report = await verifyDatabase(deps.db);
    expect(report.problems).toEqual([]);
    expect(report.responses).toBe(first.created);
    const days = await deps.db.kysely.selectFrom('responses').select('day').distinct().execute();
    expect(days.length).toBeGreaterThan(18);
    expect(days.every((d) => d.day >= '2026-10-28' && d.day <= '2026-11-24')).toBe(true);
    const comments = await deps.db.kysely.selectFrom('responses').select('comment').where('comment', 'is not', null).execute();
    expect(comments.length).toBeGreaterThan(20);

    const again = await seedDemoResponses(deps, opts);
    expect(again.created).toBe(0);
    expect(again.alreadyThere).toBe(first.created);
  });
});
