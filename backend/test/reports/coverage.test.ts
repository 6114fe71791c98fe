import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { newResponseRecord } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';

const bed = useTestbed();

/**
 * R4.1 read independently of domain/coverage.ts: the percentage for the unit's year, in whole
 * percent so that 30 % of 60 is 18 and not 18.000000000000004 → 19.
 */
function expected(yearDossiers: number, dossiers: number, responses: number) {
  const percent = yearDossiers < 100 ? 50 : yearDossiers < 500 ? 30 : yearDossiers < 1000 ? 20 : 10;
  const required = Math.ceil((dossiers * percent) / 100);
  return { requiredShare: percent / 100, requiredResponses: required, met: responses >= required, missing: Math.max(0, required - responses) };
}

interface CoverageBody {
  dossiers: number;
  responses: number;
  requiredShare: number;
  requiredResponses: number;
  met: boolean;
  missing: number;
  yearDossiers: number | null;
  fields: { fieldId: string; dossiers: number; responses: number; requiredShare: number; requiredResponses: number; met: boolean; missing: number }[];
}

async function respond(fieldId: string, n: number, offset: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.parse('2026-03-02T02:00:00Z') + (offset + i) * 60_000);
    await bed.deps.writer.submit(newResponseRecord(bed.unit, offset + i, { fieldId, receivedAt: at.toISOString(), day: '2026-03-02' }));
  }
}

async function put(body: unknown, headers: Record<string, string>) {
  return bed.t.json('PUT', `/api/units/${bed.unit.unitId}/dossier-counts`, body, headers);
}

describe('coverage at the R4.1 boundaries, per field and for the unit', () => {
  // The unit's year just under and at each band's edge; two fields share its dossiers; field 0
  // has exactly its required responses, field 1 one fewer.
  for (const year of [99, 100, 499, 500, 999, 1000]) {
    it(`${year} dossiers in the year`, async () => {
      const h = await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
      const [f0, f1] = bed.unit.fields as [string, string];
      const d0 = Math.floor(year * 0.6);
      const d1 = year - d0;
      expect((await put({ period: '2026', count: year }, h)).status).toBe(200);
      expect((await put({ period: '2026', fieldId: f0, count: d0 }, h)).status).toBe(200);
      expect((await put({ period: '2026', fieldId: f1, count: d1 }, h)).status).toBe(200);
      const r0 = expected(year, d0, 0).requiredResponses;
      const r1 = expected(year, d1, 0).requiredResponses - 1;
      await respond(f0, r0, 0);
      await respond(f1, r1, r0);

      const res = await bed.t.get(`/api/units/${bed.unit.unitId}/coverage?period=2026`, h);
      expect(res.status).toBe(200);
      const c = (await res.json()) as CoverageBody;
      expect(c).toMatchObject({ dossiers: year, responses: r0 + r1, yearDossiers: year, ...expected(year, year, r0 + r1) });
      const byField = new Map(c.fields.map((f) => [f.fieldId, f]));
      expect(byField.get(f0)).toMatchObject({ dossiers: d0, responses: r0, ...expected(year, d0, r0), met: true, missing: 0 });
      expect(byField.get(f1)).toMatchObject({ dossiers: d1, responses: r1, ...expected(year, d1, r1), met: false, missing: 1 });
    });
  }

  it('a month takes the band of its year', async () => {
    const h = await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
    await put({ period: '2026', count: 1200 }, h);
    await put({ period: '2026-03', count: 80 }, h);
    await respond(bed.unit.fields[0]!, 5, 0);
    const c = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/coverage?period=2026-03`, h)).json()) as CoverageBody;
    expect(c).toMatchObject({ dossiers: 80, responses: 5, requiredShare: 0.1, requiredResponses: 8, missing: 3, met: false });
  });
});

describe('dossier counts on the staff screen', () => {
  it('refuses bad counts with a clear error and stores nothing', async () => {
    const h = await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
    for (const body of [{ period: '2026-13', count: 1 }, { period: '2026', count: -1 }, { period: '2026', count: 1.5 }, { period: '2026-H1', count: 1 }, { period: '2026', fieldId: 'khong-co', count: 1 }, { period: '2026' }]) {
      const res = await put(body, h);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/dossier-counts?year=2026`, h)).json()) as { counts: unknown[] };
    expect(list.counts).toEqual([]);
  });

  it('imports a CSV, and a file with a bad row is refused whole with its line numbers', async () => {
    const h = await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
    const url = `/api/units/${bed.unit.unitId}/dossier-counts/import`;
    const send = (body: string | Uint8Array, type: string) => bed.t.app.request(url, { method: 'POST', headers: { ...h, 'content-type': type }, body });

    const bad = ['field,period,count', 'Tư pháp – Hộ tịch,2026-03,120', 'Thuế,2026-03,10', 'Chứng thực,2026-14,5', 'Chứng thực,2026-03,mười'].join('\n');
    const refused = await send(bad, 'text/csv');
    expect(refused.status).toBe(400);
    const err = (await refused.json()) as { error: { message: string; details: { path: string; message: string }[] } };
    expect(err.error.message).toContain('không có số liệu nào được nhập');
    expect(err.error.details.map((d) => d.path)).toEqual(['dòng 3', 'dòng 4', 'dòng 5']);
    expect(err.error.details[0]!.message).toContain('không có lĩnh vực "Thuế"');
    expect((await (await bed.t.get(`/api/units/${bed.unit.unitId}/dossier-counts?year=2026`, h)).json()) as { counts: unknown[] }).toMatchObject({ counts: [] });

    const ok = await send(['field,period,count', 'Tư pháp – Hộ tịch,2026-03,120', ',2026-03,300'].join('\r\n'), 'text/csv');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ rows: 2, inserted: 2, updated: 0, unchanged: 0 });

    // Another unit's code in the file is a problem, not an import into that unit.
    const foreign = await send(['unitCode,field,period,count', 'xa-b,,2026-03,1'].join('\n'), 'text/csv');
    expect(foreign.status).toBe(400);

    expect((await send('x', 'application/json')).status).toBe(415);
    expect((await send(new Uint8Array([0x66, 0xff, 0x0a]), 'text/csv')).status).toBe(400);
  });

  it('imports an XLSX workbook', async () => {
    const h = await bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số hồ sơ');
    ws.addRow(['Lĩnh vực', 'Kỳ', 'Số hồ sơ']);
    ws.addRow(['Chứng thực', '2026-Q1', 45]);
    const body = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await bed.t.app.request(`/api/units/${bed.unit.unitId}/dossier-counts/import`, {
      method: 'POST',
      headers: { ...h, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body,
    });
    expect(res.status).toBe(200);
    const c = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/coverage?period=2026-Q1`, h)).json()) as CoverageBody;
    expect(c.fields.find((f) => f.fieldId === bed.unit.fields[1])).toMatchObject({ dossiers: 45 });
  });
});
