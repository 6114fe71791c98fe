import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countResponses } from '../../src/db/responses.repository.ts';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import type { TalliesReport } from '../../src/services/tallies.service.ts';
import { createTestDeps, type TestDeps } from '../helpers/test-deps.ts';
import { expectErrorShape, seedUnit, testApp, type SeededUnit } from '../helpers/fixtures.ts';

let deps: TestDeps;
let unit: SeededUnit;
let t: ReturnType<typeof testApp>;
let clerk: Record<string, string>;
beforeAll(async () => {
  deps = await createTestDeps();
  unit = await seedUnit(deps, 'xa-forms');
  t = testApp(deps);
  clerk = await t.login(unit.clerk.username, unit.clerk.password);
});
afterAll(() => deps.close());

/** A form that reuses the counter form's key "overall": its counts must still stay apart. */
const exitPoll = {
  key: 'exit_poll',
  title: 'Phiếu hỏi nhanh khi ra về',
  groups: [
    { key: 'service', label: 'Dịch vụ' },
    { key: 'speed', label: 'Tốc độ', parent: 'service' },
  ],
  questions: [
    { key: 'overall', label: 'Nhìn chung Ông/Bà hài lòng ở mức nào?' },
    { key: 'waiting', label: 'Thời gian chờ', group: 'speed', help: 'Từ lúc lấy số đến lúc được gọi' },
    { key: 'noise', label: 'Độ ồn ở quầy', group: 'service', mandatory: false },
  ],
  issues: [{ key: 'rude', label: 'Thái độ thiếu lịch sự' }],
};

async function pointFor(formKey: string): Promise<string> {
  const res = await t.post(`/api/admin/units/${unit.unitId}/points`, { label: `Quầy ${formKey}`, formKey }, t.admin);
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const tallies = async (form?: string) =>
  (await (await t.get(`/api/units/${unit.unitId}/tallies${form ? `?form=${form}` : ''}`, clerk)).json()) as TalliesReport;

describe('forms as versioned data, through the admin API', () => {
  it('adds a form as version 1; the same content again adds nothing; a change is version 2', async () => {
    const first = await t.post('/api/admin/forms', exitPoll, t.admin);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ key: 'exit_poll', version: 1, created: true });
    const again = await t.post('/api/admin/forms', exitPoll, t.admin);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ key: 'exit_poll', version: 1, created: false });
    const list = (await (await t.get('/api/admin/forms', t.admin)).json()) as { forms: { key: string; versions: number[] }[] };
    expect(list.forms.map((f) => `${f.key}:${f.versions.join(',')}`)).toEqual(['counter:1', 'exit_poll:1', 'sipas:1']);
  });

  it('refuses an invalid definition with the path of each problem', async () => {
    const bad = await t.post(
      '/api/admin/forms',
      { ...exitPoll, key: 'Bad Key', questions: [{ key: 'a', label: 'A', group: 'nope' }, { key: 'a', label: 'again' }], groups: [{ key: 'g', label: 'G', parent: 'g' }] },
      t.admin,
    );
    const body = await expectErrorShape(bad, 400, 'invalid_input');
    const paths = (body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['key', 'questions.1.key', 'questions.0.group', 'groups.0.parent']));
  });

  it('a point names its form; the public route returns it with groups, help and mandatory marks', async () => {
    const token = await pointFor('exit_poll');
    const point = (await (await t.get(`/api/public/points/${token}`)).json()) as { form: { key: string; version: number; groups: unknown[]; questions: { key: string; mandatory: boolean; group: string | null; help: string | null }[] } };
    expect(point.form).toMatchObject({ key: 'exit_poll', version: 1 });
    expect(point.form.groups).toEqual([
      { key: 'service', label: 'Dịch vụ', parent: null },
      { key: 'speed', label: 'Tốc độ', parent: 'service' },
    ]);
    expect(point.form.questions.map((q) => [q.key, q.mandatory, q.group, q.help])).toEqual([
      ['overall', true, null, null],
      ['waiting', true, 'speed', 'Từ lúc lấy số đến lúc được gọi'],
      ['noise', false, 'service', null],
    ]);
  });

  it('checks answers against the point’s form: a missing mandatory answer or an unknown key → 400, nothing stored', async () => {
    const token = await pointFor('exit_poll');
    const before = await countResponses(deps.db.kysely);
    const missing = await t.post('/api/public/responses', { token, clientId: crypto.randomUUID(), answers: { overall: 4 } });
    expect((await expectErrorShape(missing, 400, 'invalid_input')).error.details).toEqual([{ path: 'answers.waiting', message: 'Thiếu giá trị bắt buộc.' }]);
    const unknown = await t.post('/api/public/responses', { token, clientId: crypto.randomUUID(), answers: { overall: 4, waiting: 3, access: 5 } });
    expect((await expectErrorShape(unknown, 400)).error.details).toEqual([{ path: 'answers.access', message: 'Câu hỏi không có trong phiếu này.' }]);
    const badIssue = await t.post('/api/public/responses', { token, clientId: crypto.randomUUID(), answers: { overall: 4, waiting: 3 }, issues: ['harassment'] });
    expect((await expectErrorShape(badIssue, 400)).error.details).toEqual([{ path: 'issues.0', message: 'Giá trị không nằm trong danh sách cho phép.' }]);
    // The counter form's questions are not this form's either.
    const counterAnswers = await t.post('/api/public/responses', { token, clientId: crypto.randomUUID(), answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 } });
    await expectErrorShape(counterAnswers, 400);
    expect(await countResponses(deps.db.kysely)).toBe(before);
  });

  it('keeps the form’s tallies apart from the counter form’s, though both have "overall"', async () => {
    const token = await pointFor('exit_poll');
    const counterBefore = (await tallies()).total.responses;
    for (const overall of [1, 2, 5]) {
      const res = await t.post('/api/public/responses', { token, clientId: crypto.randomUUID(), answers: { overall, waiting: 4 }, issues: overall === 1 ? ['rude'] : [] });
      expect(res.status).toBe(201);
    }
    const own = await tallies('exit_poll');
    expect(own.total.levels).toEqual({ '1': 1, '2': 1, '3': 0, '4': 0, '5': 1 });
    expect(own.total.flagged).toBe(true);
    expect(own.form.questions.map((q) => q.shortLabel)).toEqual(['Nhìn chung Ông/Bà hài lòng ở mức nào?', 'Thời gian chờ', 'Độ ồn ở quầy']);
    expect(own.questions['noise']!.responses).toBe(0);
    expect(own.index?.groups[0]?.key).toBe('service');
    expect((await tallies()).total.responses).toBe(counterBefore);
    // Comments and trends read the same form.
    const comments = (await (await t.get(`/api/units/${unit.unitId}/comments?form=exit_poll`, clerk)).json()) as { comments: { issues: string[]; level: number }[] };
    expect(comments.comments).toEqual([expect.objectContaining({ issues: ['rude'], level: 1 })]);
    const trends = (await (await t.get(`/api/units/${unit.unitId}/trends?form=exit_poll`, clerk)).json()) as { questions: { key: string }[]; rule: { thresholdShare: number } };
    expect(trends.questions.map((q) => q.key)).toEqual(['overall', 'waiting', 'noise']);
    expect(trends.rule.thresholdShare).toBe(0.25);
    // The alert rules read the form's own general question and issue labels.
    const alerts = await deps.db.kysely.selectFrom('alerts').select(['kind', 'text']).where('unit_id', '=', unit.unitId).execute();
    expect(alerts.filter((a) => a.kind === 'response').map((a) => a.text)).toEqual([expect.stringContaining('Phản ánh: Thái độ thiếu lịch sự')]);
    const forms = (await (await t.get(`/api/units/${unit.unitId}/forms`, clerk)).json()) as { forms: { key: string }[] };
    expect(forms.forms.map((f) => f.key)).toEqual(['counter', 'exit_poll']);
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
  });

  it('a version with responses never changes; an unused version may be replaced; the next version is served', async () => {
    const inUse = await t.json('PUT', '/api/admin/forms/exit_poll/1', { ...exitPoll, title: 'Đổi tiêu đề' }, t.admin);
    const err = await expectErrorShape(inUse, 409, 'conflict');
    expect(err.error.message).toContain('không thể sửa');
    const v2 = await t.post('/api/admin/forms', { ...exitPoll, questions: [...exitPoll.questions, { key: 'clean', label: 'Vệ sinh', mandatory: false }] }, t.admin);
    expect(await v2.json()).toEqual({ key: 'exit_poll', version: 2, created: true });
    const replaced = await t.json('PUT', '/api/admin/forms/exit_poll/2', { ...exitPoll, title: 'Phiếu hỏi nhanh (bản 2)' }, t.admin);
    expect(replaced.status).toBe(200);
    const v2view = (await (await t.get('/api/admin/forms/exit_poll/2', t.admin)).json()) as { title: string };
    expect(v2view.title).toBe('Phiếu hỏi nhanh (bản 2)');
    const v1view = (await (await t.get('/api/admin/forms/exit_poll/1', t.admin)).json()) as { title: string };
    expect(v1view.title).toBe('Phiếu hỏi nhanh khi ra về');
    // A phone that loaded version 1 before version 2 existed still sends version 1's answers.
    const token = await pointFor('exit_poll');
    deps.forms.clear();
    const res = await t.post('/api/public/responses', { token, clientId: crypto.randomUUID(), formVersion: 1, answers: { overall: 3, waiting: 3 } });
    expect(res.status).toBe(201);
    const stored = await deps.db.kysely.selectFrom('responses').select(['form_key', 'form_version']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(stored).toEqual({ form_key: 'exit_poll', form_version: 1 });
    const noSuch = await t.post('/api/public/responses', { token, clientId: crypto.randomUUID(), formVersion: 9, answers: { overall: 3, waiting: 3 } });
    expect((await expectErrorShape(noSuch, 400)).error.details).toEqual([{ path: 'formVersion', message: 'Phiên bản phiếu này không tồn tại.' }]);
  });

  it('refuses a point for a form that does not exist, and staff routes answer 404 for an unknown form', async () => {
    await expectErrorShape(await t.post(`/api/admin/units/${unit.unitId}/points`, { label: 'X', formKey: 'no_such_form' }, t.admin), 400);
    await expectErrorShape(await t.get(`/api/units/${unit.unitId}/tallies?form=no_such_form`, clerk), 404);
    expect((await (await t.get('/api/public/rule')).json())).toMatchObject({ threshold: { numerator: 1, denominator: 4 }, dissatisfiedLevels: [1, 2] });
  });
});
