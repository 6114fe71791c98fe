import { describe, expect, it } from 'vitest';
import { runCaseEscalation } from '../../src/jobs/case-escalation.ts';
import { Dispatcher } from '../../src/jobs/dispatcher.ts';
import { runEvaluations } from '../../src/jobs/evaluations.ts';
import { addWorkingDays } from '../../src/domain/calendar.ts';
import { createStaff, createUnit } from '../../src/services/setup.service.ts';
import { responseBody, seedUnit } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { linkStaff } from '../helpers/zalo-fixtures.ts';

interface CaseJson {
  responseId: string;
  kind: string;
  status: string;
  statusLabel: string;
  day: string;
  dueDay: string;
  overdue: boolean;
  owner: { id: string; username: string } | null;
  response: { comment: string | null; issues: string[]; level: number | null };
  notes: { note: string; status: string | null }[];
}
interface AlertJson {
  id: string;
  kind: string;
  summary: string;
  responseId: string | null;
  officer: { id: string; name: string } | null;
  handling: string;
  handlingLabel: string;
}

const low = (overall: number) => ({ overall, access: 3, attitude: 3, responsibility: 3, guidance: 3 });

describe('cases: one per misconduct report or "Rất không hài lòng" with a comment, handled in one place', () => {
  const bed = useTestbed();
  const chair = () => bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password);
  const post = async (o: Record<string, unknown>) => {
    const res = await bed.t.post('/api/public/responses', responseBody(bed.unit.counterToken, o));
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const cases = async (query = '') => ((await (await bed.t.get(`/api/units/${bed.unit.unitId}/cases${query}`, await chair())).json()) as { cases: CaseJson[]; nextBefore: string | null });
  const alerts = async (query = '') => ((await (await bed.t.get(`/api/units/${bed.unit.unitId}/alerts${query}`, await chair())).json()) as { alerts: AlertJson[]; nextBefore: string | null });

  it('opens a case for a harassment report and for "Rất không hài lòng" with a comment, not for the others', async () => {
    const harassment = await post({ issues: ['harassment'], officerId: bed.unit.officers[1] });
    const veryLow = await post({ answers: low(1), comment: 'Chờ cả buổi sáng' });
    await post({ answers: low(1) }); // no comment: an alert, no case
    await post({ answers: low(2), comment: 'Hơi chậm' }); // "Không hài lòng": no case
    const list = await cases();
    expect(list.cases.map((c) => [c.responseId, c.kind, c.status]).sort()).toEqual(
      [
        [harassment, 'misconduct', 'new'],
        [veryLow, 'very_dissatisfied', 'new'],
      ].sort(),
    );
    const c = list.cases.find((x) => x.responseId === harassment)!;
    // Wednesday 25/11/2026 + 5 working days = Wednesday 2/12.
    expect(c).toMatchObject({ day: '2026-11-25', dueDay: addWorkingDays('2026-11-25', 5), overdue: false, owner: null, statusLabel: 'Mới' });
    expect(c.dueDay).toBe('2026-12-02');
    expect(c.response.issues).toHaveLength(1);
    // A retry of the same response opens no second case.
    const body = responseBody(bed.unit.counterToken, { issues: ['extra_cost'] });
    expect((await bed.t.post('/api/public/responses', body)).status).toBe(201);
    expect((await bed.t.post('/api/public/responses', body)).status).toBe(200);
    expect((await cases()).cases).toHaveLength(3);
  });

  it('handled on the comments screen → handled on the alerts screen and in the cases, the response untouched', async () => {
    const id = await post({ issues: ['harassment'], comment: 'Cán bộ gợi ý "bồi dưỡng"' });
    const stored = await bed.deps.db.kysely.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const login = await chair();
    let [alert] = (await alerts('?kind=response')).alerts;
    expect(alert).toMatchObject({ responseId: id, handling: 'new', handlingLabel: 'Mới' });
    expect((await alerts('?status=open')).alerts.map((a) => a.id)).toContain(alert!.id);

    // Closing needs a note: 400, nothing changed.
    const bare = await bed.t.post(`/api/units/${bed.unit.unitId}/comments/${id}/notes`, { handled: true, note: '' }, login);
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { error: { message: string } }).error.message).toContain('Cần ghi kết quả xử lý');
    expect((await cases()).cases[0]!.status).toBe('new');
    expect(await bed.deps.db.kysely.selectFrom('handling_notes').selectAll().execute()).toHaveLength(0);

    // In progress with an owner from the cases route, then closed from the comments screen.
    const clerkId = (await bed.deps.db.kysely.selectFrom('staff').select('id').where('username', '=', bed.unit.clerk.username).executeTakeFirstOrThrow()).id;
    const taken = await bed.t.post(`/api/units/${bed.unit.unitId}/cases/${id}`, { status: 'in_progress', note: 'Giao văn phòng xác minh', ownerStaffId: clerkId }, login);
    expect(taken.status).toBe(201);
    expect((await alerts()).alerts.find((a) => a.responseId === id)).toMatchObject({ handling: 'in_progress', handlingLabel: 'Đang xử lý' });
    bed.deps.setNow('2026-11-25T03:05:00.000Z'); // the notes in order
    const closed = await bed.t.post(`/api/units/${bed.unit.unitId}/comments/${id}/notes`, { handled: true, note: 'Đã làm việc với cán bộ, hoàn trả 200.000 đ' }, login);
    expect(closed.status).toBe(201);

    [alert] = (await alerts('?kind=response')).alerts;
    expect(alert).toMatchObject({ handling: 'handled', handlingLabel: 'Đã xử lý' });
    expect((await alerts('?status=open')).alerts.map((a) => a.id)).not.toContain(alert!.id);
    expect((await alerts('?status=closed')).alerts.map((a) => a.id)).toContain(alert!.id);
    const c = (await cases('?status=closed')).cases[0]!;
    expect(c).toMatchObject({ responseId: id, status: 'handled', owner: { id: clerkId, username: bed.unit.clerk.username } });
    expect(c.notes.map((n) => [n.status, n.note])).toEqual([
      ['in_progress', 'Giao văn phòng xác minh'],
      ['handled', 'Đã làm việc với cán bộ, hoàn trả 200.000 đ'],
    ]);
    // The comments screen carries the same case.
    const comments = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/comments`, login)).json()) as { comments: { id: string; handled: boolean; case: { status: string } | null }[] };
    expect(comments.comments.find((x) => x.id === id)).toMatchObject({ handled: true, case: { status: 'handled', statusLabel: 'Đã xử lý', overdue: false, owner: { id: clerkId, username: bed.unit.clerk.username } } });
    expect((await alerts('?kind=response')).alerts[0]).toMatchObject({ caseStatus: 'handled', case: { status: 'handled', statusLabel: 'Đã xử lý', owner: { id: clerkId } } });
    // Who may own a case: the unit's active staff.
    const staff = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/staff`, login)).json()) as { staff: { username: string; role: string }[] };
    expect(staff.staff.map((s) => [s.role, s.username])).toEqual([
      ['chairman', bed.unit.chairman.username],
      ['clerk', bed.unit.clerk.username],
    ]);
    // The response itself is never edited.
    expect(await bed.deps.db.kysely.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(stored);
  });

  it('rejects a bad decision with a clear error and changes nothing', async () => {
    const id = await post({ issues: ['harassment'] });
    const plain = await post({ answers: low(3), comment: 'Bình thường' });
    const other = await seedUnit(bed.deps, 'xa-khac');
    const otherClerk = (await bed.deps.db.kysely.selectFrom('staff').select('id').where('unit_id', '=', other.unitId).executeTakeFirstOrThrow()).id;
    const login = await chair();
    const tries = [
      [`cases/${id}`, { status: 'closed', note: 'x' }, 400],
      [`cases/${id}`, { status: 'handled', note: '   ' }, 400],
      [`cases/${id}`, { status: 'in_progress', ownerStaffId: otherClerk }, 400],
      [`cases/${id}`, { status: 'in_progress', extra: 1 }, 400],
      [`cases/${plain}`, { status: 'handled', note: 'x' }, 404],
      [`cases/không-có`, { status: 'handled', note: 'x' }, 404],
    ] as const;
    for (const [path, body, status] of tries) expect(`${path} ${(await bed.t.post(`/api/units/${bed.unit.unitId}/${path}`, body, login)).status}`).toBe(`${path} ${status}`);
    expect((await cases()).cases[0]).toMatchObject({ status: 'new', owner: null, notes: [] });
    // Another unit's clerk cannot touch this unit's cases.
    const outsider = await bed.t.login(other.clerk.username, other.clerk.password);
    expect((await bed.t.post(`/api/units/${bed.unit.unitId}/cases/${id}`, { status: 'handled', note: 'x' }, outsider)).status).toBe(403);
  });

  it('lists cases by status, officer and overdue, in pages that skip none', async () => {
    for (let i = 0; i < 7; i++) await post({ issues: ['harassment'], officerId: bed.unit.officers[i % 2] });
    const all = new Set<string>();
    let before = '';
    for (let page = 0; page < 5; page++) {
      const got = await cases(`?limit=3${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      for (const c of got.cases) all.add(c.responseId);
      if (!got.nextBefore) break;
      before = got.nextBefore;
    }
    expect(all.size).toBe(7);
    // The alerts screen pages the same way ("Xem thêm"), with its filters kept.
    const seen = new Set<string>();
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const got = await alerts(`?kind=response&status=open&limit=3${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
      for (const a of got.alerts) seen.add(a.id);
      if (!got.nextBefore) break;
      cursor = got.nextBefore;
    }
    expect(seen.size).toBe(7);
    expect((await alerts('?kind=crossing')).alerts).toEqual([]);
    expect((await bed.t.get(`/api/units/${bed.unit.unitId}/alerts?kind=khác`, await chair())).status).toBe(400);
    expect((await cases(`?officerId=${bed.unit.officers[1]}`)).cases).toHaveLength(3);
    expect((await cases('?overdue=yes')).cases).toHaveLength(0);
    bed.deps.setNow('2026-12-03T03:00:00.000Z'); // the day after the due day
    const overdue = await cases('?overdue=yes');
    expect(overdue.cases).toHaveLength(7);
    expect(overdue.cases.every((c) => c.overdue)).toBe(true);
    expect((await bed.t.get(`/api/units/${bed.unit.unitId}/cases?before=hôm-qua`, await chair())).status).toBe(400);
  });
});

describe('an overdue case climbs: its owner, then the chairman, then the province supervisor (fake Zalo)', () => {
  const bed = useTestbed({ zalo: true, unit: false, env: { CASE_DUE_WORKING_DAYS: '5', CASE_ESCALATION_STEP_DAYS: '2' } });

  it('sends a reminder, then alerts the chairman, then the parent unit\'s supervisor, each once; a handled case stops', async () => {
    const { deps, t, fake } = bed;
    await createUnit(deps, { code: 'snv', name: 'Sở Nội vụ tỉnh Thử' });
    const unit = await seedUnit(deps, 'xa-c', { parentCode: 'snv' });
    const parentId = (await deps.db.kysely.selectFrom('units').select('id').where('code', '=', 'snv').executeTakeFirstOrThrow()).id;
    await createStaff(deps, parentId, { username: 'snv-giamsat', password: 'supervisor-password', role: 'supervisor' });
    await linkStaff(t, deps, fake, await t.login(unit.clerk.username, unit.clerk.password), 'z-clerk');
    await linkStaff(t, deps, fake, await t.login(unit.chairman.username, unit.chairman.password), 'z-chair');
    await linkStaff(t, deps, fake, await t.login('snv-giamsat', 'supervisor-password'), 'z-snv');
    const dispatcher = new Dispatcher(deps);
    await dispatcher.drain();
    fake.messages.length = 0;

    deps.setNow('2026-11-02T02:00:00.000Z'); // Monday 2/11, 9:00 in Vietnam
    const res = await t.post('/api/public/responses', responseBody(unit.counterToken, { issues: ['extra_cost'], officerId: unit.officers[2] }));
    expect(res.status).toBe(201);
    const handledLater = ((await (await t.post('/api/public/responses', responseBody(unit.counterToken, { answers: low(1), comment: 'Thái độ không tốt' }))).json()) as { id: string }).id;
    await dispatcher.drain();
    fake.messages.length = 0; // the two instant alerts

    const overdueMessages = () => fake.messages.filter((m) => m.text.includes('⏰'));
    const at = async (day: string) => {
      deps.setNow(`${day}T02:00:00.000Z`);
      // Twice, as two replicas would: each step is taken once.
      const made = (await runCaseEscalation(deps)) + (await runCaseEscalation(deps));
      await dispatcher.drain();
      return made;
    };
    expect(await at('2026-11-09')).toBe(0); // the due day itself (Monday + 5 working days)
    // The second case is closed before anything is overdue: it never climbs.
    const chairLogin = await t.login(unit.chairman.username, unit.chairman.password);
    expect((await t.post(`/api/units/${unit.unitId}/cases/${handledLater}`, { status: 'unfounded', note: 'Đã xác minh, không đúng sự việc' }, chairLogin)).status).toBe(201);

    expect(await at('2026-11-10')).toBe(1); // step 1: no owner, so the clerks
    expect(overdueMessages().map((m) => m.userId)).toEqual(['z-clerk']);
    expect(overdueMessages()[0]!.text).toContain('Phản ánh tiêu cực, nhũng nhiễu nhận ngày 02/11/2026 (cán bộ Lê Văn Cường) chưa được xử lý, quá hạn 09/11/2026');
    expect(await at('2026-11-11')).toBe(0);
    expect(await at('2026-11-12')).toBe(1); // step 2: two working days later, the chairman
    expect(overdueMessages().map((m) => m.userId)).toEqual(['z-clerk', 'z-chair']);
    expect(overdueMessages()[1]!.text).toContain('đề nghị Chủ tịch chỉ đạo');
    expect(await at('2026-11-13')).toBe(0);
    expect(await at('2026-11-16')).toBe(1); // step 3 (Friday 13 + the weekend): the province
    expect(overdueMessages().map((m) => m.userId)).toEqual(['z-clerk', 'z-chair', 'z-snv']);
    expect(overdueMessages()[2]!.text).toContain('báo cáo cơ quan cấp trên');
    expect(await at('2026-11-30')).toBe(0); // nothing after the last step

    const alerts = await deps.db.kysely.selectFrom('alerts').select(['kind', 'dedupe_key']).where('kind', '=', 'case_overdue').orderBy('created_at').execute();
    expect(alerts.map((a) => a.dedupe_key.replace(/:[^:]+:/, ':…:'))).toEqual(['case:…:1', 'case:…:2', 'case:…:3']);
    const escalation = await deps.db.kysely.selectFrom('cases').select(['response_id', 'escalation']).orderBy('escalation').execute();
    expect(escalation.map((c) => Number(c.escalation))).toEqual([0, 3]);
  });

  it('an owner is reminded in the clerks\' place', async () => {
    const { deps, t, fake } = bed;
    const unit = await seedUnit(deps, 'xa-d');
    await createStaff(deps, unit.unitId, { username: 'xa-d-vanthu', password: 'second-clerk-pw', role: 'clerk' });
    await linkStaff(t, deps, fake, await t.login(unit.clerk.username, unit.clerk.password), 'z-clerk');
    await linkStaff(t, deps, fake, await t.login('xa-d-vanthu', 'second-clerk-pw'), 'z-vanthu');
    deps.setNow('2026-11-02T02:00:00.000Z');
    const id = ((await (await t.post('/api/public/responses', responseBody(unit.counterToken, { issues: ['harassment'] }))).json()) as { id: string }).id;
    const owner = (await deps.db.kysely.selectFrom('staff').select('id').where('username', '=', 'xa-d-vanthu').executeTakeFirstOrThrow()).id;
    const login = await t.login(unit.chairman.username, unit.chairman.password);
    expect((await t.post(`/api/units/${unit.unitId}/cases/${id}`, { status: 'in_progress', ownerStaffId: owner }, login)).status).toBe(201);
    const dispatcher = new Dispatcher(deps);
    await dispatcher.drain();
    fake.messages.length = 0;
    deps.setNow('2026-11-10T02:00:00.000Z');
    expect(await runCaseEscalation(deps)).toBe(1);
    await dispatcher.drain();
    expect(fake.messages.filter((m) => m.text.includes('⏰')).map((m) => m.userId)).toEqual(['z-vanthu']);
  });
});

describe('the period-end evaluation and the officer\'s page', () => {
  const bed = useTestbed();

  it('month end with n = 4 at 50 %: one evaluation alert worded "ít dữ liệu", none for officers under the rule', async () => {
    const { deps, t, unit } = bed;
    deps.setNow('2026-10-20T03:00:00.000Z');
    for (const overall of [5, 5, 1, 2]) expect((await t.post('/api/public/responses', responseBody(unit.counterToken, { officerId: unit.officers[1], answers: low(overall) }))).status).toBe(201);
    for (const overall of [5, 5, 4, 2]) expect((await t.post('/api/public/responses', responseBody(unit.counterToken, { officerId: unit.officers[2], answers: low(overall) }))).status).toBe(201);
    expect(await deps.db.kysely.selectFrom('alerts').select('id').where('kind', 'in', ['crossing', 'evaluation']).execute()).toHaveLength(0); // n = 4 < 10

    deps.setNow('2026-10-31T16:00:00.000Z'); // 23:00 on 31/10 in Vietnam: October not over
    expect(await runEvaluations(deps)).toBe(0);
    deps.setNow('2026-10-31T17:05:00.000Z'); // 00:05 on 1/11
    expect((await runEvaluations(deps)) + (await runEvaluations(deps))).toBe(1);
    const [evaluation] = await deps.db.kysely.selectFrom('alerts').selectAll().where('kind', '=', 'evaluation').execute();
    expect(evaluation!.officer_id).toBe(unit.officers[1]);
    expect(JSON.parse(evaluation!.details)).toMatchObject({ period: '2026-10', n: 4, dissatisfied: 2, share: 0.5, smallSample: true });
    expect(evaluation!.text).toContain('ít dữ liệu');
    expect(evaluation!.text).toContain('2/4');
    expect(evaluation!.text).toContain('tháng 10/2026');
    const list = (await (await t.get(`/api/units/${unit.unitId}/alerts?kind=evaluation`, await t.login(unit.chairman.username, unit.chairman.password))).json()) as { alerts: AlertJson[] };
    expect(list.alerts[0]!.summary).toBe('Kết quả tháng 10/2026: Trần Thị Bình – Vượt 25% (theo quy định) – có thể do ngẫu nhiên (ít phiếu) (2/4 = 50,0%)');
    expect(list.alerts[0]!.officer).toEqual({ id: unit.officers[1], name: 'Trần Thị Bình' });
  });

  it('the officer\'s page: figures with n and interval, the verdict, per question, the trend, cases and comments', async () => {
    const { deps, t, unit } = bed;
    const officer = unit.officers[1]!;
    deps.setNow('2026-11-03T03:00:00.000Z');
    for (const overall of [5, 4, 1]) await t.post('/api/public/responses', responseBody(unit.counterToken, { officerId: officer, answers: low(overall) }));
    deps.setNow('2026-11-05T03:00:00.000Z');
    await t.post('/api/public/responses', responseBody(unit.counterToken, { officerId: officer, issues: ['harassment'], comment: 'Đòi tiền "cà phê"' }));
    await t.post('/api/public/responses', responseBody(unit.counterToken, { officerId: unit.officers[2], answers: low(1), comment: 'Không phải cán bộ này' }));
    const login = await t.login(unit.chairman.username, unit.chairman.password);
    const res = await t.get(`/api/units/${unit.unitId}/officers/${officer}/summary?from=2026-11-01&to=2026-11-30`, login);
    expect(res.status).toBe(200);
    const s = (await res.json()) as {
      officer: { name: string };
      total: { responses: number; dissatisfied: number; dissatisfiedShare: number; dissatisfiedInterval: { low: number; high: number }; flagged: boolean };
      verdict: { label: string; overRule: boolean };
      questions: { key: string; shares: { responses: number } }[];
      trend: { rows: { key: string; shares: { responses: number } }[] };
      cases: { responseId: string; kind: string }[];
      comments: { comment: string }[];
    };
    expect(s.officer.name).toBe('Trần Thị Bình');
    expect(s.total).toMatchObject({ responses: 4, dissatisfied: 1, flagged: false });
    expect(s.total.dissatisfiedShare).toBeCloseTo(0.25);
    expect(s.total.dissatisfiedInterval.low).toBeLessThan(0.25);
    expect(s.verdict).toMatchObject({ overRule: false, label: 'Không vượt 25%' });
    expect(s.questions.find((q) => q.key === 'overall')!.shares.responses).toBe(4);
    expect(s.trend.rows.filter((r) => r.shares.responses > 0).map((r) => [r.key, r.shares.responses])).toEqual([
      ['2026-11-03', 3],
      ['2026-11-05', 1],
    ]);
    expect(s.cases.map((c) => c.kind)).toEqual(['misconduct']);
    expect(s.comments.map((c) => c.comment)).toEqual(['Đòi tiền "cà phê"']);
    // An officer of another unit, or none: 404; a bad range: 400.
    expect((await t.get(`/api/units/${unit.unitId}/officers/không-có/summary`, login)).status).toBe(404);
    expect((await t.get(`/api/units/${unit.unitId}/officers/${officer}/summary?from=2026-11-30&to=2026-11-01`, login)).status).toBe(400);
  });
});

describe('alert delivery: the chairman sees when his alerts cannot reach him, and why', () => {
  const bed = useTestbed({ zalo: true });

  it('not linked, then linked and delivered, then outside the messaging window', async () => {
    const { deps, t, fake, unit } = bed;
    const chair = await t.login(unit.chairman.username, unit.chairman.password);
    type State = { windowDays: number; recipients: { username: string; role: string; state: string; advice: string; waiting: number }[] };
    const state = async () => (await (await t.get(`/api/units/${unit.unitId}/alert-delivery`, chair)).json()) as State;
    let s = await state();
    expect(s.windowDays).toBe(7);
    expect(s.recipients.find((r) => r.role === 'chairman')).toMatchObject({ state: 'not_linked' });
    expect(s.recipients.find((r) => r.role === 'chairman')!.advice).toContain('Liên kết Zalo');

    await linkStaff(t, deps, fake, chair, 'z-chair');
    const dispatcher = new Dispatcher(deps);
    await t.post('/api/public/responses', responseBody(unit.counterToken, { issues: ['harassment'] }));
    await dispatcher.drain();
    s = await state();
    expect(s.recipients.find((r) => r.role === 'chairman')).toMatchObject({ state: 'ok', waiting: 0 });

    fake.answerForUser('z-chair', -230);
    await t.post('/api/public/responses', responseBody(unit.counterToken, { issues: ['harassment'] }));
    await dispatcher.drain();
    s = await state();
    const mine = s.recipients.find((r) => r.role === 'chairman')!;
    expect(mine.state).toBe('outside_window');
    expect(mine.waiting).toBeGreaterThan(0);
    expect(mine.advice).toContain('7 ngày');
  });
});
