import type { ComparisonReport, ComparisonRow } from '../../../services/api/comparison.ts';
import type { UnitSummary } from '../../../services/api/staff.ts';
import { RULE } from '../report-fixtures.tsx';

/*
 * A comparison as the API gives it, for the screen's jsdom tests. The rule is the fixtures' (30 %,
 * small sample under 5) and the wordings and the note are not the server's, so a screen that
 * writes them itself shows the wrong text.
 */
export const PROVINCE: UnitSummary = { id: 'p1', code: 'tinh-thu', name: 'UBND tỉnh Thử', kind: 'province', parentId: null, showOfficerNames: false };

const levels = (l1: number, l2: number, l3: number, l4: number, l5: number) => ({ '1': l1, '2': l2, '3': l3, '4': l4, '5': l5 });

function row(unitId: string, name: string, o: Partial<ComparisonRow> & Pick<ComparisonRow, 'levels'>): ComparisonRow {
  const n = Object.values(o.levels).reduce((a, b) => a + b, 0);
  const share = (k: number) => (n > 0 ? k / n : null);
  return {
    unitId,
    code: unitId,
    name,
    kind: 'commune',
    kindLabel: 'Xã (API)',
    parentId: PROVINCE.id,
    parentName: PROVINCE.name,
    depth: 1,
    children: 0,
    subtree: null,
    responses: n,
    satisfiedShare: share(o.levels['4'] + o.levels['5']),
    dissatisfiedShare: share(o.levels['1'] + o.levels['2']),
    flaggedOfficers: 0,
    sipasIndex: null,
    funnel: null,
    outlier: 'within',
    outlierBeyond: null,
    outlierText: 'Trong dao động (API)',
    rank: null,
    rankTied: false,
    smallSample: n < RULE.smallSample,
    coverage: null,
    ...o,
  };
}

export const ROWS: ComparisonRow[] = [
  row('x1', 'Xã An Phú', { levels: levels(1, 0, 1, 8, 10), rank: 1, rankTied: true, sipasIndex: 0.91, coverage: { dossiers: 200, requiredShare: 0.3, requiredResponses: 60, met: false, missing: 40, dossierSource: 'period' } }),
  row('x2', 'Xã Đồng Tiến', { levels: levels(9, 6, 2, 2, 1), outlier: 'higher', outlierBeyond: 99.8, outlierText: 'Cao hơn mức chung (API)', rank: 4, sipasIndex: 0.4, flaggedOfficers: 2 }),
  row('x3', 'Phường Bến Thủy', { kind: 'ward', kindLabel: 'Phường (API)', levels: levels(0, 0, 2, 8, 10), outlier: 'lower', outlierText: 'Thấp hơn mức chung (API)', rank: 1, rankTied: true, sipasIndex: 0.91, coverage: { dossiers: 40, requiredShare: 0.5, requiredResponses: 20, met: true, missing: 0, dossierSource: 'period' } }),
  row('x4', 'Đặc khu Hòn Ngư', { kind: 'special_zone', kindLabel: 'Đặc khu (API)', levels: levels(1, 0, 0, 1, 1), outlier: 'too_few', outlierText: 'Ít phiếu (API)', sipasIndex: 0.6 }),
  row('x5', 'Xã Tân Lập', { levels: levels(0, 0, 0, 0, 0), outlier: 'too_few', outlierText: 'Chưa có phiếu (API)', satisfiedShare: null, dissatisfiedShare: null }),
  row('x6', 'Xã Nghĩa Đàn', { levels: levels(2, 1, 3, 7, 7), rank: 3, sipasIndex: 0.75 }),
];

export const UNITS: UnitSummary[] = [PROVINCE, ...ROWS.map((r) => ({ id: r.unitId, code: r.code, name: r.name, kind: r.kind as UnitSummary['kind'], parentId: r.parentId, showOfficerNames: false }))];

export function comparison(over: Partial<ComparisonReport> = {}): ComparisonReport {
  const total = levels(13, 7, 8, 26, 29);
  return {
    unitId: PROVINCE.id,
    unit: { id: PROVINCE.id, code: PROVINCE.code, name: PROVINCE.name, kind: 'province' },
    from: '2026-01-01',
    to: '2026-12-31',
    period: { key: '2026', kind: 'year', label: 'Năm 2026' },
    form: { key: 'chi_so', title: 'Phiếu chỉ số (thử)', version: 2, hasIndex: true },
    campaignId: null,
    rule: RULE,
    overall: { responses: 83, levels: total, satisfiedShare: 55 / 83, dissatisfiedShare: 20 / 83 },
    units: ROWS,
    ranking: { by: 'sipasIndex', minResponses: RULE.smallSample, note: 'Ghi chú xếp hạng từ API.' },
    funnelCurve: [1, 5, 10, 20].map((n) => ({ n, expected: 0.24, lower95: 0.1, upper95: 0.4, lower998: 0.05, upper998: 0.5 })),
    notes: ['Cách đọc thứ nhất (API).', 'Cách đọc thứ hai (API).'],
    ...over,
  };
}
