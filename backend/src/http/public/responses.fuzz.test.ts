import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countResponses } from '../../db/responses.repository.ts';
import { createTestDeps, type TestDeps } from '../../../test/helpers/test-deps.ts';
import { seedUnit, testApp, type SeededUnit } from '../../../test/helpers/fixtures.ts';

let deps: TestDeps;
let unit: SeededUnit;
let t: ReturnType<typeof testApp>;
beforeAll(async () => {
  deps = await createTestDeps();
  unit = await seedUnit(deps, 'xa-f', { staff: false });
  t = testApp(deps);
});
afterAll(() => deps.close());

const answerKeys = ['overall', 'access', 'attitude', 'responsibility', 'guidance'] as const;
const weird = fc.oneof(
  fc.integer({ min: -10, max: 20 }),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer()),
  fc.dictionary(fc.string(), fc.integer()),
);

/** Bodies that are each wrong in at least one way the contract names. */
const malformed = fc.oneof(
  // A level outside 1–5 or not an integer.
  fc.record({ key: fc.constantFrom(...answerKeys), value: weird.filter((v) => !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5)) }).map(({ key, value }) => ({
    token: unit.counterToken,
    clientId: crypto.randomUUID(),
    answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5, [key]: value },
  })),
  // A missing answer.
  fc.constantFrom(...answerKeys).map((key) => {
    const answers: Record<string, number> = { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 };
    delete answers[key];
    return { token: unit.counterToken, clientId: crypto.randomUUID(), answers };
  }),
  // Unknown keys in the body or in answers.
  fc.string({ minLength: 1 }).filter((k) => !['token', 'clientId', 'officerId', 'fieldId', 'answers', 'issues', 'comment', 'dossierCode', 'zaloAccessToken', 'channel', '__proto__'].includes(k)).map((k) => ({
    token: unit.counterToken,
    clientId: crypto.randomUUID(),
    answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 },
    [k]: 1,
  })),
  // Not a UUID.
  fc.string().map((s) => ({ token: unit.counterToken, clientId: s, answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 } })),
  // Unknown issues.
  fc.array(fc.string(), { minLength: 1 }).filter((a) => a.some((s) => !['harassment', 'extra_cost', 'negative_conduct'].includes(s))).map((issues) => ({
    token: unit.counterToken,
    clientId: crypto.randomUUID(),
    answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 },
    issues,
  })),
  // Arbitrary JSON values.
  fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('answers' in v)),
);

describe('POST /api/public/responses with generated malformed bodies', () => {
  it('always answers 4xx with the JSON error shape, never stores anything', async () => {
    const before = await countResponses(deps.db.kysely);
    await fc.assert(
      fc.asyncProperty(malformed, fc.boolean(), async (body, asText) => {
        const res = await t.post('/api/public/responses', asText ? JSON.stringify(body).slice(0, -1) : body);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const json = (await res.json()) as { error: { code: string; message: string } };
        expect(typeof json.error.code).toBe('string');
        expect(json.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
    expect(await countResponses(deps.db.kysely)).toBe(before);
  });

  it('survives arbitrary raw bytes and content types', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('application/json', 'text/plain', '', 'application/json; charset=utf-8'), async (bytes, type) => {
        const res = await t.app.request('/api/public/responses', { method: 'POST', headers: type ? { 'content-type': type } : {}, body: bytes });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
      }),
      { numRuns: 1000 },
    );
    expect(await countResponses(deps.db.kysely)).toBe(0);
  });
});
