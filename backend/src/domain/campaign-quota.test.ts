import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { progressByUnit, totalOf, type EntryCount, type EntryStatus, type ListName } from './campaign-quota.ts';

const order = { fields: ['tu_phap', 'ldtbxh'], kinds: ['citizen', 'business'] };

describe('progress against quotas (R4.3)', () => {
  it("counts seed 003's Tư pháp 20 + 20: official done, reserve used, refusals, missing", () => {
    const counts: EntryCount[] = [
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'official', status: 'done', n: 15 },
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'official', status: 'refused', n: 3 },
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'official', status: 'unreachable', n: 1 },
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'official', status: 'pending', n: 1 },
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'reserve', status: 'done', n: 3 },
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'reserve', status: 'pending', n: 17 },
    ];
    const [row] = progressByUnit(['u'], [{ unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', official: 20, reserve: 20 }], counts, order).get('u')!;
    expect(row).toEqual({
      fieldKey: 'tu_phap',
      respondentKind: 'citizen',
      official: 20,
      reserve: 20,
      officialDone: 15,
      reserveUsed: 3,
      done: 18,
      missing: 2,
      refused: 3,
      unreachable: 1,
      listed: { official: 20, reserve: 20 },
    });
  });

  it('lets no cell over its quota make up for another, orders cells by the campaign, and shows entries without a quota', () => {
    const quotas = [
      { unitId: 'u', fieldKey: 'ldtbxh', respondentKind: 'citizen', official: 8, reserve: 2 },
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'business', official: 2, reserve: 1 },
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', official: 10, reserve: 2 },
    ];
    const counts: EntryCount[] = [
      { unitId: 'u', fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'official', status: 'done', n: 12 },
      { unitId: 'u', fieldKey: 'ldtbxh', respondentKind: 'business', list: 'official', status: 'done', n: 1 },
      { unitId: 'elsewhere', fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'official', status: 'done', n: 99 },
    ];
    const rows = progressByUnit(['u'], quotas, counts, order).get('u')!;
    expect(rows.map((r) => [r.fieldKey, r.respondentKind, r.official, r.done, r.missing])).toEqual([
      ['tu_phap', 'citizen', 10, 12, 0],
      ['tu_phap', 'business', 2, 0, 2],
      ['ldtbxh', 'citizen', 8, 0, 8],
      ['ldtbxh', 'business', 0, 1, 0],
    ]);
    expect(totalOf(rows)).toEqual({ official: 20, done: 13, missing: 10, reserveUsed: 0 });
  });

  it('agrees with an independent count over any lists', () => {
    const status = fc.constantFrom<EntryStatus>('pending', 'done', 'refused', 'unreachable');
    const list = fc.constantFrom<ListName>('official', 'reserve');
    const entry = fc.record({ unit: fc.constantFrom('a', 'b'), field: fc.constantFrom('tu_phap', 'ldtbxh'), kind: fc.constantFrom('citizen', 'business'), list, status });
    const quota = fc.record({ official: fc.nat({ max: 25 }), reserve: fc.nat({ max: 25 }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 120 }), quota, quota, (entries, qa, qb) => {
        const quotas = [
          { unitId: 'a', fieldKey: 'tu_phap', respondentKind: 'citizen', ...qa },
          { unitId: 'b', fieldKey: 'ldtbxh', respondentKind: 'business', ...qb },
        ];
        // One count row per entry: the function must add them up itself.
        const counts = entries.map((e) => ({ unitId: e.unit, fieldKey: e.field, respondentKind: e.kind, list: e.list, status: e.status, n: 1 }));
        const got = progressByUnit(['a', 'b'], quotas, counts, order);
        for (const unit of ['a', 'b']) {
          for (const row of got.get(unit)!) {
            const mine = entries.filter((e) => e.unit === unit && e.field === row.fieldKey && e.kind === row.respondentKind);
            const q = quotas.find((x) => x.unitId === unit && x.fieldKey === row.fieldKey && x.respondentKind === row.respondentKind);
            const done = mine.filter((e) => e.status === 'done').length;
            expect(row.official).toBe(q?.official ?? 0);
            expect(row.officialDone).toBe(mine.filter((e) => e.status === 'done' && e.list === 'official').length);
            expect(row.reserveUsed).toBe(mine.filter((e) => e.status === 'done' && e.list === 'reserve').length);
            expect(row.done).toBe(done);
            expect(row.missing).toBe(done >= (q?.official ?? 0) ? 0 : (q?.official ?? 0) - done);
            expect(row.refused).toBe(mine.filter((e) => e.status === 'refused').length);
          }
          // Every quota has its row, and no row is made without a quota or an entry.
          const keys = new Set(got.get(unit)!.map((r) => `${r.fieldKey}|${r.respondentKind}`));
          for (const q of quotas.filter((x) => x.unitId === unit)) expect(keys.has(`${q.fieldKey}|${q.respondentKind}`)).toBe(true);
          expect(keys.size).toBe(new Set([...quotas.filter((x) => x.unitId === unit).map((q) => `${q.fieldKey}|${q.respondentKind}`), ...entries.filter((e) => e.unit === unit).map((e) => `${e.field}|${e.kind}`)]).size);
        }
      }),
      { numRuns: 500 },
    );
  });
});
