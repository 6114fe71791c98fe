import { periodOf } from '@hai-long/backend/domain/periods';
import type { AlertDelivery, AlertItem } from '../../services/api/alerts.ts';
import type { CaseView, OfficerSummary, UnitStaff } from '../../services/api/cases.ts';
import type { CommentItem } from '../../services/api/staff.ts';
import { DESK_FORM, RULE, shares } from './report-fixtures.tsx';

/*
 * Alerts, cases, an officer's page and the alert delivery as the server would send them, for the
 * jsdom tests of those screens. Like report-fixtures.tsx, with a 30 % threshold and wordings of
 * the test's own ("… thử"), so a screen must show what the API says, not what it would write.
 */
const L = (l5: number, l4: number, l3: number, l2: number, l1: number) => ({ '5': l5, '4': l4, '3': l3, '2': l2, '1': l1 });

/** The unit's active staff, as GET /units/:unitId/staff lists them (the owner picker). */
export const STAFF: UnitStaff[] = [
  { id: 's-chair', username: 'chutich.thu', role: 'chairman' },
  { id: 's-clerk', username: 'vanphong.thu', role: 'clerk' },
];

const delivered = (username: string): AlertItem['deliveries'][number] => ({
  staffId: 's-chair',
  username,
  role: 'chairman',
  status: 'delivered',
  channel: 'oa',
  attempts: 1,
  reasonCode: null,
  reason: null,
  deliveredAt: '2026-03-02T02:01:00.000Z',
});

/** An alert; `over` sets any field (a response alert of officer o1 on 02/03/2026 by default). */
export function alert(id: string, over: Partial<AlertItem> = {}): AlertItem {
  return {
    id,
    kind: 'response',
    officerId: 'o1',
    responseId: `r-${id}`,
    day: '2026-03-02',
    text: `TIN ZALO THÔ ${id}\nXem: http://thu/app/#/staff/alerts`,
    details: { level: 1, issues: [] },
    createdAt: '2026-03-02T02:00:00.000Z',
    acknowledged: null,
    deliveries: [delivered('chutich.thu')],
    caseStatus: null,
    case: null,
    summary: `Tóm tắt thử ${id}`,
    officer: { id: 'o1', name: 'Cán bộ A' },
    handling: 'new',
    handlingLabel: 'Mới (API)',
    delivery: 'delivered',
    status: 'delivered',
    ...over,
  };
}

/** A case as the alerts list sums it up (a new misconduct report due 05/03/2026, overdue as the server says). */
export function caseSummary(over: Partial<NonNullable<AlertItem['case']>> = {}): NonNullable<AlertItem['case']> {
  return { status: 'new', statusLabel: 'Mới (API)', dueDay: '2026-03-05', overdue: false, owner: null, kind: 'misconduct', ...over };
}

/** A response alert of officer o1 whose response opened a case (response `r9` unless told). */
export const caseAlert = (id: string, kase: Partial<NonNullable<AlertItem['case']>> = {}, responseId = 'r9'): AlertItem => {
  const c = caseSummary(kase);
  return alert(id, { responseId, caseStatus: c.status, case: c, handling: c.status, handlingLabel: c.statusLabel });
};

/** A crossing alert of officer o2 for March 2026, its verdict `certainty` as the server put it. */
export const crossing = (id: string, certainty: 'certain' | 'chance' = 'certain'): AlertItem =>
  alert(id, {
    kind: 'crossing',
    officerId: 'o2',
    responseId: null,
    officer: { id: 'o2', name: 'Cán bộ B' },
    details: { period: '2026-03', month: '2026-03', formKey: 'quay', n: 12, dissatisfied: 8, share: 8 / 12, certainty },
    summary: `Vượt ngưỡng thử ${id}`,
    handlingLabel: 'Mới (API)',
  });

/** A case as GET /cases lists it (a misconduct report of officer o1, due 05/03/2026). */
export function caseView(responseId: string, over: Partial<CaseView> = {}): CaseView {
  return {
    responseId,
    unitId: 'u1',
    officerId: 'o1',
    kind: 'misconduct',
    status: 'new',
    ownerStaffId: null,
    day: '2026-03-02',
    dueDay: '2026-03-05',
    escalation: 0,
    createdAt: '2026-03-02T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
    statusLabel: 'Mới (API)',
    overdue: false,
    owner: null,
    officer: { id: 'o1', name: 'Cán bộ A' },
    field: null,
    response: { receivedAt: '2026-03-02T02:00:00.000Z', level: 1, issues: ['Gây phiền hà theo API'], comment: 'Bị đòi thêm tiền (thử).', channel: 'qr', formKey: 'quay' },
    notes: [],
    ...over,
  };
}

/** The delivery state: the chairman not linked, the clerk fine. */
export const DELIVERY: AlertDelivery = {
  windowDays: 7,
  recipients: [
    {
      staffId: 's-chair',
      username: 'chutich.thu',
      role: 'chairman',
      linkedAt: null,
      state: 'not_linked',
      waiting: 3,
      lastDeliveredAt: null,
      advice: 'Lời khuyên thử: bấm Liên kết Zalo.',
    },
    { staffId: 's-clerk', username: 'vanphong.thu', role: 'clerk', linkedAt: '2026-03-01T01:00:00.000Z', state: 'ok', waiting: 0, lastDeliveredAt: null, advice: 'Ổn (thử).' },
  ],
};

/** A comment that opened a case, overdue (the server's word: due 05/03/2026, open), for Góp ý. */
export function caseComment(over: Partial<CommentItem> = {}): CommentItem {
  return {
    id: 'r9',
    seq: 9,
    receivedAt: '2026-03-02T02:00:00.000Z',
    day: '2026-03-02',
    channel: 'qr',
    officer: { id: 'o1', name: 'Cán bộ A' },
    field: null,
    level: 1,
    answers: { chung: 1 },
    issues: ['phien_ha'],
    comment: 'Bị đòi thêm tiền (thử).',
    handled: false,
    notes: [],
    case: {
      responseId: 'r9',
      unitId: 'u1',
      officerId: 'o1',
      kind: 'misconduct',
      status: 'new',
      ownerStaffId: 's-clerk',
      day: '2026-03-02',
      dueDay: '2026-03-05',
      escalation: 0,
      createdAt: '2026-03-02T02:00:00.000Z',
      updatedAt: '2026-03-02T02:00:00.000Z',
      statusLabel: 'Mới',
      overdue: true,
      owner: { id: 's-clerk', username: 'vanphong.thu' },
    },
    ...over,
  };
}

/** Officer o1 over March 2026: 8 of 12 dissatisfied (over, certain), by week, one case and one comment. */
export function officerSummary(over: Partial<OfficerSummary> = {}): OfficerSummary {
  const p = periodOf('2026-03')!;
  const total = shares(L(2, 2, 0, 4, 4), { dissatisfiedInterval: { low: 0.391, high: 0.862 }, smallSample: false });
  return {
    officer: { id: 'o1', name: 'Cán bộ A', title: 'Chuyên viên thử', active: true },
    period: p,
    form: DESK_FORM,
    rule: RULE,
    total,
    verdict: { overRule: true, certainty: 'certain', label: 'Nhãn kết luận từ API' },
    questions: DESK_FORM.questions.map((q, i) => ({ key: q.key, label: q.shortLabel, shares: shares(L(2 + i, 2, 0, 4, 4)) })),
    trend: {
      unit: 'week',
      rows: [
        { key: '2026-W10', label: '02/03–08/03', from: '2026-03-02', to: '2026-03-08', shares: shares(L(2, 2, 0, 4, 4)) },
        { key: '2026-W11', label: '09/03–15/03', from: '2026-03-09', to: '2026-03-15', shares: shares(L(0, 0, 0, 0, 0)) },
      ],
    },
    cases: [caseView('r9', { ownerStaffId: 's-clerk', owner: { id: 's-clerk', username: 'vanphong.thu' } })],
    comments: [caseComment({ id: 'r10', seq: 10, case: null, issues: [], level: 2, comment: 'Chờ lâu (thử).' })],
    ...over,
  };
}
