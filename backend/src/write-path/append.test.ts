import { afterEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { newResponseRecord, seedUnit } from '../../test/helpers/fixtures.ts';
import { verifyDatabase } from '../services/verify.service.ts';
import { batchStatements } from '../db/dialects/postgres/pipeline.ts';
import { appendResponses } from './append.ts';
import { officerSumsByRange, officerSumsQuery, rangeKey, sumByOfficer } from '../db/tallies.repository.ts';

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

  it('calls afterLock once the chain heads are locked and before the append: reads sent ahead there see the tallies as they were before the batch', async () => {
    const d = (deps = await createTestDeps());
    const unit = await seedUnit(d, 'xc-1');
    const other = await seedUnit(d, 'xc-2');
    const first = Array.from({ length: 7 }, (_, n) => newResponseRecord(unit, n));
    await d.db.kysely.transaction().execute((trx) => appendResponses(trx, d.db.dialect, first));
    const day = first[0]!.day;
    const range = { unitId: unit.unitId, formKey: 'counter', questionKey: 'overall', from: `${day.slice(0, 7)}-01`, to: `${day.slice(0, 7)}-31` };
    const empty = { ...range, unitId: other.unitId };
    const stored = await sumByOfficer(d.db.kysely, range, 'overall');
    expect(stored.length).toBeGreaterThan(0);

    const second = Array.from({ length: 5 }, (_, n) => newResponseRecord(unit, 7 + n)).concat([newResponseRecord(other, 0)]);
    const before = await d.db.kysely.transaction().execute(async (trx) => {
      const statements = batchStatements(trx, d.db.pipeline);
      let read: Promise<ReturnType<typeof officerSumsByRange>> | undefined;
      await appendResponses(trx, d.db.dialect, second, {
        statements,
        afterLock: () => {
          read = statements.ahead(officerSumsQuery(trx, [range, empty]).compile()).then((r) => officerSumsByRange([range, empty], r.rows));
        },
        appendAtCommit: true,
      });
      return read;
    });

    const byKey = (rows: { officerId: string; level: number; n: number }[]) => [...rows].sort((a, b) => a.officerId.localeCompare(b.officerId) || a.level - b.level);
    expect(byKey(before!.get(rangeKey(range))!)).toEqual(byKey(stored));
    // A range with nothing stored before the batch reads as empty, not missing.
    expect(before!.get(rangeKey(empty))).toEqual([]);
    // The batch itself was stored and counted.
    const after = await sumByOfficer(d.db.kysely, range, 'overall');
    expect(after.reduce((t, s) => t + s.n, 0)).toBe(12);
    expect((await verifyDatabase(d.db)).problems).toEqual([]);
  });
});
