import { afterEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { newResponseRecord, seedUnit } from '../../test/helpers/fixtures.ts';
import { verifyDatabase } from '../services/verify.service.ts';
import { appendResponses } from './responses.repository.ts';

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.close();
  deps = undefined;
});

describe('appendResponses', () => {
  it('moves every unit of a batch spread over many units to its own last response, batch after batch', async () => {
    const d = (deps = await createTestDeps());
    const units = [await seedUnit(d, 'xa-1'), await seedUnit(d, 'xa-2'), await seedUnit(d, 'xa-3')];
    let i = 0;
    // Interleaved as a national day arrives: unit 1, 2, 3, 1, 2, 3, … (11 a batch: 4, 4 and 3).
    const batch = () => Array.from({ length: 11 }, () => i++).map((n) => newResponseRecord(units[n % 3]!, n));
    for (let b = 0; b < 3; b++) {
      const outcomes = await d.db.kysely.transaction().execute((trx) => appendResponses(trx, d.db.dialect, batch()));
      expect(outcomes.every((o) => o.created)).toBe(true);
    }

    const report = await verifyDatabase(d.db);
    expect(report.problems).toEqual([]);
    expect(report.responses).toBe(33);
    for (const unit of units) {
      const last = await d.db.kysely
        .selectFrom('responses')
        .select(['seq', 'hash'])
        .where('unit_id', '=', unit.unitId)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const head = await d.db.kysely.selectFrom('chain_heads').select(['seq', 'hash']).where('unit_id', '=', unit.unitId).executeTakeFirstOrThrow();
      expect(head).toEqual(last);
    }
    const seqs = await d.db.kysely.selectFrom('chain_heads').select('seq').orderBy('seq').execute();
    expect(seqs.map((s) => s.seq)).toEqual([11, 11, 11]);
  });

  it('stores a batch of 450 (SQLite: in chunks; PostgreSQL: one statement of arrays) with the same chains, heads and tallies', async () => {
    const d = (deps = await createTestDeps());
    const units = [await seedUnit(d, 'xb-1'), await seedUnit(d, 'xb-2')];
    // 450 responses: more than one multi-row INSERT carries on SQLite (200), which takes the
    // chunked path; PostgreSQL writes any batch as one statement whose columns are arrays.
    const records = Array.from({ length: 450 }, (_, n) => newResponseRecord(units[n % 2]!, n));
    const outcomes = await d.db.kysely.transaction().execute((trx) => appendResponses(trx, d.db.dialect, records));
    expect(outcomes.filter((o) => o.created)).toHaveLength(450);

    const report = await verifyDatabase(d.db);
    expect(report.problems).toEqual([]);
    expect(report.responses).toBe(450);
    const seqs = await d.db.kysely.selectFrom('chain_heads').select('seq').orderBy('seq').execute();
    expect(seqs.map((s) => s.seq)).toEqual([225, 225]);
  });
});
