import { afterEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { seedUnit, type SeededUnit } from '../../test/helpers/fixtures.ts';
import { vietnamDay } from '../domain/day.ts';
import { verifyDatabase } from '../services/verify.service.ts';
import { newRowId } from './ids.ts';
import { appendResponses, type NewResponseInput } from './responses.repository.ts';

let deps: TestDeps | undefined;
afterEach(async () => {
  await deps?.close();
  deps = undefined;
});

async function counterPointId(d: TestDeps, unit: SeededUnit): Promise<string> {
  const p = await d.db.kysely.selectFrom('points').select('id').where('unit_id', '=', unit.unitId).where('officer_id', 'is', null).executeTakeFirstOrThrow();
  return p.id;
}

function record(unit: SeededUnit, pointId: string, i: number): NewResponseInput {
  const now = new Date(Date.parse('2026-11-25T03:00:00Z') + i * 1000);
  return {
    id: newRowId(now.getTime()),
    unitId: unit.unitId,
    pointId,
    officerId: unit.officers[i % 3]!,
    fieldId: null,
    clientId: crypto.randomUUID(),
    formKey: 'counter',
    formVersion: 1,
    answers: { overall: (i % 5) + 1, access: 5, attitude: 4, responsibility: 3, guidance: 2 },
    issues: [],
    comment: null,
    dossierCode: null,
    channel: 'qr',
    receivedAt: now.toISOString(),
    day: vietnamDay(now),
  };
}

describe('appendResponses', () => {
  it('moves every unit of a batch spread over many units to its own last response, batch after batch', async () => {
    const d = (deps = await createTestDeps());
    const units = [await seedUnit(d, 'xa-1'), await seedUnit(d, 'xa-2'), await seedUnit(d, 'xa-3')];
    const points = await Promise.all(units.map((u) => counterPointId(d, u)));
    let i = 0;
    // Interleaved as a national day arrives: unit 1, 2, 3, 1, 2, 3, … (11 a batch: 4, 4 and 3).
    const batch = () => Array.from({ length: 11 }, () => i++).map((n) => record(units[n % 3]!, points[n % 3]!, n));
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
});
