import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createStaff, createUnit } from '../../src/services/setup.service.ts';
import { expectErrorShape } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { atInWindow, csvOf, getDay, newEnumerator, putList, responseOp, seedTown, sipasAnswers, sync, WINDOW, type ListRow } from './campaign-fixtures.ts';

const campaignBody = (unitIds: string[]) => ({
  name: 'Khảo sát SIPAS',
  formKey: 'sipas',
  ...WINDOW,
  unitIds,
  fields: [{ key: 'tu_phap', name: 'Tư pháp' }],
  quotas: [{ fieldKey: 'tu_phap', respondentKind: 'citizen', official: 20, reserve: 5 }],
});

describe('published results stay anonymous (R8.2): the names stay with the lists', () => {
  const bed = useTestbed({ unit: false });

  it('puts no respondent name or phone in the responses, tallies, alerts, the public board or the reports', async () => {
    const { t, deps } = bed;
    const town = await seedTown(deps, 'nam-dong', 1);
    const commune = town.communes[0]!;
    const sup = await t.login(town.supervisor.username, town.supervisor.password);
    const campaignId = ((await (await t.post(`/api/units/${town.townId}/campaigns`, campaignBody([commune.id]), sup)).json()) as { id: string }).id;
    const people = Array.from({ length: 12 }, (_, i) => ({ name: `Quách Thị Zêta ${100 + i}`, phone: `0987${String(654300 + i)}`, address: `Xóm Ỷ Lan ${i}` }));
    const rows: ListRow[] = people.map((p, i) => ({ list: i < 10 ? 'official' : 'reserve', order: i < 10 ? i + 1 : i - 9, ...p }));
    expect((await putList(t, sup, campaignId, commune.id, csvOf(rows))).status).toBe(200);
    const bd = await newEnumerator(deps, town.townId, 'bd-nam-dong');
    await t.post(`/api/campaigns/${campaignId}/assignments`, { staffId: bd.id, unitIds: [commune.id] }, sup);
    const eh = await t.login(bd.username, bd.password);
    const day = await getDay(t, eh, campaignId);
    // The enumerator's list has the names (that is its job) …
    expect(day.units[0]!.entries.map((e) => e.name)).toEqual(people.map((p) => p.name));
    // … and 10 forms, some very dissatisfied with a comment (they open cases and alerts).
    const ops = day.units[0]!.entries.slice(0, 10).map((e, i) => ({ ...responseOp(e.entryId, sipasAnswers(day.form, (i % 5) + 1), atInWindow(i)), ...(i % 5 === 0 ? { comment: 'Chờ lâu, cán bộ không hướng dẫn.' } : {}) }));
    expect((await sync(t, eh, campaignId, ops)).every((r) => r.status === 'stored')).toBe(true);

    const db = deps.db.kysely;
    const texts: [string, string][] = [
      ['responses', JSON.stringify(await db.selectFrom('responses').selectAll().execute())],
      ['tallies', JSON.stringify(await db.selectFrom('tallies').selectAll().execute())],
      ['alerts', JSON.stringify(await db.selectFrom('alerts').selectAll().execute())],
      ['outbox', JSON.stringify(await db.selectFrom('outbox').selectAll().execute())],
      ['cases', JSON.stringify(await db.selectFrom('cases').selectAll().execute())],
      ['campaign_responses', JSON.stringify(await db.selectFrom('campaign_responses').selectAll().execute())],
    ];
    expect(JSON.parse(texts[0]![1]).length).toBe(10);
    const board = await t.get(`/board/${commune.code}`);
    expect(board.status).toBe(200);
    texts.push(['board', await board.text()]);
    const q = `from=2026-11-01&to=2026-11-30&form=sipas`;
    for (const path of [`report?${q}&format=csv&audience=public`, `report?${q}&format=json&audience=public`, `report?${q}&format=csv&audience=internal`, `responses.csv?${q}`]) {
      const res = await t.get(`/api/units/${commune.id}/${path}`, sup);
      expect(res.status, path).toBe(200);
      texts.push([path, await res.text()]);
    }
    const xlsx = await t.get(`/api/units/${commune.id}/report?${q}&format=xlsx&audience=public`, sup);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c.text))));
    expect(cells.length).toBeGreaterThan(10);
    texts.push(['report.xlsx', cells.join('\n')]);
    // The reports do show the campaign's answers.
    expect(texts.find(([k]) => k.startsWith('responses.csv'))![1].split('\n').filter((l) => l.trim()).length).toBe(11);

    for (const [where, text] of texts) {
      for (const p of people) {
        expect(text.includes(p.name), `${p.name} in ${where}`).toBe(false);
        expect(text.includes(p.phone), `${p.phone} in ${where}`).toBe(false);
        expect(text.includes(p.address), `${p.address} in ${where}`).toBe(false);
      }
      expect(text.includes('Zêta'), where).toBe(false);
    }
  });
});

describe('who may see and manage a campaign', () => {
  const bed = useTestbed({ unit: false });

  it('keeps each province to its own units, a commune clerk to their commune, an enumerator to their lists', async () => {
    const { t, deps } = bed;
    await createUnit(deps, { code: 'tinh-a', name: 'Tỉnh A', kind: 'province' });
    await createUnit(deps, { code: 'tinh-b', name: 'Tỉnh B', kind: 'province' });
    const a = await seedTown(deps, 'town-a', 3, 'tinh-a');
    const b = await seedTown(deps, 'town-b', 2, 'tinh-b');
    const provinceA = (await deps.db.kysely.selectFrom('units').select('id').where('code', '=', 'tinh-a').executeTakeFirstOrThrow()).id;
    await createStaff(deps, provinceA, { username: 'snv-a', password: 'supervisor-password', role: 'supervisor' });
    const supA = await t.login('snv-a', 'supervisor-password');
    const supB = await t.login(b.supervisor.username, b.supervisor.password);
    const [a1, a2, a3] = a.communes;
    await createStaff(deps, a1!.id, { username: 'clerk-a1', password: 'clerk-password', role: 'clerk' });
    const clerk = await t.login('clerk-a1', 'clerk-password');

    // The province's supervisor makes a campaign over two of town A's communes.
    const made = await t.post(`/api/units/${provinceA}/campaigns`, campaignBody([a1!.id, a2!.id]), supA);
    expect(made.status).toBe(201);
    const id = ((await made.json()) as { id: string }).id;

    // Province B's supervisor: not at A's units, not with A's units, not A's campaign.
    await expectErrorShape(await t.post(`/api/units/${provinceA}/campaigns`, campaignBody([a1!.id]), supB), 403);
    const mixed = await expectErrorShape(await t.post(`/api/units/${b.townId}/campaigns`, campaignBody([b.communes[0]!.id, a3!.id]), supB), 400, 'invalid_input');
    expect(mixed.error.details).toEqual([{ path: 'unitIds.1', message: 'Đơn vị không thuộc phạm vi của đơn vị tạo đợt khảo sát.' }]);
    for (const path of [`/api/campaigns/${id}`, `/api/campaigns/${id}/progress`, `/api/campaigns/${id}/assignments`, `/api/campaigns/${id}/units/${a1!.id}/respondents`]) {
      await expectErrorShape(await t.get(path, supB), 403);
    }
    await expectErrorShape(await putList(t, supB, id, a1!.id, csvOf([{ list: 'official', order: 1, name: 'X' }])), 403);
    expect(((await (await t.get(`/api/units/${b.townId}/campaigns`, supB)).json()) as { campaigns: unknown[] }).campaigns).toEqual([]);
    const enumB = await newEnumerator(deps, b.townId, 'bd-b');
    await expectErrorShape(await t.post(`/api/campaigns/${id}/assignments`, { staffId: enumB.id, unitIds: [a1!.id] }, supB), 403);
    // Nor may A's supervisor hand A's lists to B's enumerator.
    expect((await expectErrorShape(await t.post(`/api/campaigns/${id}/assignments`, { staffId: enumB.id, unitIds: [a1!.id] }, supA), 400)).error.details).toEqual([{ path: 'staffId', message: expect.any(String) }]);

    // A commune's clerk: makes none, sees their commune's part only.
    await expectErrorShape(await t.post(`/api/units/${a1!.id}/campaigns`, campaignBody([a1!.id]), clerk), 403);
    await expectErrorShape(await putList(t, clerk, id, a1!.id, csvOf([{ list: 'official', order: 1, name: 'X' }])), 403);
    const seen = (await (await t.get(`/api/campaigns/${id}`, clerk)).json()) as { units: { unitId: string }[]; quotas: { unitId: string }[] };
    expect(seen.units.map((u) => u.unitId)).toEqual([a1!.id]);
    expect(new Set(seen.quotas.map((q) => q.unitId))).toEqual(new Set([a1!.id]));
    expect(((await (await t.get(`/api/campaigns/${id}/progress`, clerk)).json()) as { units: { unitId: string }[] }).units.map((u) => u.unitId)).toEqual([a1!.id]);
    expect(((await (await t.get(`/api/units/${a1!.id}/campaigns`, clerk)).json()) as { campaigns: { id: string; status: string }[] }).campaigns).toMatchObject([{ id, status: 'open' }]);
    // Town A's supervisor sees both communes; the province's too.
    expect(((await (await t.get(`/api/campaigns/${id}`, await t.login(a.supervisor.username, a.supervisor.password))).json()) as { units: unknown[] }).units).toHaveLength(2);

    // An enumerator: no unit screens at all, their assigned unit only.
    // Made like any staff account, by the admin API.
    const createdEnum = await t.post(`/api/admin/units/${a.townId}/staff`, { username: 'bd-a', password: 'enumerator-password', role: 'enumerator' }, t.admin);
    expect(createdEnum.status).toBe(201);
    const enumA = { id: ((await createdEnum.json()) as { id: string }).id, username: 'bd-a', password: 'enumerator-password' };
    expect((await t.post(`/api/campaigns/${id}/assignments`, { staffId: enumA.id, unitIds: [a2!.id] }, supA)).status).toBe(201);
    const eh = await t.login(enumA.username, enumA.password);
    for (const path of [`/api/units/${a.townId}/tallies`, `/api/units/${a2!.id}/tallies`, `/api/units/${a2!.id}/comments`, `/api/units/${a2!.id}/campaigns`]) {
      await expectErrorShape(await t.get(path, eh), 403);
    }
    expect(((await (await t.get('/api/units', eh)).json()) as { units: unknown[] }).units).toEqual([]);
    expect(((await (await t.get(`/api/campaigns/${id}`, eh)).json()) as { units: { unitId: string }[] }).units.map((u) => u.unitId)).toEqual([a2!.id]);
    await expectErrorShape(await t.get(`/api/campaigns/${id}/units/${a2!.id}/respondents`, eh), 403);
    await expectErrorShape(await t.post(`/api/campaigns/${id}/assignments`, { staffId: enumA.id, unitIds: [a1!.id] }, eh), 403);
    const assignments = (await (await t.get('/api/enumerator/assignments', eh)).json()) as { assignments: { campaign: { id: string; status: string }; units: { id: string }[] }[] };
    expect(assignments.assignments).toMatchObject([{ campaign: { id, status: 'open' }, units: [{ id: a2!.id }] }]);
    // The unit screens' own people are not enumerators.
    await expectErrorShape(await t.get('/api/enumerator/assignments', supA), 403);

    // A bad definition: nothing made.
    const before = (await deps.db.kysely.selectFrom('campaigns').select('id').execute()).length;
    const bad = await expectErrorShape(
      await t.post(`/api/units/${provinceA}/campaigns`, { ...campaignBody([a1!.id]), closesOn: '2026-11-01', formKey: 'sipas' }, supA),
      400,
    );
    expect(bad.error.details).toEqual([{ path: 'closesOn', message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.' }]);
    await expectErrorShape(await t.post(`/api/units/${provinceA}/campaigns`, { ...campaignBody([a1!.id]), formKey: 'khong_co' }, supA), 400);
    await expectErrorShape(await t.post(`/api/units/${provinceA}/campaigns`, { ...campaignBody([a1!.id]), quotas: [{ fieldKey: 'dat_dai', respondentKind: 'citizen', official: 1, reserve: 0 }] }, supA), 400);
    expect((await deps.db.kysely.selectFrom('campaigns').select('id').execute()).length).toBe(before);
    await expectErrorShape(await t.get(`/api/campaigns/${crypto.randomUUID()}`, supA), 404);
  });
});
