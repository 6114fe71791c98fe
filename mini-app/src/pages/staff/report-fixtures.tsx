import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { vi } from 'vitest';
import type { FormView, SatisfactionRule, Shares, SipasIndex, TalliesReport, TrendsReport, UnitSummary } from '../../services/api/staff.ts';
import { StaffFormContext, useFormChoice } from '../../state/staff-form.ts';
import { StaffUnitContext } from '../../state/staff-unit.ts';

/*
 * API answers for the staff screens' jsdom tests. On purpose they differ from the real server:
 * another threshold (30 %), another small sample (5), other keys and labels, so a screen that
 * writes the rule or a label itself shows the wrong text and fails.
 */
export const RULE: SatisfactionRule = {
  satisfiedLevels: [4, 5],
  dissatisfiedLevels: [1, 2],
  threshold: { numerator: 3, denominator: 10 },
  thresholdShare: 0.3,
  strictlyGreater: true,
  smallSample: 5,
  confidence: 0.95,
};

const LEVELS = [
  { value: 5, label: 'Rất hài lòng' },
  { value: 4, label: 'Hài lòng' },
  { value: 3, label: 'Bình thường' },
  { value: 2, label: 'Không hài lòng' },
  { value: 1, label: 'Rất không hài lòng' },
];

const question = (key: string, shortLabel: string, group: string | null = null) => ({ key, label: `${shortLabel} (câu đầy đủ)`, shortLabel, help: null, group, mandatory: true });

export const DESK_FORM: FormView = {
  key: 'quay',
  version: 1,
  title: 'Phiếu tại quầy (thử)',
  overallKey: 'chung',
  comment: true,
  levels: LEVELS,
  questions: [question('chung', 'Câu chung từ API'), question('thai_do', 'Thái độ theo API')],
  groups: [],
  issues: [{ key: 'phien_ha', label: 'Gây phiền hà theo API' }],
};

export const INDEX_FORM: FormView = {
  key: 'chi_so',
  version: 2,
  title: 'Phiếu chỉ số (thử)',
  overallKey: 'tong',
  comment: false,
  levels: LEVELS,
  questions: [question('tong', 'Tổng quát từ API'), question('m1', 'Mục một', 'yt1'), question('m2', 'Mục hai', 'yt1')],
  groups: [
    { key: 'kc1', label: 'Khía cạnh thử', parent: null },
    { key: 'yt1', label: 'Yếu tố thử', parent: 'kc1' },
  ],
  issues: [],
};

type Levels = Shares['levels'];

/** Shares as the server would send them, with any field overridden (the screens must show the API's values as given). */
export function shares(levels: Levels, over: Partial<Shares> = {}): Shares {
  const n = levels['1'] + levels['2'] + levels['3'] + levels['4'] + levels['5'];
  const satisfied = levels['4'] + levels['5'];
  const dissatisfied = levels['1'] + levels['2'];
  return {
    responses: n,
    levels,
    satisfied,
    dissatisfied,
    satisfiedShare: n ? satisfied / n : null,
    dissatisfiedShare: n ? dissatisfied / n : null,
    flagged: n > 0 && dissatisfied / n > RULE.thresholdShare,
    dissatisfiedInterval: n ? { low: 0.1, high: 0.5 } : null,
    smallSample: n < RULE.smallSample,
    ...over,
  };
}

const L = (l5: number, l4: number, l3: number, l2: number, l1: number): Levels => ({ '5': l5, '4': l4, '3': l3, '2': l2, '1': l1 });

export function tallies(form: FormView, index: SipasIndex | null = null): TalliesReport {
  const total = shares(L(3, 2, 1, 1, 1));
  return {
    unitId: 'u1',
    from: '2026-03-02',
    to: '2026-03-02',
    channel: null,
    form,
    rule: RULE,
    total,
    questions: Object.fromEntries(form.questions.map((q, i) => [q.key, shares(L(i + 1, 1, 0, 0, 0))])),
    officers: [
      // Flagged and interval as the API says, whatever the counts would give.
      { officerId: 'o1', name: 'Cán bộ A', title: 'Chuyên viên', ...shares(L(1, 0, 0, 1, 1), { dissatisfiedInterval: { low: 0.111, high: 0.222 } }) },
      { officerId: 'o2', name: 'Cán bộ B', title: null, ...shares(L(4, 2, 0, 0, 0), { smallSample: false }) },
      { officerId: 'o3', name: 'Cán bộ C', title: null, ...shares(L(1, 0, 0, 0, 0)) },
    ],
    fields: [],
    days: [],
    index,
  };
}

// Indices as the server sends them (not meant to agree with each other: the screen only shows them).
export const INDEX: SipasIndex = {
  index: 0.8,
  groups: [
    {
      key: 'kc1',
      label: 'Khía cạnh thử',
      index: 0.7,
      groups: [
        {
          key: 'yt1',
          label: 'Yếu tố thử',
          index: 0.675,
          groups: [],
          items: [
            { key: 'm1', label: 'Mục một (câu đầy đủ)', answers: 4, satisfied: 3, index: 0.75 },
            { key: 'm2', label: 'Mục hai (câu đầy đủ)', answers: 5, satisfied: 3, index: 0.6 },
          ],
        },
      ],
      items: [],
    },
  ],
};

/** Trends as the server cuts them: two days, or (`month`) a year's first two months with the rest empty. */
export function trends(form: FormView, unit: 'day' | 'month' = 'day'): TrendsReport {
  const bucket = (key: string, from: string, to: string, label: string, n: number) => {
    const questions = Object.fromEntries(form.questions.map((q, i) => [q.key, n === 0 ? shares(L(0, 0, 0, 0, 0)) : shares(L(n + i, 0, 0, 0, 1))]));
    return { key, label, from, to, ...questions[form.overallKey]!, questions };
  };
  const buckets =
    unit === 'day'
      ? [bucket('2026-03-01', '2026-03-01', '2026-03-01', '01/03', 2), bucket('2026-03-02', '2026-03-02', '2026-03-02', '02/03', 3)]
      : [bucket('2026-01', '2026-01-01', '2026-01-31', '01/2026', 4), bucket('2026-02', '2026-02-01', '2026-02-28', '02/2026', 0), bucket('2026-03', '2026-03-01', '2026-03-31', '03/2026', 1)];
  return {
    unitId: 'u1',
    from: buckets[0]!.from,
    to: buckets.at(-1)!.to,
    form,
    rule: RULE,
    questions: form.questions.map((q) => ({ key: q.key, label: q.label, shortLabel: q.shortLabel })),
    bucketUnit: unit,
    buckets,
    days: unit !== 'day' ? [] : buckets.map(({ key, label: _label, from: _from, to: _to, ...rest }) => ({ day: key, ...rest })),
    funnel: {
      target: RULE.thresholdShare,
      officers: [{ officerId: 'o1', name: 'Cán bộ A', band: 'above-95', ...shares(L(1, 0, 0, 1, 1)) }],
      limits: [
        { n: 1, low95: 0, high95: 1, low998: 0, high998: 1 },
        { n: 10, low95: 0.1, high95: 0.6, low998: 0, high998: 0.7 },
      ],
    },
  };
}

/** A request as the stub sees it: the URL, the method, the headers and the body as text. */
export interface StubRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
}

/**
 * Stubs fetch with full control of the answer (status, headers, bytes), for writes and files;
 * an undefined answer is a 404. Returns the requests made.
 */
export function stubFetch(answer: (req: StubRequest) => Response | undefined): StubRequest[] {
  const calls: StubRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      const raw = init?.body;
      const body = raw === undefined || raw === null ? null : raw instanceof Blob ? await blobText(raw) : String(raw);
      const req = { url, method: (init?.method ?? 'GET').toUpperCase(), headers: new Headers(init?.headers), body };
      calls.push(req);
      return answer(req) ?? json({ error: { code: 'not_found', message: 'Không có.' } }, 404);
    }),
  );
  return calls;
}

/** A blob's text (jsdom's Blob has no text()). */
export function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** A JSON answer. */
export const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Stubs fetch with the given answers by path; returns the URLs called. */
export function stubApi(answer: (url: URL) => unknown): URL[] {
  const calls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      calls.push(url);
      const body = answer(url);
      return new Response(JSON.stringify(body ?? { error: { code: 'not_found', message: 'Không có.' } }), {
        status: body === undefined ? 404 : 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return calls;
}

const UNIT: UnitSummary = { id: 'u1', code: 'xa-thu', name: 'UBND xã Thử', kind: 'commune', parentId: null, showOfficerNames: false };

/**
 * The signed-in screens' contexts, as StaffApp provides them: one unit, its forms from GET /forms,
 * and a router at `at` (the screen under `path`, when it reads route parameters); any other route
 * the screen links to renders its path, so a test can see where a link went.
 */
export function StaffHarness({ children, at = '/staff/today', path }: { readonly children: ReactNode; readonly at?: string; readonly path?: string }) {
  return (
    <MemoryRouter initialEntries={[at]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Contexts>
        <Routes>
          <Route path={path ?? at.split('?')[0]!} element={children} />
          <Route path="*" element={<Landed />} />
        </Routes>
      </Contexts>
    </MemoryRouter>
  );
}

function Contexts({ children }: { readonly children: ReactNode }) {
  const forms = useFormChoice(UNIT.id, null);
  return (
    <StaffUnitContext.Provider value={{ units: [UNIT], unit: UNIT, setUnitId: () => {} }}>
      <StaffFormContext.Provider value={forms}>{children}</StaffFormContext.Provider>
    </StaffUnitContext.Provider>
  );
}

/** Where a link led: its path and query, as text. */
function Landed() {
  const { pathname, search } = useLocation();
  return <p data-testid="landed">{`${pathname}${search}`}</p>;
}
