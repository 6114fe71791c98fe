import { describe, expect, it } from 'vitest';
import { useTestbed } from '../helpers/testbed.ts';
import { expectErrorShape, seedUnit, type SeededUnit } from '../helpers/fixtures.ts';
import { createStaff, createUnit } from '../../src/services/setup.service.ts';

/*
 * A supervisor sees every unit under them and nothing else; a commune's clerk sees their commune
 * (issue 29). Two provinces: A with a department, a commune, a ward, a special zone and a
 * district (for history) with a commune under it; B with two communes.
 */
const bed = useTestbed({ unit: false });

interface Tree {
  a: { provinceId: string; communes: SeededUnit[]; deep: SeededUnit; districtId: string; departmentId: string };
  b: { provinceId: string; communes: SeededUnit[] };
  supervisorA: Record<string, string>;
  supervisorB: Record<string, string>;
  districtSupervisor: Record<string, string>;
}

async function seedTree(): Promise<Tree> {
  const deps = bed.deps;
  const t = bed.t;
  const provinceA = await createUnit(deps, { code: 'tinh-a', name: 'UBND tỉnh A', kind: 'province' });
  const provinceB = await createUnit(deps, { code: 'tinh-b', name: 'UBND tỉnh B', kind: 'province' });
  const department = await createUnit(deps, { code: 'so-noi-vu-a', name: 'Sở Nội vụ tỉnh A', kind: 'department', parentCode: 'tinh-a' });
  const communes = [await seedUnit(deps, 'xa-a1', { parentCode: 'tinh-a' }), await seedUnit(deps, 'phuong-a2', { parentCode: 'tinh-a' }), await seedUnit(deps, 'dac-khu-a3', { parentCode: 'tinh-a' })];
  await deps.db.kysely.updateTable('units').set({ kind: 'special_zone' }).where('code', '=', 'dac-khu-a3').execute();
  const district = await createUnit(deps, { code: 'huyen-a4', name: 'UBND huyện A4', kind: 'district', parentCode: 'tinh-a' });
  const deep = await seedUnit(deps, 'xa-a4-1', { parentCode: 'huyen-a4' });
  const bCommunes = [await seedUnit(deps, 'xa-b1', { parentCode: 'tinh-b' }), await seedUnit(deps, 'xa-b2', { parentCode: 'tinh-b' })];
  await createStaff(deps, provinceA.id, { username: 'snv-a', password: 'supervisor-a-pass', role: 'supervisor' });
  await createStaff(deps, provinceB.id, { username: 'snv-b', password: 'supervisor-b-pass', role: 'supervisor' });
  await createStaff(deps, district.id, { username: 'pnv-a4', password: 'supervisor-a4-pass', role: 'supervisor' });
  return {
    a: { provinceId: provinceA.id, communes, deep, districtId: district.id, departmentId: department.id },
    b: { provinceId: provinceB.id, communes: bCommunes },
    supervisorA: await t.login('snv-a', 'supervisor-a-pass'),
    supervisorB: await t.login('snv-b', 'supervisor-b-pass'),
    districtSupervisor: await t.login('pnv-a4', 'supervisor-a4-pass'),
  };
}

async function visibleCodes(h: Record<string, string>): Promise<string[]> {
  const res = await bed.t.get('/api/units', h);
  expect(res.status).toBe(200);
  return ((await res.json()) as { units: { code: string }[] }).units.map((u) => u.code);
}

// Every staff route under /api/units/:unitId that reads (a sample of the writers below).
const READS = ['tallies', 'trends', 'comments', 'alerts', 'cases', 'coverage', 'dossier-counts', 'forms', 'calendar', 'publications', 'paper-batches', 'staff', 'self-ratings', 'report?format=json', 'responses.csv', 'paper-form.pdf', 'comparison', 'campaigns'];

describe('unit scope: a supervisor sees their subtree, a clerk their unit', () => {
  it('GET /api/units lists the whole subtree of a supervisor, none of another province', async () => {
    const tree = await seedTree();
    expect(await visibleCodes(tree.supervisorA)).toEqual(['dac-khu-a3', 'huyen-a4', 'phuong-a2', 'so-noi-vu-a', 'tinh-a', 'xa-a1', 'xa-a4-1']);
    expect(await visibleCodes(tree.supervisorB)).toEqual(['tinh-b', 'xa-b1', 'xa-b2']);
    // A district's supervisor: the district and its commune, not the province above nor its siblings.
    expect(await visibleCodes(tree.districtSupervisor)).toEqual(['huyen-a4', 'xa-a4-1']);
    // The kinds come through, the special zone included.
    const res = await bed.t.get('/api/units', tree.supervisorA);
    const kinds = Object.fromEntries(((await res.json()) as { units: { code: string; kind: string }[] }).units.map((u) => [u.code, u.kind]));
    expect(kinds).toMatchObject({ 'tinh-a': 'province', 'so-noi-vu-a': 'department', 'dac-khu-a3': 'special_zone', 'huyen-a4': 'district', 'xa-a1': 'commune' });
  });

  it("province A's supervisor gets 403 on every route of province B's units, and 200 down to A's deepest commune", async () => {
    const tree = await seedTree();
    for (const unitId of [tree.b.provinceId, ...tree.b.communes.map((c) => c.unitId)]) {
      for (const path of READS) await expectErrorShape(await bed.t.get(`/api/units/${unitId}/${path}`, tree.supervisorA), 403, 'forbidden');
    }
    const b1 = tree.b.communes[0]!;
    await expectErrorShape(await bed.t.post(`/api/units/${b1.unitId}/paper-batches`, { openedOn: '2026-11-25', expectedForms: 3 }, tree.supervisorA), 403, 'forbidden');
    await expectErrorShape(await bed.t.post(`/api/units/${b1.unitId}/publications`, { period: '2026-10' }, tree.supervisorA), 403, 'forbidden');
    await expectErrorShape(await bed.t.get(`/api/units/${b1.unitId}/officers/${b1.officers[0]}/summary`, tree.supervisorA), 403, 'forbidden');
    // And the other way round.
    await expectErrorShape(await bed.t.get(`/api/units/${tree.a.communes[0]!.unitId}/tallies`, tree.supervisorB), 403, 'forbidden');

    for (const unitId of [tree.a.provinceId, tree.a.departmentId, tree.a.districtId, tree.a.deep.unitId, ...tree.a.communes.map((c) => c.unitId)]) {
      expect((await bed.t.get(`/api/units/${unitId}/tallies`, tree.supervisorA)).status).toBe(200);
    }
    // The province's comparison: a row for every unit below it, none of B's.
    const cmp = await bed.t.get(`/api/units/${tree.a.provinceId}/comparison`, tree.supervisorA);
    expect(cmp.status).toBe(200);
    const codes = ((await cmp.json()) as { units: { code: string }[] }).units.map((u) => u.code).sort();
    expect(codes).toEqual(['dac-khu-a3', 'huyen-a4', 'phuong-a2', 'so-noi-vu-a', 'xa-a1', 'xa-a4-1']);
    // The district's supervisor may not climb to the province nor cross to a sibling commune.
    await expectErrorShape(await bed.t.get(`/api/units/${tree.a.provinceId}/tallies`, tree.districtSupervisor), 403, 'forbidden');
    await expectErrorShape(await bed.t.get(`/api/units/${tree.a.communes[0]!.unitId}/tallies`, tree.districtSupervisor), 403, 'forbidden');
    expect((await bed.t.get(`/api/units/${tree.a.deep.unitId}/tallies`, tree.districtSupervisor)).status).toBe(200);
  });

  it('a commune clerk sees their commune only and gets 403 on another commune and on the province', async () => {
    const tree = await seedTree();
    const [a1, a2] = tree.a.communes as [SeededUnit, SeededUnit];
    const clerk = await bed.t.login(a1.clerk.username, a1.clerk.password);
    expect(await visibleCodes(clerk)).toEqual(['xa-a1']);
    expect((await bed.t.get(`/api/units/${a1.unitId}/tallies`, clerk)).status).toBe(200);
    // Their own commune, but no comparison: that is a supervisor's.
    await expectErrorShape(await bed.t.get(`/api/units/${a1.unitId}/comparison`, clerk), 403, 'forbidden');
    for (const unitId of [a2.unitId, tree.a.deep.unitId, tree.a.provinceId, tree.b.communes[0]!.unitId]) {
      for (const path of READS) await expectErrorShape(await bed.t.get(`/api/units/${unitId}/${path}`, clerk), 403, 'forbidden');
    }
    // A chairman likewise.
    const chairman = await bed.t.login(a2.chairman.username, a2.chairman.password);
    expect(await visibleCodes(chairman)).toEqual(['phuong-a2']);
    await expectErrorShape(await bed.t.get(`/api/units/${a1.unitId}/comments`, chairman), 403, 'forbidden');
  });
});
