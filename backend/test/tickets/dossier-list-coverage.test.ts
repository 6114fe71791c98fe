import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectErrorShape } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { answers, clerkOf, issue, rate } from './ticket-helpers.ts';

interface CoverageBody {
  source: 'tickets' | 'counts';
  dossiers: number;
  responses: number;
  requiredShare: number;
  requiredResponses: number;
  missing: number;
  met: boolean;
  yearDossiers: number | null;
  fields: { fieldId: string; name: string; dossiers: number; responses: number }[];
  rate766: { basis: string; rated: number; satisfied: number; share: number | null; dossiers?: number; ratedShare?: number | null };
  countsBased?: { dossiers: number; responses: number };
}

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('dossier lists', () => {
  const bed = useTestbed();
  const put = async (body: string | Uint8Array, type = CSV) =>
    bed.t.app.request(`/api/units/${bed.unit.unitId}/dossiers`, { method: 'PUT', headers: { ...(await clerkOf(bed)), 'content-type': type }, body });
  const listed = () => bed.deps.db.kysely.selectFrom('listed_dossiers').selectAll().orderBy('dossier_code').execute();

  it('a bad line: 400 naming each bad line, nothing stored', async () => {
    const csv = [
      'Mã hồ sơ,Ngày nhận,Ngày trả,Lĩnh vực,Cán bộ',
      'HS-1,2026-11-02,2026-11-05,Tư pháp - hộ tịch,Nguyễn Văn An',
      'HS-2,02/11/2026,,Chứng thực,',
      'HS-3,2026-11-31,,,',
      'HS-4,2026-11-10,2026-11-09,,',
      'HS-1,2026-11-03,,,',
      'HS-6,2026-11-03,,Thuế,',
      ',2026-11-03,,,',
      'HS-8,2026-11-03,,,Không Có Ai',
    ].join('\n');
    const err = await expectErrorShape(await put(csv), 400, 'invalid_input');
    expect(err.error.message).toContain('không có hồ sơ nào được nhập');
    const details = err.error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(['dòng 4', 'dòng 5', 'dòng 6', 'dòng 7', 'dòng 8', 'dòng 9']);
    expect(details[0]!.message).toContain('Ngày nhận');
    expect(details[1]!.message).toContain('trước ngày nhận');
    expect(details[2]!.message).toContain('trùng với dòng 2');
    expect(details[3]!.message).toContain('Thuế');
    expect(details[5]!.message).toContain('Không Có Ai');
    expect(await listed()).toEqual([]);
    // Missing columns: line 1.
    const e2 = await expectErrorShape(await put('code,date\nHS-1,2026-11-02'), 400, 'invalid_input');
    expect((e2.error.details as { path: string }[])[0]!.path).toBe('dòng 1');
    expect((await put('x', 'application/json')).status).toBe(415);
  });

  it('CSV then XLSX: stored by code, a code listed again replaced', async () => {
    const csv = 'dossierCode,receivedOn,returnedOn,field,officer\nHS-1,2026-11-02,2026-11-05,Tư pháp – Hộ tịch,Nguyễn Văn An\nHS-2,02/11/2026,,,\n';
    const res = await put(csv);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ imported: 2, replaced: 0 });
    const rows = await listed();
    expect(rows.map((r) => [r.dossier_code, r.received_on, r.returned_on, r.day, r.officer_id])).toEqual([
      ['HS-1', '2026-11-02', '2026-11-05', '2026-11-05', bed.unit.officers[0]],
      ['HS-2', '2026-11-02', null, '2026-11-02', null],
    ]);
    expect(rows[0]!.field_id).toBe(bed.unit.fields[0]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['Mã hồ sơ', 'Ngày nhận', 'Ngày trả']);
    ws.addRow(['HS-2', new Date(Date.UTC(2026, 10, 3)), new Date(Date.UTC(2026, 10, 6))]);
    ws.addRow(['HS-3', '2026-11-04', '']);
    const x = await put(new Uint8Array(await wb.xlsx.writeBuffer()), XLSX);
    expect(x.status).toBe(200);
    expect(await x.json()).toEqual({ imported: 2, replaced: 1 });
    expect((await listed()).map((r) => [r.dossier_code, r.day])).toEqual([
      ['HS-1', '2026-11-05'],
      ['HS-2', '2026-11-06'],
      ['HS-3', '2026-11-04'],
    ]);
  });
});

describe('coverage where the unit issues tickets', () => {
  const bed = useTestbed();
  const coverage = async (period: string) => (await (await bed.t.get(`/api/units/${bed.unit.unitId}/coverage?period=${period}`, await clerkOf(bed))).json()) as CoverageBody;

  it('without tickets or a list: source "counts", as before', async () => {
    expect((await rate(bed, bed.unit.counterToken, crypto.randomUUID())).status).toBe(201);
    const c = await coverage('2026-11');
    expect(c.source).toBe('counts');
    expect(c.rate766.basis).toBe('responses');
    expect(c.responses).toBe(1);
  });

  it('dossiers issued and listed against dossiers rated; the 766 rate per dossier', async () => {
    const [f0, f1] = bed.unit.fields as [string, string];
    // Counter responses do not count as dossiers rated.
    expect((await rate(bed, bed.unit.counterToken, crypto.randomUUID())).status).toBe(201);
    // Four tickets in November: two rated (5 and 2), one of them of field 0.
    const a = await issue(bed, { dossierCode: 'HS-A', fieldId: f0 });
    const b = await issue(bed, { dossierCode: 'HS-B', fieldId: f1 });
    await issue(bed, { dossierCode: 'HS-C', fieldId: f0 });
    await issue(bed, { dossierCode: 'HS-D' });
    expect((await rate(bed, a.token, crypto.randomUUID(), { answers: answers(5) })).status).toBe(201);
    expect((await rate(bed, b.token, crypto.randomUUID(), { answers: answers(2) })).status).toBe(201);
    // A list: HS-A again (counted once, its list's day and field), HS-E and HS-F in November, HS-G in October.
    const csv = 'dossierCode,receivedOn,returnedOn,field\nHS-A,2026-11-01,2026-11-03,Chứng thực\nHS-E,2026-11-10,,\nHS-F,2026-11-11,,Chứng thực\nHS-G,2026-10-20,2026-10-30,\n';
    const res = await bed.t.app.request(`/api/units/${bed.unit.unitId}/dossiers`, { method: 'PUT', headers: { ...(await clerkOf(bed)), 'content-type': CSV }, body: csv });
    expect(res.status).toBe(200);

    const nov = await coverage('2026-11');
    expect(nov.source).toBe('tickets');
    // HS-A (listed), HS-B, HS-C, HS-D (ticketed), HS-E, HS-F (listed): 6 dossiers, 2 rated.
    expect(nov.dossiers).toBe(6);
    expect(nov.responses).toBe(2);
    expect(nov).toMatchObject({ requiredShare: 0.5, requiredResponses: 3, missing: 1, met: false });
    expect(nov.rate766).toMatchObject({ basis: 'dossiers', dossiers: 6, rated: 2, satisfied: 1, share: 0.5 });
    expect(nov.rate766.ratedShare).toBeCloseTo(2 / 6);
    expect(nov.countsBased).toMatchObject({ responses: 3 });
    // f0 is Tư pháp – Hộ tịch: HS-C (HS-A's list puts it in Chứng thực); f1 is Chứng thực: HS-A, HS-B, HS-F, two rated.
    const byField = new Map(nov.fields.map((f) => [f.fieldId, f]));
    expect(byField.get(f0)).toMatchObject({ name: 'Tư pháp – Hộ tịch', dossiers: 1, responses: 0 });
    expect(byField.get(f1)).toMatchObject({ name: 'Chứng thực', dossiers: 3, responses: 2 });
    const oct = await coverage('2026-10');
    expect(oct).toMatchObject({ source: 'tickets', dossiers: 1, responses: 0 });
    const year = await coverage('2026');
    expect(year).toMatchObject({ source: 'tickets', dossiers: 7, responses: 2, yearDossiers: 7 });
    expect((await coverage('2026-09')).source).toBe('counts');
  });

  it('an entered yearly count sets the R4.1 band', async () => {
    const h = await clerkOf(bed);
    expect((await bed.t.json('PUT', `/api/units/${bed.unit.unitId}/dossier-counts`, { period: '2026', count: 1500 }, h)).status).toBe(200);
    for (let i = 0; i < 20; i++) await issue(bed, { dossierCode: `HS-${i}` }, bed.unit.unitId, h);
    const c = await coverage('2026-11');
    expect(c).toMatchObject({ source: 'tickets', dossiers: 20, responses: 0, yearDossiers: 1500, requiredShare: 0.1, requiredResponses: 2 });
  });
});
