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

/** A valid body as raw JSON text, with `comment` holding whatever JSON string literal is given. */
const withComment = (literal: string) =>
  `{"token":"${unit.counterToken}","clientId":"${crypto.randomUUID()}","answers":{"overall":4,"access":4,"attitude":4,"responsibility":4,"guidance":4},"comment":${literal}}`;

describe('text the database could not store as sent (issue 23)', () => {
  it('any string, lone surrogates included: 201 when well-formed, else 400; verify never breaks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (s) => {
        // JSON.stringify writes a lone surrogate as the escape \udXXX, exactly as a phone could.
        const res = await t.app.request('/api/public/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: withComment(JSON.stringify(s)) });
        // NUL is refused on purpose too (PostgreSQL text cannot hold it).
        if (s.isWellFormed() && !s.includes('\u0000')) expect(res.status).toBe(201);
        else {
          expect(res.status).toBe(400);
          expect(((await res.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('comment');
        }
      }),
      { numRuns: 400 },
    );
    const { verifyDatabase } = await import('../../services/verify.service.ts');
    const r = await verifyDatabase(deps.db);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('invalid UTF-8 bytes anywhere in a body: 400, nothing stored', async () => {
    const before = await countResponses(deps.db.kysely);
    const invalid = fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf5, 0x80, 0x80, 0x80], [0x80]);
    await fc.assert(
      fc.asyncProperty(invalid, fc.nat({ max: 5 }), async (bad, at) => {
        const text = Buffer.from(withComment(JSON.stringify('Cán bộ tốt')));
        const cut = text.indexOf('Cán') + at;
        const body = Buffer.concat([text.subarray(0, cut), Buffer.from(bad), text.subarray(cut)]);
        const res = await t.app.request('/api/public/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expect(res.status).toBe(400);
      }),
      { numRuns: 200 },
    );
    expect(await countResponses(deps.db.kysely)).toBe(before);
  });

  it('a value of the wrong type is never reported as missing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...answerKeys), weird.filter((v) => v !== null && typeof v !== 'number'), async (key, value) => {
        const body = { token: unit.counterToken, clientId: crypto.randomUUID(), answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5, [key]: value } };
        const res = await t.post('/api/public/responses', body);
        expect(res.status).toBe(400);
        const details = ((await res.json()) as { error: { details: { path: string; message: string }[] } }).error.details;
        expect(details).toContainEqual({ path: `answers.${key}`, message: expect.stringMatching(/^Sai kiểu dữ liệu/) });
        expect(details.some((d) => d.message === 'Thiếu giá trị bắt buộc.')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('retries after the limit (issue 23)', () => {
  it('whatever junk and fresh posts an address sent before, the retry of each stored response is answered 200 with its receipt', async () => {
    const limited = await createTestDeps({ RATE_LIMIT_ENABLED: 'true', TRUST_PROXY: 'true' });
    try {
      const u = await seedUnit(limited, 'xa-fz', { staff: false });
      const lt = testApp(limited);
      let address = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom('junk', 'fresh'), { minLength: 1, maxLength: 120 }), async (steps) => {
          const from = { 'x-forwarded-for': `127.0.1.${address++ % 250}` };
          const stored: { body: object; receipt: unknown }[] = [];
          for (const step of steps) {
            if (step === 'junk') await lt.post('/api/public/responses', { junk: true }, from);
            else {
              const body = { token: u.counterToken, clientId: crypto.randomUUID(), answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 } };
              const res = await lt.post('/api/public/responses', body, from);
              if (res.status === 201) stored.push({ body, receipt: await res.json() });
              else expect(res.status).toBe(429);
            }
          }
          for (const s of stored) {
            const retry = await lt.post('/api/public/responses', s.body, from);
            expect(retry.status).toBe(200);
            expect(await retry.json()).toEqual(s.receipt);
          }
        }),
        { numRuns: 30 },
      );
    } finally {
      await limited.close();
    }
  });
});
