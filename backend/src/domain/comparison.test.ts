import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUnits, funnelAround, outlierOf, rankByKey, type UnitCounts } from './comparison.ts';
import type { LevelCounts } from './tally.ts';

const counts = (n1: number, n2: number, n3: number, n4: number, n5: number): LevelCounts => ({ '1': n1, '2': n2, '3': n3, '4': n4, '5': n5 });
const unit = (unitId: string, levels: LevelCounts, officers: [string, LevelCounts][] = []): UnitCounts => ({ unitId, levels, officers: new Map(officers), questions: new Map([['overall', levels]]) });
const COUNTER = { groups: [], questions: [{ key: 'overall', label: 'Chung', mandatory: true }] };

describe('the funnel around the overall share', () => {
  it('is p0 ± z·√(p0(1−p0)/n), worked by hand for p0 = 0.2, n = 100', () => {
    // se = √(0.2·0.8/100) = 0.04; 1.959964·0.04 = 0.0783986; 3.090232·0.04 = 0.1236093
    const f = funnelAround(0.2, 100)!;
    expect(f.expected).toBe(0.2);
    expect(f.lower95).toBeCloseTo(0.1216014, 6);
    expect(f.upper95).toBeCloseTo(0.2783986, 6);
    expect(f.lower998).toBeCloseTo(0.0763907, 6);
    expect(f.upper998).toBeCloseTo(0.3236093, 6);
    expect(funnelAround(0.2, 0)).toBeNull();
  });
  it('clips to 0–1', () => {
    const f = funnelAround(0.02, 10)!;
    expect(f.lower95).toBe(0);
    expect(f.lower998).toBe(0);
  });
});

describe('the outlier verdict', () => {
  it('says higher beyond the 95 % limit, and which limit was passed', () => {
    // p0 = 0.2, n = 100: 27 of 100 is within (≤ 0.2784), 28 and 32 beyond 95 %, 33 beyond 99.8 % (> 0.3236);
    // 13 within (≥ 0.1216), 12 and 8 below 95 %, 7 below 99.8 % (< 0.0764).
    expect(outlierOf(27, 100, 0.2).outlier).toBe('within');
    expect(outlierOf(32, 100, 0.2)).toMatchObject({ outlier: 'higher', beyond: 95 });
    expect(outlierOf(28, 100, 0.2)).toEqual({ outlier: 'higher', beyond: 95, text: 'Tỷ lệ không hài lòng cao hơn mức chung, vượt ngoài dao động ngẫu nhiên (95 %)' });
    expect(outlierOf(33, 100, 0.2)).toMatchObject({ outlier: 'higher', beyond: 99.8, text: 'Tỷ lệ không hài lòng cao hơn mức chung, vượt ngoài dao động ngẫu nhiên (99,8 %)' });
    expect(outlierOf(13, 100, 0.2).outlier).toBe('within');
    expect(outlierOf(12, 100, 0.2)).toMatchObject({ outlier: 'lower', beyond: 95 });
    expect(outlierOf(8, 100, 0.2)).toMatchObject({ outlier: 'lower', beyond: 95 });
    expect(outlierOf(7, 100, 0.2)).toMatchObject({ outlier: 'lower', beyond: 99.8 });
  });
  it('does not judge small samples: 2 of 3 dissatisfied proves less than 30 of 100', () => {
    expect(outlierOf(2, 3, 0.2)).toEqual({ outlier: 'too_few', beyond: null, text: 'Ít phiếu (dưới 10), chưa đủ để so sánh' });
    expect(outlierOf(0, 0, 0.2)).toMatchObject({ outlier: 'too_few', text: 'Chưa có phiếu' });
    expect(outlierOf(30, 100, 0.2).outlier).toBe('higher');
  });
});

describe('competition ranking', () => {
  it('ranks 1, 2, 2, 4 with ties marked, and leaves small samples unranked', () => {
    const r = rankByKey([
      { key: 0.9, responses: 20 },
      { key: 0.75, responses: 20 },
      { key: 0.75, responses: 40 },
      { key: 0.5, responses: 20 },
      { key: 1, responses: 9 },
      { key: null, responses: 0 },
    ]);
    expect(r).toEqual([
      { rank: 1, rankTied: false, smallSample: false },
      { rank: 2, rankTied: true, smallSample: false },
      { rank: 2, rankTied: true, smallSample: false },
      { rank: 4, rankTied: false, smallSample: false },
      { rank: null, rankTied: false, smallSample: true },
      { rank: null, rankTied: false, smallSample: true },
    ]);
  });
  it('treats equal fractions and sums added in another order as ties', () => {
    const a = (0.1 + 0.2 + 0.3) / 3;
    const b = (0.3 + 0.2 + 0.1) / 3;
    expect(a === b).toBe(false); // floating point
    expect(rankByKey([{ key: a, responses: 10 }, { key: b, responses: 10 }]).map((x) => x.rank)).toEqual([1, 1]);
  });
  it('is consistent with the sort key for any keys (property)', () => {
    const item = fc.record({ key: fc.option(fc.integer({ min: 0, max: 20 }).map((k) => k / 20), { nil: null }), responses: fc.nat({ max: 30 }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (items) => {
        const ranks = rankByKey(items, 10);
        const ranked = items.map((it, i) => ({ ...it, ...ranks[i]! })).filter((x) => x.rank !== null);
        for (const x of ranked) {
          // rank = 1 + how many ranked units have a strictly higher key
          expect(x.rank).toBe(1 + ranked.filter((y) => y.key! > x.key!).length);
          expect(x.rankTied).toBe(ranked.filter((y) => y.key === x.key).length > 1);
          for (const y of ranked) {
            if (x.key! > y.key!) expect(x.rank!).toBeLessThan(y.rank!);
            if (x.key === y.key) expect(x.rank).toBe(y.rank);
          }
        }
        items.forEach((it, i) => {
          if (it.responses < 10 || it.key === null) expect(ranks[i]!.rank).toBeNull();
          expect(ranks[i]!.smallSample).toBe(it.responses < 10);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('compareUnits', () => {
  it('works a small province by hand', () => {
    // Overall: 300 responses, 60 dissatisfied → p0 = 0.2.
    const c = compareUnits(COUNTER, [
      unit('a', counts(20, 20, 10, 30, 20), [
        ['o1', counts(15, 15, 5, 10, 5)], // 30 of 50 dissatisfied: flagged
        ['o2', counts(5, 5, 5, 20, 15)], // 10 of 50: not flagged
      ]),
      unit('b', counts(5, 10, 15, 70, 0)),
      unit('c', counts(2, 3, 5, 40, 50)),
      unit('d', counts(0, 0, 0, 0, 0)),
      unit('e', counts(0, 0, 1, 3, 1)),
    ]);
    expect(c.overall).toEqual({ responses: 305, levels: counts(27, 33, 31, 143, 71), satisfiedShare: 214 / 305, dissatisfiedShare: 60 / 305 });
    const [a, b, cc, d, e] = c.units;
    expect(a).toMatchObject({ responses: 100, dissatisfiedShare: 0.4, satisfiedShare: 0.5, flaggedOfficers: 1, outlier: 'higher', outlierBeyond: 99.8, rank: 3 });
    expect(b).toMatchObject({ responses: 100, dissatisfiedShare: 0.15, satisfiedShare: 0.7, outlier: 'within', rank: 2 });
    expect(cc).toMatchObject({ responses: 100, dissatisfiedShare: 0.05, satisfiedShare: 0.9, outlier: 'lower', outlierBeyond: 99.8, rank: 1 });
    expect(d).toMatchObject({ responses: 0, satisfiedShare: null, dissatisfiedShare: null, outlier: 'too_few', outlierText: 'Chưa có phiếu', rank: null, smallSample: true });
    expect(e).toMatchObject({ responses: 5, outlier: 'too_few', rank: null, smallSample: true });
    expect(a!.funnel!.expected).toBe(60 / 305);
    expect(a!.sipasIndex).toBeNull();
    expect(c.ranking.by).toBe('satisfiedShare');
    expect(c.ranking.minResponses).toBe(10);
    expect(c.ranking.note).toContain('1, 2, 2, 4');
  });
  it('ranks SIPAS forms by the index, not the satisfied share', () => {
    const form = {
      groups: [{ key: 'g1', label: 'G1' }, { key: 'g2', label: 'G2' }],
      questions: [
        { key: 'overall', label: 'Chung', mandatory: true },
        { key: 'q1', label: 'Q1', group: 'g1', mandatory: true },
        { key: 'q2', label: 'Q2', group: 'g2', mandatory: true },
      ],
    };
    const withItems = (id: string, overall: LevelCounts, q1: LevelCounts, q2: LevelCounts): UnitCounts => ({ unitId: id, levels: overall, officers: new Map(), questions: new Map([['overall', overall], ['q1', q1], ['q2', q2]]) });
    // x: overall 20/20 satisfied, items 10/20 and 10/20 → index 0.5; y: overall 10/20, items 20/20 and 18/20 → index 0.95.
    const c = compareUnits(form, [withItems('x', counts(0, 0, 0, 0, 20), counts(0, 0, 10, 10, 0), counts(0, 0, 10, 0, 10)), withItems('y', counts(0, 0, 10, 10, 0), counts(0, 0, 0, 0, 20), counts(0, 2, 0, 18, 0))]);
    expect(c.ranking.by).toBe('sipasIndex');
    expect(c.units[0]).toMatchObject({ sipasIndex: 0.5, rank: 2 });
    expect(c.units[1]!.sipasIndex).toBeCloseTo(0.95, 12);
    expect(c.units[1]!.rank).toBe(1);
  });
});
