import type { FormContent } from './form.ts';
import { isOverThreshold, RULE, type SatisfactionRule } from './rule.ts';
import { sharesOf, zFor } from './results.ts';
import { sipasIndex } from './sipas.ts';
import { emptyLevels, totalOf, type LevelCounts } from './tally.ts';

/**
 * Comparing the units below a supervisor (issue 29): each unit's dissatisfied share against the
 * subtree's overall share, by a funnel plot rather than a bare league table (a share of 2 in 3
 * looks worse than 30 in 100 but proves less), and a ranking where a province asks for one, with
 * ties and small samples said plainly. Pure: the service reads, this decides.
 */

/** Below this many responses a unit is neither ranked nor judged against the funnel: the results model's small-sample mark ("ít dữ liệu"). */
export const minResponsesFor = (rule: SatisfactionRule = RULE): number => rule.smallSample;

export interface FunnelLimits {
  /** The overall dissatisfied share the unit is compared with. */
  expected: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * Control limits around the overall share p0 for a unit of n responses: p0 ± z·√(p0(1−p0)/n)
 * (the normal approximation of the binomial, as results.ts draws the funnel around the rule's
 * threshold), clipped to 0–1. Null without responses.
 */
export function funnelAround(p0: number, n: number): FunnelLimits | null {
  if (n <= 0) return null;
  const se = Math.sqrt((p0 * (1 - p0)) / n);
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  const z95 = zFor(0.95);
  const z998 = zFor(0.998);
  return { expected: p0, lower95: clip(p0 - z95 * se), upper95: clip(p0 + z95 * se), lower998: clip(p0 - z998 * se), upper998: clip(p0 + z998 * se) };
}

export type Outlier = 'higher' | 'lower' | 'within' | 'too_few';

export interface OutlierVerdict {
  outlier: Outlier;
  /** The outer limit passed: 99.8 beyond the 99.8 % limit, 95 beyond the 95 % one only; null when within or too few. */
  beyond: 95 | 99.8 | null;
  text: string;
}

const pctText = (c: 95 | 99.8) => (c === 95 ? '95 %' : '99,8 %');

/** Where a unit's dissatisfied share (k of n) lies in the funnel around the overall share p0 (null: no responses at all). */
export function outlierOf(dissatisfied: number, n: number, p0: number | null, minResponses: number = minResponsesFor()): OutlierVerdict {
  if (n === 0) return { outlier: 'too_few', beyond: null, text: 'Chưa có phiếu' };
  if (n < minResponses || p0 === null) return { outlier: 'too_few', beyond: null, text: `Ít phiếu (dưới ${minResponses}), chưa đủ để so sánh` };
  const f = funnelAround(p0, n)!;
  const share = dissatisfied / n;
  if (share > f.upper95) {
    const beyond = share > f.upper998 ? 99.8 : 95;
    return { outlier: 'higher', beyond, text: `Tỷ lệ không hài lòng cao hơn mức chung, vượt ngoài dao động ngẫu nhiên (${pctText(beyond)})` };
  }
  if (share < f.lower95) {
    const beyond = share < f.lower998 ? 99.8 : 95;
    return { outlier: 'lower', beyond, text: `Tỷ lệ không hài lòng thấp hơn mức chung, vượt ngoài dao động ngẫu nhiên (${pctText(beyond)})` };
  }
  return { outlier: 'within', beyond: null, text: 'Tỷ lệ không hài lòng khác mức chung trong phạm vi dao động ngẫu nhiên' };
}

export interface Ranked {
  rank: number | null;
  rankTied: boolean;
  smallSample: boolean;
}

/** Keys equal to nine decimals are a tie: shares of equal fractions (15/20, 30/40) and indices added in another order compare equal. */
const tieKey = (x: number) => Math.round(x * 1e9);

/**
 * Competition ranking ("1, 2, 2, 4"), highest key first: a unit's rank is one more than the
 * number of ranked units with a strictly higher key; units sharing a key share the rank and are
 * marked tied. Units under `minResponses` responses, or without a key, get no rank.
 */
export function rankByKey(items: readonly { key: number | null; responses: number }[], minResponses: number = minResponsesFor()): Ranked[] {
  const keys = items.map((it) => (it.responses >= minResponses && it.key !== null ? tieKey(it.key) : null));
  const ranked = keys.filter((k): k is number => k !== null).sort((a, b) => b - a);
  const count = new Map<number, number>();
  for (const k of ranked) count.set(k, (count.get(k) ?? 0) + 1);
  const rankOf = new Map<number, number>();
  ranked.forEach((k, i) => {
    if (!rankOf.has(k)) rankOf.set(k, i + 1);
  });
  return items.map((it, i) => {
    const k = keys[i];
    if (k === null || k === undefined) return { rank: null, rankTied: false, smallSample: it.responses < minResponses };
    return { rank: rankOf.get(k)!, rankTied: count.get(k)! > 1, smallSample: false };
  });
}

export type RankBy = 'sipasIndex' | 'satisfiedShare';

export function rankingNote(by: RankBy, minResponses: number): string {
  const what = by === 'sipasIndex' ? 'chỉ số hài lòng SIPAS' : 'tỷ lệ hài lòng (mức 4 và 5)';
  return (
    `Xếp hạng theo ${what}, từ cao xuống thấp. Các đơn vị bằng nhau (đến 9 chữ số thập phân) cùng hạng và được đánh dấu "đồng hạng"; ` +
    `hạng kế tiếp bỏ qua số tương ứng (ví dụ 1, 2, 2, 4). Đơn vị có dưới ${minResponses} phiếu không được xếp hạng (ít dữ liệu). ` +
    'Chênh lệch giữa các hạng có thể chỉ do ngẫu nhiên: xem cột đánh giá theo biểu đồ phễu.'
  );
}

/** One unit's counts, as the service read them. */
export interface UnitCounts {
  unitId: string;
  /** The general question's levels. */
  levels: LevelCounts;
  /** The general question's levels per officer (officers only, not "no officer"). */
  officers: ReadonlyMap<string, LevelCounts>;
  /** Every question's levels (for the SIPAS index). */
  questions: ReadonlyMap<string, LevelCounts>;
}

export interface ComparedUnit {
  unitId: string;
  responses: number;
  levels: LevelCounts;
  satisfiedShare: number | null;
  dissatisfiedShare: number | null;
  flaggedOfficers: number;
  sipasIndex: number | null;
  funnel: FunnelLimits | null;
  outlier: Outlier;
  outlierBeyond: 95 | 99.8 | null;
  outlierText: string;
  rank: number | null;
  rankTied: boolean;
  smallSample: boolean;
}

export interface Comparison {
  overall: { responses: number; levels: LevelCounts; satisfiedShare: number | null; dissatisfiedShare: number | null };
  units: ComparedUnit[];
  ranking: { by: RankBy; minResponses: number; note: string };
}

/** Whether a form is of the SIPAS type: its questions sit in groups (aspect → factor), so it has an index. */
export const hasIndex = (form: Pick<FormContent, 'groups'>): boolean => form.groups.length > 0;

/** The comparison of units (in the order given) by their counts, against the subtree's overall shares. */
export function compareUnits(form: Pick<FormContent, 'groups' | 'questions'>, units: readonly UnitCounts[], rule: SatisfactionRule = RULE): Comparison {
  const overallLevels = emptyLevels();
  for (const u of units) for (const l of ['1', '2', '3', '4', '5'] as const) overallLevels[l] += u.levels[l];
  const overall = sharesOf(overallLevels, rule);
  const p0 = overall.dissatisfiedShare;
  const minResponses = minResponsesFor(rule);
  const indexed = hasIndex(form);
  const rows = units.map((u) => {
    const s = sharesOf(u.levels, rule);
    let flaggedOfficers = 0;
    for (const levels of u.officers.values()) {
      const n = totalOf(levels);
      if (isOverThreshold(rule.dissatisfiedLevels.reduce((k, l) => k + levels[String(l) as keyof LevelCounts], 0), n, rule)) flaggedOfficers++;
    }
    const verdict = outlierOf(s.dissatisfied, s.responses, p0, minResponses);
    return {
      unitId: u.unitId,
      responses: s.responses,
      levels: u.levels,
      satisfiedShare: s.satisfiedShare,
      dissatisfiedShare: s.dissatisfiedShare,
      flaggedOfficers,
      sipasIndex: indexed ? sipasIndex(form, u.questions, rule).index : null,
      funnel: p0 === null ? null : funnelAround(p0, s.responses),
      outlier: verdict.outlier,
      outlierBeyond: verdict.beyond,
      outlierText: verdict.text,
    };
  });
  const by: RankBy = indexed ? 'sipasIndex' : 'satisfiedShare';
  const ranks = rankByKey(rows.map((r) => ({ key: by === 'sipasIndex' ? r.sipasIndex : r.satisfiedShare, responses: r.responses })), minResponses);
  return {
    overall: { responses: overall.responses, levels: overallLevels, satisfiedShare: overall.satisfiedShare, dissatisfiedShare: overall.dissatisfiedShare },
    units: rows.map((r, i) => ({ ...r, ...ranks[i]! })),
    ranking: { by, minResponses, note: rankingNote(by, minResponses) },
  };
}
