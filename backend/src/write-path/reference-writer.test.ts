import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Database } from '../db/schema.ts';
import { createTestDatabaseUrl } from '../../test/helpers/test-database.ts';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { newResponseRecord, seedUnit } from '../../test/helpers/fixtures.ts';
import type { NewResponseInput } from './append.ts';
import { appendOneByOne } from './reference-writer.ts';
import { ResponseWriter } from './writer.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The set-up rows of `from` (units, their fields, officers, points, chain heads) copied into `to`, ids and all. */
async function copySetup(from: Db, to: Db): Promise<void> {
  for (const table of ['units', 'fields', 'officers', 'points', 'chain_heads'] as const satisfies readonly (keyof Database)[]) {
    const rows = await from.kysely.selectFrom(table).selectAll().execute();
    if (rows.length > 0) await to.kysely.insertInto(table).values(rows).execute();
  }
}

async function snapshot(db: Db) {
  const responses = await db.kysely.selectFrom('responses').selectAll().orderBy('unit_id').orderBy('seq').execute();
  const tallies = await db.kysely.selectFrom('tallies').selectAll().orderBy('unit_id').orderBy('form_key').orderBy('question_key').orderBy('day').orderBy('officer_id').orderBy('field_id').orderBy('level').execute();
  const heads = await db.kysely.selectFrom('chain_heads').selectAll().orderBy('unit_id').execute();
  return { responses, tallies: tallies.map((t) => ({ ...t, count: Number(t.count) })), heads: heads.map((h) => ({ ...h, seq: Number(h.seq) })) };
}

describe('the fast writer against the plain reference writer', () => {
  it('stores the same responses, chains, heads and tallies, response for response, from the same submissions', async () => {
    const fast: TestDeps = await createTestDeps();
    cleanups.push(() => fast.close());
    const target = await createTestDatabaseUrl();
    const plain = createDb(target.url);
    cleanups.push(async () => {
      await plain.close();
      await target.drop();
    });
    await migrateToLatest(plain);
    const units = [await seedUnit(fast, 'xa-ref-1'), await seedUnit(fast, 'xa-ref-2'), await seedUnit(fast, 'xa-ref-3')];
    await copySetup(fast.db, plain);

    // 240 submissions over three units: fields, self-ratings, issues, comments, the SIPAS form,
    // and retries of earlier clientIds (some while their first is still in the same batch).
    const records: NewResponseInput[] = [];
    for (let i = 0; i < 240; i++) {
      const unit = units[(i * 7) % 3]!;
      if (i % 37 === 36) {
        records.push({ ...records[i - 5]! }); // a retry: same clientId, same unit
        continue;
      }
      const base = newResponseRecord(unit, i, {
        fieldId: i % 4 === 0 ? null : unit.fields[i % unit.fields.length]!,
        selfRating: i % 29 === 0,
        issues: i % 11 === 0 ? ['harassment'] : [],
        comment: i % 13 === 0 ? `Góp ý số ${i}: thủ tục <b>nhanh</b> & gọn` : null,
      });
      records.push(
        i % 17 === 0
          ? { ...base, formKey: 'sipas', overallKey: 'overall', answers: { overall: (i % 5) + 1, dv1: 4, dv2: (i % 5) + 1, cs1: 3 } }
          : base,
      );
    }

    // On PostgreSQL the writer's own connections, as the writer thread opens them: pipeline mode.
    const writerDb = fast.db.dialect === 'postgres' ? createDb(fast.databaseUrl, { pgPipeline: true, poolSize: 2 }) : fast.db;
    if (writerDb !== fast.db) cleanups.push(() => writerDb.close());
    const writer = new ResponseWriter(writerDb, { maxBatch: 32 });
    const fastOutcomes = await Promise.all(records.map((r) => writer.submit(r)));
    expect(writer.stats.batches).toBeGreaterThan(3); // it really batched
    const plainOutcomes = await appendOneByOne(plain, records);

    expect(fastOutcomes).toEqual(plainOutcomes);
    expect(fastOutcomes.filter((o) => !o.created)).toHaveLength(6);
    const [a, b] = [await snapshot(fast.db), await snapshot(plain)];
    expect(a.responses).toHaveLength(234);
    expect(a.responses).toEqual(b.responses);
    expect(a.tallies).toEqual(b.tallies);
    expect(a.heads).toEqual(b.heads);
  });
});
