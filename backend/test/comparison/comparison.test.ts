import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SIPAS_FORM_V1 } from '../../src/domain/built-in-forms.ts';
import type { ComparisonReport } from '../../src/services/comparison/comparison.service.ts';
import { expectErrorShape } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { OFFICER_NAMES, OUTLIER, SECRET_COMMENT, seedTown, TWINS, type Town, type TownResponse } from './town-fixture.ts';

const bed = useTestbed({ unit: false, fresh: 'file' });
let town: Town | undefined;
const seeded = async () => (town ??= await seedTown(bed.deps));
const YEAR = 'from=2025-01-01&to=2025-12-31';

/**
 * The SIPAS index worked out plainly, without domain/sipas.ts: an item's index is its satisfied
 * answers (4 or 5) over its answers; a factor's, the mean of its items' (those answered); an
 * aspect's, the mean of its factors'; the index, the mean of the two aspects'.
 */
function independentIndex(responses: TownResponse[]): number {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const aspects = SIPAS_FORM_V1.groups.filter((g) => !g.parent);
  const aspectIndices: number[] = [];
  for (const aspect of aspects) {
    const factorIndices: number[] = [];
    for (const factor of SIPAS_FORM_V1.groups.filter((g) => g.parent === aspect.key)) {
      const itemIndices: number[] = [];
      for (const item of SIPAS_FORM_V1.questions.filter((q) => q.group === factor.key)) {
        const given = responses.map((r) => r.answers[item.key]).filter((l): l is number => l !== undefined);
        if (given.length > 0) itemIndices.push(given.filter((l) => l >= 4).length / given.length);
      }
      if (itemIndices.length > 0) factorIndices.push(mean(itemIndices));
    }
    if (factorIndices.length > 0) aspectIndices.push(mean(factorIndices));
  }
  return mean(aspectIndices);
}

async function comparison(path: string, who: { username: string; password: string } | 'admin'): Promise<ComparisonReport> {
  const headers = who === 'admin' ? bed.t.admin : await bed.t.login(who.username, who.password);
  const res = await bed.t.get(path, headers);
  expect(res.status).toBe(200);
  return (await res.json()) as ComparisonReport;
}

describe("seed 000's town: 23 communes × 20 SIPAS forms", () => {
  it('gives each commune its SIPAS index and shares, as worked out independently', async () => {
    const t = await seeded();
    const r = await comparison(`/api/units/${t.town}/comparison?${YEAR}&form=sipas`, t.staff.supTown);
    expect(r.form).toMatchObject({ key: 'sipas', hasIndex: true });
    expect(r.units.map((u) => u.code)).toEqual(t.communes.map((c) => c.code)); // the town has no responses of its own: not a row
    expect(r.overall.responses).toBe(460);
    r.units.forEach((u, i) => {
      const given = t.answers[i]!;
      const overall = given.map((g) => g.answers['overall']!);
      expect(u).toMatchObject({ depth: 1, parentId: t.town, parentName: 'Thị xã Kinh Môn', kind: 'commune', responses: 20 });
      expect(u.levels).toEqual({ '1': overall.filter((l) => l === 1).length, '2': overall.filter((l) => l === 2).length, '3': overall.filter((l) => l === 3).length, '4': overall.filter((l) => l === 4).length, '5': overall.filter((l) => l === 5).length });
      expect(u.satisfiedShare).toBeCloseTo(overall.filter((l) => l >= 4).length / 20, 12);
      expect(u.dissatisfiedShare).toBeCloseTo(overall.filter((l) => l <= 2).length / 20, 12);
      expect(u.sipasIndex).toBeCloseTo(independentIndex(given), 12);
    });
  });

  it('ranks the communes by the index, ties sharing a rank (1, 2, 2, 4)', async () => {
    const t = await seeded();
    const r = await comparison(`/api/units/${t.town}/comparison?${YEAR}&form=sipas`, 'admin');
    const indices = t.answers.map(independentIndex);
    const rounded = indices.map((x) => Math.round(x * 1e9));
    const expected = rounded.map((x) => 1 + rounded.filter((y) => y > x).length);
    expect(r.units.map((u) => u.rank)).toEqual(expected);
    expect(r.units.map((u) => u.rankTied)).toEqual(rounded.map((x) => rounded.filter((y) => y === x).length > 1));
    expect(r.units[TWINS[0] - 1]!.rank).toBe(r.units[TWINS[1] - 1]!.rank);
    expect(r.units[TWINS[0] - 1]!.rankTied).toBe(true);
    expect(r.ranking).toMatchObject({ by: 'sipasIndex', minResponses: 10 });
    expect(r.ranking.note).toContain('cùng hạng');
    expect(r.units.every((u) => u.smallSample === false)).toBe(true);
  });

  it('words the commune built to be an outlier by the funnel', async () => {
    const t = await seeded();
    const r = await comparison(`/api/units/${t.town}/comparison?${YEAR}&form=sipas`, 'admin');
    const all = t.answers.flat().map((g) => g.answers['overall']!);
    const p0 = all.filter((l) => l <= 2).length / all.length;
    expect(r.overall.dissatisfiedShare).toBeCloseTo(p0, 12);
    const out = r.units[OUTLIER - 1]!;
    // 20 of 20 dissatisfied against p0 at n = 20: far beyond p0 + 3.09·√(p0(1−p0)/20).
    expect(out.dissatisfiedShare).toBe(1);
    expect(out.funnel!.upper998).toBeCloseTo(p0 + 3.090232 * Math.sqrt((p0 * (1 - p0)) / 20), 9);
    expect(out.outlier).toBe('higher');
    expect(out.outlierText).toBe('Tỷ lệ không hài lòng cao hơn mức chung, vượt ngoài dao động ngẫu nhiên (99,8 %)');
    expect(out.flaggedOfficers).toBe(2);
    for (const u of r.units) {
      const s = u.dissatisfiedShare!;
      const expected = s > u.funnel!.upper95 ? 'higher' : s < u.funnel!.lower95 ? 'lower' : 'within';
      expect(u.outlier).toBe(expected);
    }
    expect(r.funnelCurve!.length).toBeGreaterThan(5);
  });

  it('the province sees the town and its communes, with the town a row of its own', async () => {
    const t = await seeded();
    const r = await comparison(`/api/units/${t.provinceA}/comparison?${YEAR}&form=sipas`, t.staff.supA);
    expect(r.units.map((u) => u.code)).toEqual(['tx-km', ...t.communes.map((c) => c.code)]);
    expect(r.units[0]).toMatchObject({ depth: 1, responses: 0, satisfiedShare: null, dissatisfiedShare: null, children: 23, outlier: 'too_few', rank: null });
    expect(r.units[0]!.subtree!.responses).toBe(460);
    expect(r.units[1]!.depth).toBe(2);
  });
});

describe('who may compare', () => {
  it('a supervisor of province A gets 403 on province B, and sees none of B in A', async () => {
    const t = await seeded();
    const headers = await bed.t.login(t.staff.supA.username, t.staff.supA.password);
    await expectErrorShape(await bed.t.get(`/api/units/${t.provinceB}/comparison?${YEAR}`, headers), 403, 'forbidden');
    await expectErrorShape(await bed.t.get(`/api/units/${t.bCommunes[0]!.id}/comparison?${YEAR}`, headers), 403, 'forbidden');
    const r = await comparison(`/api/units/${t.provinceA}/comparison?${YEAR}&form=sipas`, t.staff.supA);
    const ids = new Set(r.units.map((u) => u.unitId));
    for (const b of [t.provinceB, ...t.bCommunes.map((c) => c.id)]) expect(ids.has(b)).toBe(false);
    expect(r.overall.responses).toBe(460); // B's 24 responses are not in A's figures
    const rb = await comparison(`/api/units/${t.provinceB}/comparison?${YEAR}&form=sipas`, t.staff.supB);
    expect(rb.units.map((u) => u.code)).toEqual(['b-01', 'b-02']);
  });

  it("a unit's own clerk or chairman, and a commune clerk, get 403; a commune clerk sees no other commune", async () => {
    const t = await seeded();
    for (const who of [t.staff.clerk1, t.staff.chair1]) {
      const headers = await bed.t.login(who.username, who.password);
      await expectErrorShape(await bed.t.get(`/api/units/${t.communes[0]!.id}/comparison?${YEAR}`, headers), 403, 'forbidden');
      await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?${YEAR}`, headers), 403, 'forbidden');
      await expectErrorShape(await bed.t.get(`/api/units/${t.communes[1]!.id}/tallies?${YEAR}&form=sipas`, headers), 403, 'forbidden');
      expect((await bed.t.get(`/api/units/${t.communes[0]!.id}/tallies?${YEAR}&form=sipas`, headers)).status).toBe(200);
    }
    const townClerk = await bed.t.login(t.staff.townClerk.username, t.staff.townClerk.password);
    await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?${YEAR}`, townClerk), 403, 'forbidden');
    await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?${YEAR}`), 401);
  });

  it('refuses bad input with a Vietnamese message', async () => {
    const t = await seeded();
    await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?from=2025-12-31&to=2025-01-01`, bed.t.admin), 400, 'invalid_input');
    await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?from=2025-13-01`, bed.t.admin), 400, 'invalid_input');
    await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?format=doc`, bed.t.admin), 400, 'invalid_input');
    await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?form=khong_co`, bed.t.admin), 404, 'not_found');
    await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?campaignId=khong-co`, bed.t.admin), 404, 'not_found');
  });
});

describe('the province report', () => {
  it('XLSX: one row per unit, with the title, the notes sheet, and no officer names or comments', async () => {
    const t = await seeded();
    const res = await bed.t.get(`/api/units/${t.town}/comparison?${YEAR}&form=sipas&format=xlsx`, await bed.t.login(t.staff.supTown.username, t.staff.supTown.password));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="so-sanh-don-vi_tx-km_sipas_2025.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('So sánh')!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('Thị xã Kinh Môn');
    expect(String(ws.getRow(2).getCell(1).value)).toContain('Năm 2025');
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    expect(header).toContain('Chỉ số SIPAS');
    const codeCol = header.indexOf('Mã đơn vị') + 1;
    const codes: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 3) codes.push(String(row.getCell(codeCol).value));
    });
    expect(codes).toEqual(t.communes.map((c) => c.code));
    const outlierRow = ws.getRow(3 + OUTLIER);
    expect((outlierRow.values as unknown[]).map(String)).toContain('Tỷ lệ không hài lòng cao hơn mức chung, vượt ngoài dao động ngẫu nhiên (99,8 %)');
    expect(outlierRow.getCell(header.indexOf('Tỷ lệ không hài lòng') + 1).value).toBe(1);
    expect(wb.getWorksheet('Ghi chú')).toBeDefined();
    const everything: string[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => everything.push((row.values as unknown[]).map(String).join(' | '))));
    const text = everything.join('\n');
    expect(text).toContain('Biểu đồ phễu');
    for (const name of OFFICER_NAMES) expect(text).not.toContain(name);
    expect(text).not.toContain(SECRET_COMMENT);
  });

  it('PDF: one row per unit, and no officer names or comments', async () => {
    const t = await seeded();
    const res = await bed.t.get(`/api/units/${t.town}/comparison?${YEAR}&form=sipas&format=pdf`, bed.t.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="so-sanh-don-vi_tx-km_sipas_2025.pdf"');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await res.arrayBuffer()) }).toString('utf8');
    expect(text).toContain('THỊ XÃ KINH MÔN');
    for (const c of t.communes) expect(text.split(c.code).length - 1).toBe(1);
    expect(text).toContain('CÁCH ĐỌC BẢNG');
    for (const name of OFFICER_NAMES) expect(text).not.toContain(name);
    expect(text).not.toContain(SECRET_COMMENT);
  });
});
