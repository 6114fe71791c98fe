import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countResponses } from '../../src/db/responses.repository.ts';
import { createLogger } from '../../src/logger.ts';
import { createDeps } from '../../src/services/context.ts';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import { createTestDeps, type TestDeps } from '../helpers/test-deps.ts';
import { expectErrorShape, responseBody, seedUnit, testApp, type SeededUnit } from '../helpers/fixtures.ts';

let deps: TestDeps;
let unit: SeededUnit;
let t: ReturnType<typeof testApp>;
const logLines: string[] = [];
beforeAll(async () => {
  // A SQLite file written from this thread; its logger keeps every line.
  const base = await createTestDeps({}, { sqliteFile: true });
  await base.writer.close();
  const logger = createLogger('info', (line) => void logLines.push(line));
  const rebuilt = createDeps({ db: base.db, config: base.config, logger, now: () => base.now() });
  deps = { ...base, ...rebuilt, setNow: base.setNow, databaseUrl: base.databaseUrl, close: base.close };
  unit = await seedUnit(deps, 'xa-full', { staff: false });
  t = testApp(deps);
});
afterAll(() => deps.close());

const pageCount = async () => (await sql<{ page_count: number }>`pragma page_count`.execute(deps.db.kysely)).rows[0]!.page_count;
/** SQLite's own size cap: past it every write fails with SQLITE_FULL, exactly as on a full disk. */
const capAt = (pages: number) => sql.raw(`pragma max_page_count = ${pages}`).execute(deps.db.kysely);

describe('a full disk (issue 23, item 5)', () => {
  it('gives the citizen 503 with a Vietnamese "try again later" and Retry-After; logs SQLITE_FULL once; /healthz and /metrics show it; writes resume when space is freed', async () => {
    expect((await t.post('/api/public/responses', responseBody(unit.counterToken))).status).toBe(201);
    const stored = await countResponses(deps.db.kysely);
    await capAt(await pageCount());
    const bodies = Array.from({ length: 40 }, () => responseBody(unit.counterToken, { comment: 'x'.repeat(900) }));
    const answers = await Promise.all(bodies.map((b) => t.post('/api/public/responses', b)));
    for (const res of answers) {
      const body = await expectErrorShape(res, 503, 'storage_unavailable');
      expect(body.error.message).toContain('thử lại');
      expect(res.headers.get('retry-after')).toBe('30');
    }
    expect(await countResponses(deps.db.kysely)).toBe(stored);

    const errors = logLines.filter((l) => l.includes('"level":"error"'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('SQLITE_FULL');
    expect(logLines.join('\n')).not.toContain('cannot rollback');

    const health = await t.get('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, error: { code: 'storage_unavailable' }, storage: { code: 'SQLITE_FULL', failures: expect.any(Number) } });
    const metrics = await (await t.get('/metrics')).text();
    expect(metrics).toMatch(/^hailong_storage_failing 1$/m);
    expect(metrics).toMatch(/^hailong_storage_failures_total\{code="SQLITE_FULL"\} [1-9]/m);

    // Space comes back: the phones' retries (same clientIds) are stored, once each.
    await capAt(1_000_000);
    for (const b of bodies) expect((await t.post('/api/public/responses', b)).status).toBe(201);
    expect(await countResponses(deps.db.kysely)).toBe(stored + bodies.length);
    expect((await t.get('/healthz')).status).toBe(200);
    expect(await (await t.get('/metrics')).text()).toMatch(/^hailong_storage_failing 0$/m);
    expect(logLines.some((l) => l.includes('database writes work again'))).toBe(true);
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
  });
});
