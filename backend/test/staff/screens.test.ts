import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import type { TalliesReport } from '../../src/services/tallies.service.ts';
import type { CommentView } from '../../src/services/comments.service.ts';
import type { TrendsReport } from '../../src/services/trends.service.ts';
import { createTestDeps, type TestDeps } from '../helpers/test-deps.ts';
import { expectErrorShape, responseBody, seedUnit, testApp, type SeededUnit } from '../helpers/fixtures.ts';

let deps: TestDeps;
let a: SeededUnit;
let b: SeededUnit;
let t: ReturnType<typeof testApp>;

beforeEach(async () => {
  deps = await createTestDeps();
  t = testApp(deps);
  await t.post('/api/admin/units', { code: 'huyen-x', name: 'UBND huyện X', kind: 'district' }, t.admin);
  a = await seedUnit(deps, 'xa-a', { parentCode: 'huyen-x' });
  b = await seedUnit(deps, 'xa-b');
});
afterEach(() => deps.close());

const send = (token: string, overall: number, extra: Record<string, unknown> = {}) =>
  t.post('/api/public/responses', responseBody(token, { answers: { overall, access: 3, attitude: 4, responsibility: 5, guidance: overall }, ...extra }));

async function comments(h: Record<string, string>, query = ''): Promise<{ comments: CommentView[]; nextBefore: number | null }> {
  const res = await t.get(`/api/units/${a.unitId}/comments${query}`, h);
  expect(res.status).toBe(200);
  return (await res.json()) as { comments: CommentView[]; nextBefore: number | null };
}

describe('comments and misconduct reports', () => {
  it('lists newest first, filters by officer, field, level, issue and handled status', async () => {
    const [o1, o2] = a.officers as [string, string];
    expect((await send(a.counterToken, 2, { officerId: o1, fieldId: a.fields[0], comment: 'Chờ lâu quá' })).status).toBe(201);
    expect((await send(a.counterToken, 5, { officerId: o2 })).status).toBe(201); // no comment, no issue: not listed
    expect((await send(a.counterToken, 1, { officerId: o2, issues: ['harassment'] })).status).toBe(201);
    expect((await send(a.counterToken, 4, { fieldId: a.fields[1], comment: '<script>alert(1)</script>' })).status).toBe(201);
    await send(b.counterToken, 1, { comment: 'đơn vị khác' });

    const h = await t.login(a.clerk.username, a.clerk.password);
    const all = await comments(h);
    expect(all.comments.map((c) => c.comment)).toEqual(['<script>alert(1)</script>', null, 'Chờ lâu quá']);
    expect(all.comments[1]).toMatchObject({ level: 1, issues: ['harassment'], officer: { id: o2, name: 'Trần Thị Bình' }, handled: false, notes: [] });
    expect((await comments(h, `?officerId=${o1}`)).comments.map((c) => c.comment)).toEqual(['Chờ lâu quá']);
    expect((await comments(h, `?fieldId=${a.fields[1]}`)).comments).toHaveLength(1);
    expect((await comments(h, '?level=1')).comments.map((c) => c.issues)).toEqual([['harassment']]);
    expect((await comments(h, '?issue=harassment')).comments).toHaveLength(1);
    expect((await comments(h, '?issue=extra_cost')).comments).toHaveLength(0);
    const page = await comments(h, '?limit=2');
    expect(page.comments).toHaveLength(2);
    expect((await comments(h, `?limit=2&before=${page.nextBefore}`)).comments.map((c) => c.comment)).toEqual(['Chờ lâu quá']);
    for (const q of ['?level=6', '?issue=bribe', '?handled=maybe', '?limit=0']) await expectErrorShape(await t.get(`/api/units/${a.unitId}/comments${q}`, h), 400, 'invalid_input');
  });

  it('records handling as separate notes; the response and the hash chain are never changed', async () => {
    await send(a.counterToken, 2, { comment: 'Cán bộ vắng mặt' });
    const h = await t.login(a.chairman.username, a.chairman.password);
    const [c] = (await comments(h)).comments;
    const before = await deps.db.kysely.selectFrom('responses').selectAll().where('id', '=', c!.id).executeTakeFirstOrThrow();

    const res = await t.post(`/api/units/${a.unitId}/comments/${c!.id}/notes`, { handled: true, note: 'Đã nhắc nhở <b>cán bộ</b>' }, h);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ handled: true, author: a.chairman.username, note: 'Đã nhắc nhở <b>cán bộ</b>' });
    expect((await comments(h, '?handled=yes')).comments).toHaveLength(1);
    expect((await comments(h, '?handled=no')).comments).toHaveLength(0);
    deps.setNow(new Date(deps.now().getTime() + 60_000).toISOString());
    await t.post(`/api/units/${a.unitId}/comments/${c!.id}/notes`, { handled: false, note: 'Mở lại' }, h);
    const [reopened] = (await comments(h)).comments;
    expect(reopened!.handled).toBe(false);
    expect(reopened!.notes.map((n) => n.note)).toEqual(['Đã nhắc nhở <b>cán bộ</b>', 'Mở lại']);
    expect((await comments(h, '?handled=no')).comments).toHaveLength(1);

    const after = await deps.db.kysely.selectFrom('responses').selectAll().where('id', '=', c!.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
  });

  it('rejects notes on another unit\'s response (404) and bad bodies (400)', async () => {
    await send(b.counterToken, 1, { comment: 'xa-b' });
    const bId = (await deps.db.kysely.selectFrom('responses').select('id').where('unit_id', '=', b.unitId).executeTakeFirstOrThrow()).id;
    const h = await t.login(a.clerk.username, a.clerk.password);
    await expectErrorShape(await t.post(`/api/units/${a.unitId}/comments/${bId}/notes`, { handled: true }, h), 404, 'not_found');
    await expectErrorShape(await t.post(`/api/units/${a.unitId}/comments/${bId}/notes`, { handled: 'yes' }, h), 400, 'invalid_input');
    await expectErrorShape(await t.post(`/api/units/${a.unitId}/comments/${bId}/notes`, { handled: true, extra: 1 }, h), 400, 'invalid_input');
  });
});

describe('trends', () => {
  it('gives every day of the range per criterion and the officers on a funnel', async () => {
    const [o1] = a.officers as [string];
    deps.setNow('2026-11-23T03:00:00.000Z');
    for (const level of [1, 2, 5]) await send(a.counterToken, level, { officerId: o1 });
    deps.setNow('2026-11-25T03:00:00.000Z');
    await send(a.counterToken, 4, { officerId: o1 });
    const h = await t.login(a.clerk.username, a.clerk.password);
    const res = await t.get(`/api/units/${a.unitId}/trends?from=2026-11-22&to=2026-11-25`, h);
    expect(res.status).toBe(200);
    const r = (await res.json()) as TrendsReport;
    expect(r.days.map((d) => [d.day, d.responses])).toEqual([
      ['2026-11-22', 0],
      ['2026-11-23', 3],
      ['2026-11-24', 0],
      ['2026-11-25', 1],
    ]);
    expect(r.days[1]!.dissatisfiedShare).toBeCloseTo(2 / 3);
    expect(r.days[1]!.questions['access']).toMatchObject({ responses: 3, satisfiedShare: 0 });
    const tallies = (await (await t.get(`/api/units/${a.unitId}/tallies?from=2026-11-22&to=2026-11-25`, h)).json()) as TalliesReport;
    const p = r.funnel.officers.find((o) => o.officerId === o1)!;
    const o = tallies.officers.find((x) => x.officerId === o1)!;
    expect(p).toMatchObject({ responses: o.responses, flagged: o.flagged, dissatisfied: 2 });
    expect(r.funnel.target).toBe(0.25);
    expect(r.funnel.limits[0]!.n).toBe(1);
    const default30 = (await (await t.get(`/api/units/${a.unitId}/trends`, h)).json()) as TrendsReport;
    expect(default30.days).toHaveLength(30);
    expect(default30.to).toBe('2026-11-25');
    // Longer ranges are cut by week, then by month: two years are 25 points, not 732.
    const twoYears = (await (await t.get(`/api/units/${a.unitId}/trends?from=2024-01-01&to=2026-01-01`, h)).json()) as TrendsReport;
    expect(twoYears.bucketUnit).toBe('month');
    expect(twoYears.buckets).toHaveLength(25);
    expect(twoYears.days).toEqual([]);
    const quarter = (await (await t.get(`/api/units/${a.unitId}/trends?from=2026-10-01&to=2026-12-31`, h)).json()) as TrendsReport;
    expect(quarter.bucketUnit).toBe('week');
    expect(quarter.buckets.reduce((n, b) => n + b.responses, 0)).toBe(r.days.reduce((n, d) => n + d.responses, 0));
    await expectErrorShape(await t.get(`/api/units/${a.unitId}/trends?from=2010-01-01&to=2026-01-01`, h), 400);
  });
});

describe('access: every staff endpoint', () => {
  /** Every route under /api/units/:unitId, from the app itself, so a route added later is covered too. */
  function unitRoutes(): { method: string; path: string }[] {
    const seen = new Set<string>();
    return t.app.routes
      .filter((r) => r.path.startsWith('/api/units/:unitId/') && r.method !== 'ALL')
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  }

  it('answers 403 to a chairman of unit A on every route of unit B, and 401 without a token', async () => {
    const routes = unitRoutes();
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/units/:unitId/tallies', '/api/units/:unitId/comments', '/api/units/:unitId/trends', '/api/units/:unitId/comments/:responseId/notes']));
    const h = await t.login(a.chairman.username, a.chairman.password);
    for (const r of routes) {
      const path = r.path.replace(':unitId', b.unitId).replace(/:[A-Za-z]+/g, 'x');
      const res = await t.json(r.method, path, r.method === 'GET' ? undefined : { handled: true }, h);
      expect(`${r.method} ${r.path} → ${res.status}`).toBe(`${r.method} ${r.path} → 403`);
      const anon = await t.json(r.method, path, r.method === 'GET' ? undefined : {});
      expect(`${r.method} ${r.path} → ${anon.status}`).toBe(`${r.method} ${r.path} → 401`);
    }
  });

  it('lists the units a sign-in may open: own unit, or a supervisor\'s subtree', async () => {
    const district = ((await (await t.get('/api/admin/units', t.admin)).json()) as { units: { id: string; code: string }[] }).units.find((u) => u.code === 'huyen-x')!;
    await t.post(`/api/admin/units/${district.id}/staff`, { username: 'phongnoivu', password: 'supervisor-pw', role: 'supervisor' }, t.admin);
    const list = async (h: Record<string, string>) => ((await (await t.get('/api/units', h)).json()) as { units: { code: string }[] }).units.map((u) => u.code).sort();
    expect(await list(await t.login('phongnoivu', 'supervisor-pw'))).toEqual(['huyen-x', 'xa-a']);
    expect(await list(await t.login(a.chairman.username, a.chairman.password))).toEqual(['xa-a']);
    await expectErrorShape(await t.get('/api/units'), 401);
    const sup = await t.login('phongnoivu', 'supervisor-pw');
    expect((await t.get(`/api/units/${a.unitId}/comments`, sup)).status).toBe(200);
    await expectErrorShape(await t.get(`/api/units/${b.unitId}/comments`, sup), 403);
  });
});

describe('GET /board/:unitCode', () => {
  const board = async (code = 'xa-a') => {
    const res = await t.get(`/board/${code}`);
    return { res, text: await res.text() };
  };

  it('shows this month and this year from the tallies, with the chain head, frameable by any site', async () => {
    deps.setNow('2026-02-10T03:00:00.000Z');
    await send(a.counterToken, 5);
    deps.setNow('2026-11-25T03:00:00.000Z');
    for (const level of [5, 4, 1]) await send(a.deskToken, level);
    const { res, text } = await board();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(text).toContain('data-period="month" data-from="2026-11-01" data-to="2026-11-25" data-responses="3"');
    expect(text).toContain('data-period="year" data-from="2026-01-01" data-to="2026-11-25" data-responses="4"');
    expect(text).toContain('66,7');
    expect(text).toContain('25/11/2026');
    const head = await deps.db.kysely.selectFrom('chain_heads').selectAll().where('unit_id', '=', a.unitId).executeTakeFirstOrThrow();
    expect(text).toContain(head.hash);
    expect(text).toContain('<meta http-equiv="refresh"');
    // Other routes keep the strict frame policy.
    expect((await t.get('/healthz')).headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('shows officer names only when the unit enables them, escaped', async () => {
    await send(a.deskToken, 5);
    expect((await board()).text).not.toContain('Nguyễn Văn An');
    await deps.db.kysely.updateTable('officers').set({ name: '<script>alert("x")</script>' }).where('id', '=', a.officers[1]!).execute();
    const res = await t.json('PATCH', `/api/admin/units/${a.unitId}`, { showOfficerNames: true }, t.admin);
    expect(res.status).toBe(200);
    const { text } = await board();
    expect(text).toContain('Nguyễn Văn An');
    expect(text).not.toContain('<script>alert');
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    await expectErrorShape(await t.json('PATCH', `/api/admin/units/${a.unitId}`, { showOfficerNames: 'yes' }, t.admin), 400);
  });

  it('answers an HTML 404 page for an unknown unit', async () => {
    const res = await t.get('/board/no-such-unit');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Không có đơn vị mang mã &quot;no-such-unit&quot;');
  });
});
