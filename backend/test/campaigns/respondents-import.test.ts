import { describe, expect, it } from 'vitest';
import { migrateToLatest, migratorFor } from '../../src/db/migrate.ts';
import { pointLinks } from '../../src/services/setup.service.ts';
import { expectErrorShape } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { csvOf, FIELDS, getDay, KINDS, newEnumerator, outcomeOp, putList, seedTown, sync, WINDOW, XLSX, xlsxOf, type ListRow } from './campaign-fixtures.ts';

const good = (): ListRow[] => [
  { list: 'official', order: 1, name: 'Nguyễn Văn An', phone: '0912345678', address: 'Thôn Đông', field: 'tu_phap' },
  { list: 'official', order: 2, name: 'Công ty TNHH Minh Phát', field: 'tu_phap', kind: 'business' },
  { list: 'official', order: 1, name: 'Trần Thị Bình', field: 'ldtbxh' },
  { list: 'dự phòng', order: 1, name: 'Lê Văn Cường', field: 'Tư pháp' },
];

describe('respondent lists: line-numbered errors, nothing applied; no replacing once used', () => {
  const bed = useTestbed({ unit: false });

  async function campaign() {
    const town = await seedTown(bed.deps, 'kim-son', 1);
    const sup = await bed.t.login(town.supervisor.username, town.supervisor.password);
    const unitId = town.communes[0]!.id;
    const res = await bed.t.post(
      `/api/units/${town.townId}/campaigns`,
      { name: 'Khảo sát 2021', formKey: 'counter', ...WINDOW, unitIds: [unitId], fields: FIELDS, respondentKinds: KINDS, quotas: [{ fieldKey: 'tu_phap', respondentKind: 'citizen', official: 2, reserve: 1 }] },
      sup,
    );
    expect(res.status).toBe(201);
    return { town, sup, unitId, campaignId: ((await res.json()) as { id: string }).id };
  }
  const listed = async (campaignId: string, unitId: string, h: Record<string, string>) =>
    ((await (await bed.t.get(`/api/campaigns/${campaignId}/units/${unitId}/respondents`, h)).json()) as { entries: { entryId: string; name: string; list: string; order: number }[] }).entries;

  it('names each bad line ("dòng N") and applies nothing, whether CSV or XLSX', async () => {
    const { t } = bed;
    const { sup, unitId, campaignId } = await campaign();
    const first = await putList(t, sup, campaignId, unitId, csvOf(good()));
    expect(await first.json()).toEqual({ official: 3, reserve: 1, warnings: ['Tư pháp, Người dân: danh sách chính thức có 1 người, ít hơn chỉ tiêu 2.'] });
    const before = await listed(campaignId, unitId, sup);
    expect(before.map((e) => e.name)).toEqual(['Nguyễn Văn An', 'Công ty TNHH Minh Phát', 'Trần Thị Bình', 'Lê Văn Cường']);

    const bad: ListRow[] = [
      ...good(),
      { list: 'official', order: 3, name: 'Phạm Văn Dũng', field: 'xay_dung' }, // line 6: unknown field
      { list: 'chính', order: 4, name: 'Hoàng Thị Em', field: 'tu_phap' }, // line 7: bad list
      { list: 'official', order: 5, name: '', field: 'tu_phap' }, // line 8: no name
      { list: 'official', order: 1, name: 'Vũ Văn Phong', field: 'tu_phap' }, // line 9: order 1 again
    ];
    for (const [body, type] of [
      [csvOf(bad), 'text/csv'],
      [await xlsxOf(bad), XLSX],
    ] as const) {
      const err = await expectErrorShape(await putList(t, sup, campaignId, unitId, body, type), 400, 'invalid_input');
      expect(err.error.message).toBe('Tệp có 4 lỗi; danh sách chưa thay đổi.');
      expect(err.error.details!.map((d) => (d as { path: string }).path)).toEqual(['dòng 6', 'dòng 7', 'dòng 8', 'dòng 9']);
      expect((err.error.details![3] as { message: string }).message).toMatch(/Trùng số thứ tự 1 .* với dòng 2/);
      expect(await listed(campaignId, unitId, sup)).toEqual(before);
    }

    // A file that is not UTF-8, a missing column, a wrong type: refused as a whole.
    const latin1 = new Uint8Array([...new TextEncoder().encode('list,order,name,field\nofficial,1,'), 0xe0, 0x0a]);
    expect((await expectErrorShape(await putList(t, sup, campaignId, unitId, latin1), 400)).error.details).toEqual([{ path: 'dòng 2', message: expect.stringMatching(/UTF-8/) }]);
    expect((await expectErrorShape(await putList(t, sup, campaignId, unitId, 'name,order\nAn,1\n'), 400)).error.details).toEqual([{ path: 'dòng 1', message: 'Thiếu cột: list, field.' }]);
    await expectErrorShape(await putList(t, sup, campaignId, unitId, csvOf(good()), 'application/json'), 415);
    expect(await listed(campaignId, unitId, sup)).toEqual(before);

    // Replacing keeps the ids of people who stay on the list.
    const next = good().slice(0, 3);
    next.push({ list: 'reserve', order: 1, name: 'Đỗ Thị Giang', field: 'tu_phap' });
    expect((await putList(t, sup, campaignId, unitId, csvOf(next))).status).toBe(200);
    const after = await listed(campaignId, unitId, sup);
    expect(after.slice(0, 3).map((e) => e.entryId)).toEqual(before.slice(0, 3).map((e) => e.entryId));
    expect(after[3]!.entryId).not.toBe(before[3]!.entryId);
  });

  it('refuses to replace a list once an entry has an outcome (409), and leaves it as it was', async () => {
    const { t, deps } = bed;
    const { town, sup, unitId, campaignId } = await campaign();
    expect((await putList(t, sup, campaignId, unitId, csvOf(good()))).status).toBe(200);
    const bd = await newEnumerator(deps, town.townId, 'bd-kim-son');
    expect((await t.post(`/api/campaigns/${campaignId}/assignments`, { staffId: bd.id, unitIds: [unitId] }, sup)).status).toBe(201);
    const eh = await t.login(bd.username, bd.password);
    const day = await getDay(t, eh, campaignId);
    expect((await sync(t, eh, campaignId, [outcomeOp(day.units[0]!.entries[0]!.entryId, 'unreachable')]))[0]!.status).toBe('stored');
    const before = await listed(campaignId, unitId, sup);
    const res = await expectErrorShape(await putList(t, sup, campaignId, unitId, csvOf(good().slice(1))), 409, 'conflict');
    expect(res.error.message).toMatch(/không thể thay danh sách/);
    expect(await listed(campaignId, unitId, sup)).toEqual(before);
  });

  it("adds a field a unit lacks, inactive (its tallies count it, its citizens' form does not change); its point opens no form", async () => {
    const { t, deps } = bed;
    const town = await seedTown(deps, 'ky-anh', 1);
    const unitId = town.communes[0]!.id;
    const sup = await t.login(town.supervisor.username, town.supervisor.password);
    const fieldsBefore = await deps.db.kysely.selectFrom('fields').select(['id', 'name', 'active']).where('unit_id', '=', unitId).execute();
    const res = await t.post(
      `/api/units/${town.townId}/campaigns`,
      { name: 'Giáo dục', formKey: 'sipas', ...WINDOW, unitIds: [unitId], fields: [{ key: 'giao_duc', name: 'Giáo dục' }, { key: 'chung_thuc', name: 'Chứng thực' }], quotas: [] },
      sup,
    );
    expect(res.status).toBe(201);
    const fieldsAfter = await deps.db.kysely.selectFrom('fields').select(['id', 'name', 'active']).where('unit_id', '=', unitId).execute();
    expect(fieldsAfter.filter((f) => !fieldsBefore.some((b) => b.id === f.id))).toMatchObject([{ name: 'Giáo dục', active: 0 }]);
    const unit = await deps.db.kysely.selectFrom('campaign_units').selectAll().where('unit_id', '=', unitId).executeTakeFirstOrThrow();
    const ids = JSON.parse(unit.field_ids) as Record<string, string>;
    expect(fieldsAfter.find((f) => f.id === ids['chung_thuc'])!.name).toBe('Chứng thực');
    expect(fieldsAfter.find((f) => f.id === ids['giao_duc'])!.name).toBe('Giáo dục');
    const point = await deps.db.kysely.selectFrom('points').selectAll().where('id', '=', unit.point_id).executeTakeFirstOrThrow();
    expect(point).toMatchObject({ active: 0, form_key: 'sipas', unit_id: unitId });
    expect((await t.get(`/api/public/points/${encodeURIComponent(pointLinks(deps.config, point.token_key).token)}`)).status).toBe(404);
  });

  it('migration 014 goes down and up again', async () => {
    const { deps } = bed;
    await campaign();
    // Down to the migration before 014 (and whatever came after 014 with it), then up again.
    const migrator = migratorFor(deps.db);
    const names = (await migrator.getMigrations()).map((m) => m.name);
    const down = await migrator.migrateTo(names[names.indexOf('014_campaigns') - 1]!);
    expect(down.error).toBeUndefined();
    expect(down.results?.find((r) => r.migrationName === '014_campaigns')).toMatchObject({ direction: 'Down', status: 'Success' });
    await migrateToLatest(deps.db);
    expect(await deps.db.kysely.selectFrom('campaign_responses').selectAll().execute()).toEqual([]);
  });
});
