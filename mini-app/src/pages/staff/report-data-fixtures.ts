import { periodOf } from '@hai-long/backend/domain/periods';
import type { CoverageReport } from '../../services/api/coverage.ts';
import type { CalendarReport, Publication, ReportData } from '../../services/api/reports.ts';
import { DESK_FORM, RULE, shares } from './report-fixtures.tsx';

/*
 * Reports, coverage, calendar and publications as the server would send them, for the jsdom
 * tests of those screens. Like report-fixtures.tsx, other figures and wordings than the real
 * server's (a 30 % threshold, notes of the test's own), so a screen must show what the API says.
 */
const L = (l5: number, l4: number, l3: number, l2: number, l1: number) => ({ '5': l5, '4': l4, '3': l3, '2': l2, '1': l1 });

export const COVERAGE_NOTE = 'Ghi chú 766 từ API thử.';

export function coverage(periodKey: string, over: Partial<CoverageReport> = {}): CoverageReport {
  const p = periodOf(periodKey)!;
  return {
    unitId: 'u1',
    period: p.key,
    label: p.label,
    from: p.from,
    to: p.to,
    yearDossiers: 420,
    dossierSource: 'fields',
    dossiers: 120,
    responses: 30,
    requiredShare: 0.3,
    requiredResponses: 36,
    met: false,
    missing: 6,
    surveyedShare: 0.25,
    fields: [
      { fieldId: 'f1', name: 'Hộ tịch thử', dossiers: 100, responses: 29, requiredShare: 0.3, requiredResponses: 30, met: false, missing: 1, surveyedShare: 0.29, dossierSource: 'period' },
      { fieldId: 'f2', name: 'Đất đai thử', dossiers: 20, responses: 1, requiredShare: 0.3, requiredResponses: 6, met: false, missing: 5, surveyedShare: 0.05, dossierSource: 'months' },
      { fieldId: 'f3', name: 'Chứng thực thử', dossiers: 0, responses: 0, requiredShare: 0.3, requiredResponses: 0, met: true, missing: 0, surveyedShare: null, dossierSource: 'none' },
    ],
    rate766: { basis: 'responses', rated: 30, satisfied: 24, share: 0.8, note: COVERAGE_NOTE },
    ...over,
  };
}

/** A month's report for the desk form; `public` leaves out officers and comments as the server does. */
export function report(periodKey: string, audience: 'internal' | 'public' = 'internal'): ReportData {
  const p = periodOf(periodKey)!;
  const officers = [
    { key: 'o1', name: 'Cán bộ A', detail: 'Chuyên viên', shares: shares(L(3, 1, 1, 2, 2), { dissatisfiedInterval: { low: 0.141, high: 0.712 } }) },
    { key: 'o2', name: 'Cán bộ B', detail: null, shares: shares(L(8, 4, 0, 0, 0), { smallSample: false }) },
  ];
  return {
    audience,
    unit: { id: 'u1', code: 'xa-thu', name: 'UBND xã Thử', parentName: null, place: 'Thử' },
    period: { key: p.key, kind: p.kind, from: p.from, to: p.to, label: p.label },
    dataUntil: p.to,
    generatedAt: '2026-03-31T09:00:00.000Z',
    form: DESK_FORM,
    rule: RULE,
    total: shares(L(11, 5, 1, 2, 2)),
    questions: DESK_FORM.questions.map((q, i) => ({ key: q.key, name: q.shortLabel, detail: null, shares: shares(L(10 - i, 5, 1, 2, 2)) })),
    fields: [{ key: 'f1', name: 'Hộ tịch thử', detail: null, shares: shares(L(11, 5, 1, 2, 2)) }],
    officers: audience === 'internal' ? officers : null,
    trend: {
      unit: 'day',
      rows: [
        { key: `${p.key}-01`, name: '01/xx', detail: 'Ngày một', shares: shares(L(5, 1, 0, 1, 0)) },
        { key: `${p.key}-02`, name: '02/xx', detail: 'Ngày hai', shares: shares(L(0, 0, 0, 0, 0)) },
        { key: `${p.key}-03`, name: '03/xx', detail: 'Ngày ba', shares: shares(L(6, 4, 1, 1, 2)) },
      ],
    },
    channels: [{ channel: 'qr', label: 'Kênh thử', responses: 21 }],
    coverage: coverage(p.key),
    index: null,
    comments: audience === 'internal' ? [] : null,
    issueCounts: [{ key: 'phien_ha', label: 'Gây phiền hà theo API', count: 3, handled: 1 }],
    chainHead: { seq: 21, hash: 'ab'.repeat(32) },
  };
}

export function publication(periodKey: string, over: Partial<Publication> = {}): Publication {
  const p = periodOf(periodKey)!;
  return {
    id: `pub-${periodKey}`,
    unitId: 'u1',
    formKey: DESK_FORM.key,
    periodKey,
    from: p.from,
    to: p.to,
    responses: 21,
    satisfiedShare: 0.762,
    sha256: 'c0ffee'.padEnd(64, '0'),
    bytes: 40_960,
    publishedAt: '2026-03-31T03:00:00.000Z',
    publishedBy: 'vanphong-thu',
    ...over,
  };
}

export function calendar(today: string, published: Publication | null = null): CalendarReport {
  return {
    today,
    reminderDays: 3,
    entries: [
      { key: 'month:2026-03', kind: 'month', nominal: '2026-03-28', due: '2026-03-27', periodKey: '2026-03', label: 'Kết quả tháng thử', note: 'Ghi chú cuối tuần thử', inDays: 2, publication: null },
      { key: 'quarter:2026-Q1', kind: 'quarter', nominal: '2026-03-25', due: '2026-03-25', periodKey: '2026-Q1', label: 'Kết quả quý thử', note: null, inDays: 10, publication: published },
    ],
  };
}
