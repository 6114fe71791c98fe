import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../test/helpers/test-deps.ts';
import { expectErrorShape, testApp } from '../../../test/helpers/fixtures.ts';

let deps: TestDeps;
let t: ReturnType<typeof testApp>;
beforeEach(async () => {
  deps = await createTestDeps();
  t = testApp(deps);
});
afterEach(() => deps.close());

describe('admin routes', () => {
  it('creates a unit (201), refuses its code twice (409)', async () => {
    const res = await t.post('/api/admin/units', { code: 'nam-dong', name: 'UBND xã Nam Dong' }, t.admin);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: expect.any(String), code: 'nam-dong', name: 'UBND xã Nam Dong', kind: 'commune', parentId: null });
    await expectErrorShape(await t.post('/api/admin/units', { code: 'nam-dong', name: 'Khác' }, t.admin), 409, 'conflict');
  });

  it('creates a unit under a parent, and rejects an unknown parent', async () => {
    const parent = (await (await t.post('/api/admin/units', { code: 'huyen-x', name: 'UBND huyện X', kind: 'district' }, t.admin)).json()) as { id: string };
    const child = (await (await t.post('/api/admin/units', { code: 'xa-y', name: 'UBND xã Y', parentCode: 'huyen-x' }, t.admin)).json()) as { parentId: string };
    expect(child.parentId).toBe(parent.id);
    await expectErrorShape(await t.post('/api/admin/units', { code: 'xa-z', name: 'Z', parentCode: 'nope' }, t.admin), 400);
  });

  it('creates officers, points and staff with the contract shapes', async () => {
    const unit = (await (await t.post('/api/admin/units', { code: 'xa-a', name: 'UBND xã A' }, t.admin)).json()) as { id: string };
    const o = await t.post(`/api/admin/units/${unit.id}/officers`, { name: 'Phạm Thị Hoa', title: 'Công chức Tư pháp – Hộ tịch' }, t.admin);
    expect(o.status).toBe(201);
    const officer = (await o.json()) as { id: string };
    expect(officer).toEqual({ id: expect.any(String), unitId: unit.id, name: 'Phạm Thị Hoa', title: 'Công chức Tư pháp – Hộ tịch', active: true });
    const noTitle = (await (await t.post(`/api/admin/units/${unit.id}/officers`, { name: 'Hà Văn Tâm' }, t.admin)).json()) as { title: unknown };
    expect(noTitle.title).toBeNull();

    const p = await t.post(`/api/admin/units/${unit.id}/points`, { label: 'Bàn 1', officerId: officer.id }, t.admin);
    expect(p.status).toBe(201);
    const point = (await p.json()) as { id: string; token: string; deepLink: string; webLink: string };
    expect(point.deepLink).toBe(`https://zalo.me/s/demo/?q=${point.token}`);
    expect(point.webLink).toBe(`http://127.0.0.1:8787/app/?q=${point.token}`);
    await expectErrorShape(await t.post(`/api/admin/units/${unit.id}/points`, { label: 'X', officerId: 'nope' }, t.admin), 400);

    const s = await t.post(`/api/admin/units/${unit.id}/staff`, { username: 'vanphong', password: 'secret-password', role: 'clerk' }, t.admin);
    expect(s.status).toBe(201);
    expect(await s.json()).toMatchObject({ id: expect.any(String), unitId: unit.id, username: 'vanphong', role: 'clerk' });
    await expectErrorShape(await t.post(`/api/admin/units/${unit.id}/staff`, { username: 'vanphong', password: 'secret-password', role: 'clerk' }, t.admin), 409);
    await expectErrorShape(await t.post(`/api/admin/units/${unit.id}/staff`, { username: 'x1', password: 'short', role: 'king' }, t.admin), 400);
  });

  it('is 404 for an unknown unit', async () => {
    await expectErrorShape(await t.post('/api/admin/units/nope/officers', { name: 'A' }, t.admin), 404);
  });

  it('rotates a point token: the old one is 404, the new one works', async () => {
    const unit = (await (await t.post('/api/admin/units', { code: 'xa-a', name: 'UBND xã A' }, t.admin)).json()) as { id: string };
    const point = (await (await t.post(`/api/admin/units/${unit.id}/points`, { label: 'Quầy' }, t.admin)).json()) as { id: string; token: string };
    const rotated = (await (await t.post(`/api/admin/points/${point.id}/rotate`, {}, t.admin)).json()) as { token: string };
    expect(rotated.token).not.toBe(point.token);
    expect((await t.get(`/api/public/points/${point.token}`)).status).toBe(404);
    expect((await t.get(`/api/public/points/${rotated.token}`)).status).toBe(200);
  });

  it('needs the admin token: 401 without or wrong, 403 when ADMIN_TOKEN is unset', async () => {
    await expectErrorShape(await t.post('/api/admin/units', { code: 'a1', name: 'A' }), 401, 'unauthorized');
    await expectErrorShape(await t.post('/api/admin/units', { code: 'a1', name: 'A' }, { authorization: 'Bearer wrong-token-wrong-token' }), 401);
    const off = await createTestDeps({ ADMIN_TOKEN: '' });
    try {
      const res = await testApp(off).post('/api/admin/units', { code: 'a1', name: 'A' }, { authorization: 'Bearer anything-at-all-here' });
      await expectErrorShape(res, 403, 'admin_disabled');
    } finally {
      await off.close();
    }
  });
});
