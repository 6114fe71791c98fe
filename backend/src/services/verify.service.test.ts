import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { responseBody, seedUnit, testApp } from '../../test/helpers/fixtures.ts';
import { verifyDatabase } from './verify.service.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
  const u = await seedUnit(deps, 'xa-a', { staff: false });
  const t = testApp(deps);
  for (let i = 0; i < 12; i++) {
    const res = await t.post('/api/public/responses', responseBody(i % 2 ? u.counterToken : u.deskToken, { answers: { overall: (i % 5) + 1, access: 2, attitude: 3, responsibility: 4, guidance: 5 } }));
    expect(res.status).toBe(201);
  }
});
afterEach(() => deps.close());

describe('verifyDatabase', () => {
  it('passes on an untouched database', async () => {
    const r = await verifyDatabase(deps.db);
    expect(r).toMatchObject({ units: 1, responses: 12, problems: [] });
  });

  it('fails after one stored answer is altered directly in the database', async () => {
    const row = await deps.db.kysely.selectFrom('responses').select(['id', 'answers']).where('seq', '=', 5).executeTakeFirstOrThrow();
    const answers = JSON.parse(row.answers) as Record<string, number>;
    answers['overall'] = answers['overall'] === 1 ? 2 : 1;
    const altered = JSON.stringify(answers);
    expect(altered).not.toBe(row.answers);
    await sql`update responses set answers = ${altered} where id = ${row.id}`.execute(deps.db.kysely);
    const r = await verifyDatabase(deps.db);
    expect(r.problems.some((p) => p.kind === 'chain' && p.message.includes('altered'))).toBe(true);
    expect(r.problems.some((p) => p.kind === 'tally')).toBe(true);
  });

  it('fails when a response is deleted or a tally is changed', async () => {
    await sql`update tallies set count = count + 1 where question_key = 'guidance'`.execute(deps.db.kysely);
    expect((await verifyDatabase(deps.db)).problems.some((p) => p.kind === 'tally')).toBe(true);
    await sql`update tallies set count = count - 1 where question_key = 'guidance'`.execute(deps.db.kysely);
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
    await sql`delete from responses where seq = 3`.execute(deps.db.kysely);
    const r = await verifyDatabase(deps.db);
    expect(r.problems.some((p) => p.kind === 'chain')).toBe(true);
  });
});
