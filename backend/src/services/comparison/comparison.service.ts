import { AppError } from '../../app-error.ts';
import type { Deps } from '../../deps.ts';
import { campaignAnswers, comparisonSums, subtreeDossierCounts, subtreeUnits, type SubtreeUnit, type UnitQuestionSum } from '../../db/comparison.repository.ts';
import { campaignForm, campaignRows } from './comparison-campaign.ts';
import type { DossierCount } from '../../db/dossier-counts.repository.ts';
import { compareUnits, funnelAround, type ComparedUnit, type FunnelLimits, type RankBy, type UnitCounts } from '../../domain/comparison.ts';
import { coverageOf } from '../../domain/coverage.ts';
import { periodForRange, periodOf, type Period } from '../../domain/periods.ts';
import { sharesOf } from '../../domain/results.ts';
import { RULE, thresholdText, type SatisfactionRule } from '../../domain/rule.ts';
import { emptyLevels, totalOf, type LevelCounts } from '../../domain/tally.ts';
import { unitKindLabel } from '../../domain/unit-kinds.ts';
import { dossiersOf, type DossierSource } from '../coverage.service.ts';
import { latestFormOrThrow } from '../form-view.ts';

export interface ComparisonQuery {
  unitId: string;
  from: string;
  to: string;
  formKey: string;
  campaignId: string | null;
}

export interface UnitCoverage {
  dossiers: number;
  requiredShare: number;
  requiredResponses: number;
  met: boolean;
  missing: number;
  dossierSource: DossierSource;
}

export interface ComparisonRow extends ComparedUnit {
  code: string;
  name: string;
  kind: string;
  kindLabel: string;
  parentId: string | null;
  parentName: string | null;
  /** 0: the unit compared from (present only with responses of its own); 1: its children; … */
  depth: number;
  /** Units directly below this one. */
  children: number;
  /** For a unit with units below it: its own responses and everything below, added up; null for a leaf. */
  subtree: { responses: number; levels: LevelCounts; satisfiedShare: number | null; dissatisfiedShare: number | null } | null;
  /** Against R4.1, with this form's responses; null when no dossier count is known for the period (or the range is no named period). */
  coverage: UnitCoverage | null;
}

export interface ComparisonReport {
  unitId: string;
  unit: { id: string; code: string; name: string; kind: string };
  from: string;
  to: string;
  period: { key: string; kind: Period['kind']; label: string };
  form: { key: string; title: string; version: number; hasIndex: boolean };
  campaignId: string | null;
  rule: SatisfactionRule;
  overall: { responses: number; levels: LevelCounts; satisfiedShare: number | null; dissatisfiedShare: number | null };
  units: ComparisonRow[];
  ranking: { by: RankBy; minResponses: number; note: string };
  /** The funnel's limits from n = 1 to the largest unit's n, for drawing the plot (null without responses). */
  funnelCurve: (FunnelLimits & { n: number })[] | null;
  /** How to read the table, in Vietnamese: the funnel, the outlier wording, coverage. */
  notes: string[];
}

/** The units in tree order (each parent before its children, siblings by code), with depth and parent, the root first. */
function treeOrder(units: SubtreeUnit[], rootId: string): { unit: SubtreeUnit; depth: number; parent: SubtreeUnit | null; children: number }[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const kids = new Map<string, SubtreeUnit[]>();
  for (const u of units) if (u.id !== rootId && u.parentId) (kids.get(u.parentId) ?? kids.set(u.parentId, []).get(u.parentId)!).push(u);
  for (const list of kids.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out: { unit: SubtreeUnit; depth: number; parent: SubtreeUnit | null; children: number }[] = [];
  const stack: { id: string; depth: number }[] = [{ id: rootId, depth: 0 }];
  while (stack.length > 0) {
    const { id, depth } = stack.pop()!;
    const unit = byId.get(id);
    if (!unit) continue;
    const children = kids.get(id) ?? [];
    out.push({ unit, depth, parent: unit.parentId ? (byId.get(unit.parentId) ?? null) : null, children: children.length });
    for (let i = children.length - 1; i >= 0; i--) stack.push({ id: children[i]!.id, depth: depth + 1 });
  }
  return out;
}

const levelsOf = (l: readonly number[]): LevelCounts => ({ '1': l[0]!, '2': l[1]!, '3': l[2]!, '4': l[3]!, '5': l[4]! });

/** Rows of (unit, question, officer) → each unit's counts for the comparison. */
function countsByUnit(unitIds: readonly string[], rows: readonly UnitQuestionSum[], overallKey: string): Map<string, UnitCounts> {
  const out = new Map<string, UnitCounts & { officers: Map<string, LevelCounts>; questions: Map<string, LevelCounts> }>(
    unitIds.map((id) => [id, { unitId: id, levels: emptyLevels(), officers: new Map(), questions: new Map() }]),
  );
  for (const r of rows) {
    const u = out.get(r.unitId);
    if (!u) continue;
    const add = (into: LevelCounts) => {
      for (let i = 0; i < 5; i++) into[String(i + 1) as keyof LevelCounts] += r.levels[i]!;
    };
    add(u.questions.get(r.questionKey) ?? u.questions.set(r.questionKey, emptyLevels()).get(r.questionKey)!);
    if (r.questionKey !== overallKey) continue;
    add(u.levels);
    if (r.officerId !== '') add(u.officers.get(r.officerId) ?? u.officers.set(r.officerId, emptyLevels()).get(r.officerId)!);
  }
  return out;
}

/** The period's dossiers per unit ('' field first, else the fields added up), and the year's for the R4.1 band. */
function coverageFor(counts: DossierCount[], period: Period, responses: number): UnitCoverage | null {
  const year = periodOf(period.key.slice(0, 4))!;
  const own = dossiersOf(counts, '', period);
  let dossiers = own.count;
  let source = own.source;
  if (dossiers === null) {
    const fieldIds = [...new Set(counts.filter((c) => c.fieldId !== '').map((c) => c.fieldId))];
    const perField = fieldIds.map((f) => dossiersOf(counts, f, period).count).filter((n): n is number => n !== null);
    if (perField.length === 0) return null;
    dossiers = perField.reduce((a, b) => a + b, 0);
    source = 'fields';
  }
  const yearOwn = dossiersOf(counts, '', year).count;
  const yearFields = [...new Set(counts.filter((c) => c.fieldId !== '').map((c) => c.fieldId))].map((f) => dossiersOf(counts, f, year).count).filter((n): n is number => n !== null);
  const band = yearOwn ?? (yearFields.length > 0 ? yearFields.reduce((a, b) => a + b, 0) : dossiers);
  const c = coverageOf(dossiers, responses, band);
  return { dossiers: c.dossiers, requiredShare: c.requiredShare, requiredResponses: c.requiredResponses, met: c.met, missing: c.missing, dossierSource: source };
}

/** The funnel's curves: limits at ~60 values of n spread evenly on a log scale from 1 to maxN. */
function funnelCurve(p0: number, maxN: number): (FunnelLimits & { n: number })[] {
  const top = Math.max(10, maxN);
  const ns = new Set<number>();
  for (let i = 0; i <= 60; i++) ns.add(Math.max(1, Math.round(Math.exp((Math.log(top) * i) / 60))));
  return [...ns].sort((a, b) => a - b).map((n) => ({ n, ...funnelAround(p0, n)! }));
}

export const COMPARISON_NOTES = (minResponses: number, rule: SatisfactionRule = RULE): string[] => [
  'Mỗi đơn vị được so sánh với tỷ lệ không hài lòng chung của tất cả các đơn vị trong bảng (mức chung).',
  'Biểu đồ phễu: với mỗi số phiếu n, giới hạn 95 % và 99,8 % là mức chung ± 1,96 và ± 3,09 lần sai số chuẩn √(p(1−p)/n). Đơn vị có ít phiếu dao động ngẫu nhiên nhiều hơn nên giới hạn rộng hơn.',
  'Đơn vị nằm ngoài giới hạn 95 % được ghi "cao hơn" hoặc "thấp hơn mức chung, vượt ngoài dao động ngẫu nhiên"; ngoài giới hạn 99,8 % thì gần như chắc chắn không phải do ngẫu nhiên. Đơn vị nằm trong giới hạn: khác biệt có thể chỉ do ngẫu nhiên.',
  `Đơn vị có dưới ${minResponses} phiếu không được đánh giá theo biểu đồ phễu và không được xếp hạng (ít dữ liệu).`,
  'Số hồ sơ và mức đạt theo tỷ lệ khảo sát tối thiểu (dưới 100 hồ sơ/năm: 50 %; 100–499: 30 %; 500–999: 20 %; từ 1.000: 10 %), tính với số phiếu của mẫu phiếu này; để trống khi đơn vị chưa nhập số hồ sơ của kỳ.',
  `Cán bộ có kết quả thấp: số cán bộ có tỷ lệ không hài lòng trên ${thresholdText(rule)} (theo quy định) trong kỳ.`,
];

/**
 * The comparison of every unit below `unitId` (and the unit itself when it has responses of its
 * own): one statement for the counts of all of them (db/comparison.repository.ts), one for their
 * dossier counts, then the pure comparison (domain/comparison.ts).
 */
export async function buildComparison(deps: Deps, q: ComparisonQuery, explicitForm: boolean): Promise<ComparisonReport> {
  const db = deps.db.kysely;
  const form = q.campaignId ? await campaignForm(deps, q.campaignId, explicitForm ? q.formKey : null) : await latestFormOrThrow(deps, q.formKey);
  const period = periodForRange(q.from, q.to);
  const questionKeys = [...new Set([form.overallKey, ...(form.groups.length > 0 ? form.questions.map((x) => x.key) : [])])];
  const [units, sums, dossierRows] = await Promise.all([
    subtreeUnits(db, q.unitId),
    q.campaignId
      ? campaignAnswers(db, { rootId: q.unitId, campaignId: q.campaignId, formKey: form.key, from: q.from, to: q.to }).then((a) => campaignRows(a, form))
      : comparisonSums(db, deps.db.dialect, { rootId: q.unitId, formKey: form.key, overallKey: form.overallKey, questionKeys, from: q.from, to: q.to }),
    period.kind === 'range' ? Promise.resolve([]) : subtreeDossierCounts(db, q.unitId, period.key.slice(0, 4)),
  ]);
  const root = units.find((u) => u.id === q.unitId);
  if (!root) throw new AppError('not_found');
  const ordered = treeOrder(units, q.unitId);
  const counts = countsByUnit(ordered.map((o) => o.unit.id), sums, form.overallKey);
  // The unit compared from is a row only when it has responses of its own (a province's own counter).
  const rowsOf = ordered.filter((o) => o.unit.id !== q.unitId || totalOf(counts.get(q.unitId)!.levels) > 0);
  const compared = compareUnits(form, rowsOf.map((o) => counts.get(o.unit.id)!), RULE);
  const dossiersByUnit = new Map<string, DossierCount[]>();
  for (const d of dossierRows) (dossiersByUnit.get(d.unitId) ?? dossiersByUnit.set(d.unitId, []).get(d.unitId)!).push({ ...d, source: null });

  // Subtree totals, children before parents (reverse tree order).
  const subtreeLevels = new Map<string, LevelCounts>();
  for (let i = ordered.length - 1; i >= 0; i--) {
    const { unit } = ordered[i]!;
    const own = subtreeLevels.get(unit.id) ?? emptyLevels();
    const c = counts.get(unit.id)!.levels;
    for (const l of ['1', '2', '3', '4', '5'] as const) own[l] += c[l];
    subtreeLevels.set(unit.id, own);
    if (unit.parentId && unit.id !== q.unitId) {
      const p = subtreeLevels.get(unit.parentId) ?? emptyLevels();
      for (const l of ['1', '2', '3', '4', '5'] as const) p[l] += own[l];
      subtreeLevels.set(unit.parentId, p);
    }
  }

  const rows: ComparisonRow[] = rowsOf.map((o, i) => {
    const c = compared.units[i]!;
    const sub = o.children > 0 ? sharesOf(subtreeLevels.get(o.unit.id)!) : null;
    return {
      ...c,
      code: o.unit.code,
      name: o.unit.name,
      kind: o.unit.kind,
      kindLabel: unitKindLabel(o.unit.kind),
      parentId: o.unit.parentId,
      parentName: o.parent?.name ?? null,
      depth: o.depth,
      children: o.children,
      subtree: sub && { responses: sub.responses, levels: sub.levels, satisfiedShare: sub.satisfiedShare, dissatisfiedShare: sub.dissatisfiedShare },
      coverage: period.kind === 'range' ? null : coverageFor(dossiersByUnit.get(o.unit.id) ?? [], period, c.responses),
    };
  });
  const p0 = compared.overall.dissatisfiedShare;
  return {
    unitId: q.unitId,
    unit: { id: root.id, code: root.code, name: root.name, kind: root.kind },
    from: q.from,
    to: q.to,
    period: { key: period.key, kind: period.kind, label: period.label },
    form: { key: form.key, title: form.title, version: form.version, hasIndex: form.groups.length > 0 },
    campaignId: q.campaignId,
    rule: RULE,
    overall: compared.overall,
    units: rows,
    ranking: compared.ranking,
    funnelCurve: p0 === null ? null : funnelCurve(p0, Math.max(0, ...rows.map((r) => r.responses))),
    notes: COMPARISON_NOTES(compared.ranking.minResponses),
  };
}
