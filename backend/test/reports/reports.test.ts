import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { newResponseRecord, seedUnit } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { runReminders } from '../../src/jobs/reminders.ts';
import type { ReportData } from '../../src/services/report/report-data.ts';

const bed = useTestbed();
const dir = mkdtempSync(join(tmpdir(), 'hl-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** November 2026: 20 responses, overall levels 5×8, 4×5, 3×3, 2×2, 1×2 (65 % satisfied, 20 % not). */
const LEVELS = [...Array(8).fill(5), ...Array(5).fill(4), ...Array(3).fill(3), 2, 2, 1, 1] as number[];
const INJECTION = '=HYPERLINK("http://x")';
const HTML_COMMENT = '<b>Đóng dấu</b> & <script>alert(1)</script>';
const OFFICERS = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'];

async function seedNovember(): Promise<void> {
  const { deps, unit } = bed;
  for (let i = 0; i < LEVELS.length; i++) {
    const level = LEVELS[i]!;
    const at = new Date(Date.parse('2026-11-02T02:00:00Z') + i * 86_400_000);
    await deps.writer.submit(
      newResponseRecord(unit, i, {
        receivedAt: at.toISOString(),
        day: at.toISOString().slice(0, 10),
        fieldId: unit.fields[i % 2]!,
        answers: { overall: level, access: 5, attitude: 4, responsibility: level, guidance: 3 },
        comment: i === 3 ? INJECTION : i === 4 ? HTML_COMMENT : null,
        issues: i === 18 ? ['extra_cost'] : [],
      }),
    );
  }
}

async function clerk() {
  return bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
}

async function report(format: string, audience: 'internal' | 'public' = 'internal', range = 'from=2026-11-01&to=2026-11-30') {
  const res = await bed.t.get(`/api/units/${bed.unit.unitId}/report?${range}&format=${format}&audience=${audience}`, await clerk());
  return res;
}

const pdfText = (bytes: Buffer, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

beforeEach(async () => {
  bed.deps.setNow('2026-12-05T03:00:00.000Z');
  await seedNovember();
});

describe('report files', () => {
  it('the PDF has the administrative layout, the unit, the period and the right numbers', async () => {
    const res = await report('pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-hai-long_xa-a_2026-11_noi-bo.pdf"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes, 'internal.pdf');
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'XÃ XA-A',
      'BÁO CÁO',
      'Tháng 11/2026',
      'từ ngày 01/11/2026 đến ngày 30/11/2026',
      'Tổng số phiếu: 20 phiếu',
      'Nơi nhận:',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Phải trả chi phí ngoài quy định',
    ]) {
      expect(text, s).toContain(s);
    }
    // The level table: 8 of 20 "Rất hài lòng" = 40,0 %; 2 "Rất không hài lòng" = 10,0 %.
    expect(text).toMatch(/Rất hài lòng\s+8\s+40,0%/);
    expect(text).toMatch(/Rất không hài lòng\s+2\s+10,0%/);
    expect(text).toMatch(/Hài lòng chung\s+20\s+65,0%\s+20,0%/);
    for (const name of OFFICERS) expect(text).toContain(name);
    // The chain head at the end of the period is stated.
    const head = await bed.deps.db.kysely.selectFrom('responses').select(['hash']).where('unit_id', '=', bed.unit.unitId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(text.replace(/\s+/g, '')).toContain(head.hash);

    // Page 1 rendered: a real page with ink on it (the screenshot is looked at by hand too).
    execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-png', join(dir, 'internal.pdf'), join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page-1.png')));
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 100) dark++;
    expect(png.width).toBeGreaterThan(400);
    expect(dark / (png.width * png.height)).toBeGreaterThan(0.01);
  });

  it('the public PDF holds no officer name and no comment', async () => {
    const res = await report('pdf', 'public');
    expect(res.headers.get('content-disposition')).toContain('_cong-khai.pdf');
    const text = pdfText(Buffer.from(await res.arrayBuffer()), 'public.pdf');
    expect(text).toContain('(Bản công khai)');
    expect(text).toMatch(/Rất hài lòng\s+8\s+40,0%/);
    for (const name of OFFICERS) expect(text).not.toContain(name);
    expect(text).not.toContain('HYPERLINK');
    expect(text).not.toContain('Đóng dấu');
  });

  it('the XLSX has numbers as numbers, percent formats, frozen bold headers and neutralised text', async () => {
    const res = await report('xlsx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const levels = wb.getWorksheet('Mức độ')!;
    expect(levels.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(levels.getRow(2).getCell(1).font?.bold).toBe(true);
    const rows = new Map<string, ExcelJS.Row>();
    levels.eachRow((row) => rows.set(String(row.getCell(1).value), row));
    expect(rows.get('Rất hài lòng')!.getCell(2).value).toBe(8);
    expect(rows.get('Rất hài lòng')!.getCell(3).value).toBeCloseTo(0.4, 10);
    expect(rows.get('Rất hài lòng')!.getCell(3).numFmt).toBe('0.0%');
    expect(rows.get('Tổng số')!.getCell(2).value).toBe(20);

    const questions = wb.getWorksheet('Tiêu chí')!;
    const overall = questions.getRow(3);
    expect(overall.getCell(1).value).toBe('Hài lòng chung');
    expect(overall.getCell(2).value).toBe(20);
    expect(overall.getCell(8).value).toBeCloseTo(0.65, 10);

    const comments = wb.getWorksheet('Góp ý')!;
    const texts: unknown[] = [];
    comments.eachRow((row) => row.eachCell((cell) => texts.push(cell.value)));
    expect(texts).toContain(`'${INJECTION}`);
    expect(texts).toContain(HTML_COMMENT);
    // No formula anywhere, in any sheet.
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
    expect(wb.getWorksheet('Cán bộ')).toBeDefined();
  });

  it('the public XLSX has no officer sheet, no comments and no officer name anywhere', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await report('xlsx', 'public')).arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Cán bộ')).toBeUndefined();
    expect(wb.getWorksheet('Góp ý')).toBeUndefined();
    const all: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => all.push(String(cell.value)))));
    for (const name of OFFICERS) expect(all.join('\n')).not.toContain(name);
    expect(all.join('\n')).not.toContain('HYPERLINK');
  });

  it('the CSV starts with the BOM, parses back to the same figures and neutralises formulas', async () => {
    const res = await report('csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    const at = (title: string) => rows.findIndex((r) => r[0] === `# ${title}`);
    const levels = rows.slice(at('Mức độ hài lòng chung') + 2, at('Mức độ hài lòng chung') + 8);
    expect(levels.map((r) => [r[0], Number(r[1])])).toEqual([
      ['Rất hài lòng', 8],
      ['Hài lòng', 5],
      ['Bình thường', 3],
      ['Không hài lòng', 2],
      ['Rất không hài lòng', 2],
      ['Tổng số', 20],
    ]);
    const overall = rows[at('Theo tiêu chí') + 2]!;
    expect(overall[0]).toBe('Hài lòng chung');
    expect(Number(overall[7])).toBeCloseTo(0.65, 6);
    const flat = rows.flat();
    expect(flat).toContain(`'${INJECTION}`);
    expect(flat).not.toContain(INJECTION);
    expect(flat).toContain(HTML_COMMENT);
    expect(flat.some((c) => /^[=+\-@\t\r]/.test(c))).toBe(false);

    const pub = Buffer.from(await (await report('csv', 'public')).arrayBuffer()).toString('utf8');
    for (const name of OFFICERS) expect(pub).not.toContain(name);
    expect(pub).not.toContain('HYPERLINK');
    expect(pub).not.toContain('Đóng dấu');
  });

  it('every figure is reproducible from the stored responses', async () => {
    const data = (await (await report('json')).json()) as ReportData;
    const stored = await bed.deps.db.kysely.selectFrom('responses').select(['answers', 'field_id', 'officer_id']).where('unit_id', '=', bed.unit.unitId).where('day', '>=', '2026-11-01').where('day', '<=', '2026-11-30').execute();
    const count = (pred: (a: Record<string, number>, r: (typeof stored)[number]) => boolean) => stored.filter((r) => pred(JSON.parse(r.answers) as Record<string, number>, r)).length;
    expect(data.total.responses).toBe(stored.length);
    for (const l of [1, 2, 3, 4, 5]) expect(data.total.levels[String(l) as '1']).toBe(count((a) => a['overall'] === l));
    for (const f of data.fields) expect(f.shares.responses).toBe(count((_a, r) => r.field_id === f.key));
    for (const o of data.officers!) {
      expect(o.shares.dissatisfied).toBe(count((a, r) => r.officer_id === o.key && a['overall']! <= 2));
      expect(o.shares.responses).toBe(count((_a, r) => r.officer_id === o.key));
    }
    expect(data.channels).toEqual([{ channel: 'zalo', label: 'Zalo (Mini App)', responses: 20 }]);
    expect(data.period).toMatchObject({ key: '2026-11', label: 'Tháng 11/2026' });
    expect(data.trend.unit).toBe('day');
    expect(data.trend.rows).toHaveLength(30);
  });

  it('a year is cut by month and a quarter by week', async () => {
    const year = (await (await report('json', 'internal', 'from=2026-01-01&to=2026-12-31')).json()) as ReportData;
    expect(year.period.label).toBe('Năm 2026');
    expect(year.trend.unit).toBe('month');
    expect(year.trend.rows).toHaveLength(12);
    expect(year.trend.rows[10]!.shares.responses).toBe(20);
    const quarter = (await (await report('json', 'internal', 'from=2026-10-01&to=2026-12-31')).json()) as ReportData;
    expect(quarter.period.label).toBe('Quý IV/2026');
    expect(quarter.trend.unit).toBe('week');
    expect(quarter.trend.rows.reduce((n, r) => n + r.shares.responses, 0)).toBe(20);
  });

  it('refuses bad input with a clear error', async () => {
    const h = await clerk();
    const base = `/api/units/${bed.unit.unitId}/report`;
    for (const q of ['format=doc', 'audience=everyone', 'from=2026-12-01&to=2026-11-01', 'from=2026-02-30', 'form=NOPE']) {
      const res = await bed.t.get(`${base}?${q}`, h);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
    }
    expect((await bed.t.get(`${base}?form=khong_co`, h)).status).toBe(404);
    const other = await seedUnit(bed.deps, 'xa-b');
    expect((await bed.t.get(`/api/units/${other.unitId}/report?format=pdf`, h)).status).toBe(403);
    expect((await bed.t.get(`${base}?format=pdf`)).status).toBe(401);
  });
});

describe('raw export', () => {
  it('streams every response of the range as CSV with the BOM, neutralised', async () => {
    const res = await bed.t.get(`/api/units/${bed.unit.unitId}/responses.csv?from=2026-11-01&to=2026-11-30`, await clerk());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="phieu-hai-long_xa-a_2026-11-01_2026-11-30.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(21);
    const header = rows[0]!;
    const overall = header.indexOf('Hài lòng chung');
    expect(rows.slice(1).map((r) => Number(r[overall]))).toEqual(LEVELS);
    expect(rows.flat()).toContain(`'${INJECTION}`);
    expect(rows.flat()).toContain(HTML_COMMENT);
    expect(rows.flat().some((c) => /^[=+\-@\t\r]/.test(c))).toBe(false);
    // A range without responses: the header alone.
    const empty = await bed.t.get(`/api/units/${bed.unit.unitId}/responses.csv?from=2025-01-01&to=2025-01-31`, await clerk());
    expect((await empty.text()).trim().split('\n')).toHaveLength(1);
  });
});

describe('publishing', () => {
  it('publishes a period once; the board serves the PDF unchanged with its SHA-256', async () => {
    const h = await clerk();
    const res = await bed.t.post(`/api/units/${bed.unit.unitId}/publications`, { period: '2026-11' }, h);
    expect(res.status).toBe(201);
    const pub = (await res.json()) as { id: string; sha256: string; responses: number; periodKey: string; publishedBy: string };
    expect(pub).toMatchObject({ periodKey: '2026-11', responses: 20, publishedBy: bed.unit.clerk.username });

    const again = await bed.t.post(`/api/units/${bed.unit.unitId}/publications`, { period: '2026-11' }, h);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('đã được công bố');

    const board = await (await bed.t.get('/board/xa-a')).text();
    expect(board).toContain('Kết quả đã công bố');
    expect(board).toContain('Tháng 11/2026');
    expect(board).toContain(pub.sha256);
    const href = /href="(\/board\/xa-a\/publications\/[^"]+\.pdf)"/.exec(board)![1]!;
    const pdf = await bed.t.get(href);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pub.sha256);
    // The published file is the public version.
    const text = pdfText(bytes, 'published.pdf');
    expect(text).toContain('(Bản công khai)');
    for (const name of OFFICERS) expect(text).not.toContain(name);

    // Responses arriving later do not change what was published.
    await bed.deps.writer.submit(newResponseRecord(bed.unit, 99, { receivedAt: '2026-11-30T05:00:00.000Z', day: '2026-11-30' }));
    const later = Buffer.from(await (await bed.t.get(href)).arrayBuffer());
    expect(later.equals(bytes)).toBe(true);

    const list = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/publications`, h)).json()) as { publications: { id: string }[] };
    expect(list.publications.map((p) => p.id)).toEqual([pub.id]);
  });

  it('refuses a period not begun, a malformed one, and another unit\'s staff', async () => {
    const h = await clerk();
    const url = `/api/units/${bed.unit.unitId}/publications`;
    expect((await bed.t.post(url, { period: '2027-01' }, h)).status).toBe(400);
    expect((await bed.t.post(url, { period: '2026-13' }, h)).status).toBe(400);
    expect((await bed.t.post(url, { period: '2026-11', extra: 1 }, h)).status).toBe(400);
    const other = await seedUnit(bed.deps, 'xa-b');
    const otherClerk = await bed.t.login(other.clerk.username, other.clerk.password);
    expect((await bed.t.post(url, { period: '2026-11' }, otherClerk)).status).toBe(403);
    expect(await bed.deps.db.kysely.selectFrom('publications').select('id').execute()).toEqual([]);
  });

  it('the calendar shows the next due dates and what is published', async () => {
    bed.deps.setNow('2026-11-20T03:00:00.000Z');
    const h = await clerk();
    await bed.t.post(`/api/units/${bed.unit.unitId}/publications`, { period: '2026-11' }, h);
    const cal = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/calendar`, h)).json()) as {
      today: string;
      reminderDays: number;
      entries: { key: string; due: string; nominal: string; inDays: number; note: string | null; publication: { periodKey: string } | null }[];
    };
    expect(cal.today).toBe('2026-11-20');
    expect(cal.reminderDays).toBe(3);
    // 28/11/2026 is a Saturday: due on Friday 27/11.
    expect(cal.entries[0]).toMatchObject({ key: 'month:2026-11', nominal: '2026-11-28', due: '2026-11-27', inDays: 7, publication: { periodKey: '2026-11' } });
    expect(cal.entries[0]!.note).toContain('Thứ Bảy');
    expect(cal.entries.find((e) => e.key === 'year:2026')).toMatchObject({ due: '2026-12-25', publication: null });
  });
});

describe('publication reminders', () => {
  it('reminds each unit that has not published, once, through the alert pipeline', async () => {
    const other = await seedUnit(bed.deps, 'xa-b');
    bed.deps.setNow('2026-11-24T03:00:00.000Z'); // 3 days before Friday 27/11
    await bed.t.post(`/api/units/${other.unitId}/publications`, { period: '2026-11' }, await bed.t.login(other.clerk.username, other.clerk.password));
    expect(await runReminders(bed.deps)).toBe(1);
    expect(await runReminders(bed.deps)).toBe(0);
    const alerts = await bed.deps.db.kysely.selectFrom('alerts').select(['id', 'unit_id', 'kind', 'text', 'dedupe_key']).where('kind', '=', 'reminder').execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ unit_id: bed.unit.unitId, dedupe_key: `reminder:${bed.unit.unitId}:month:2026-11` });
    expect(alerts[0]!.text).toContain('Kết quả tháng 11/2026, hạn ngày 27/11/2026 (còn 3 ngày)');
    // To the clerk and the chairman.
    const messages = await bed.deps.db.kysely.selectFrom('outbox').select('recipient_key').where('alert_id', '=', alerts[0]!.id).execute();
    expect(messages).toHaveLength(2);
  });

  it('says nothing earlier than REPORT_REMINDER_DAYS, or when set to 0', async () => {
    bed.deps.setNow('2026-11-23T03:00:00.000Z'); // 4 days before
    expect(await runReminders(bed.deps)).toBe(0);
    await bed.reopen({ REPORT_REMINDER_DAYS: '0' });
    bed.deps.setNow('2026-11-26T03:00:00.000Z');
    expect(await runReminders(bed.deps)).toBe(0);
  });
});

describe('finding the screens', () => {
  it('/ links to the staff sign-in and every unit\'s board; /app/staff opens sign-in', async () => {
    const home = await bed.t.get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    const page = await home.text();
    expect(page).toContain('href="/app/staff"');
    expect(page).toContain('href="/board/xa-a"');
    for (const path of ['/app/staff', '/app/staff/', '/staff']) {
      const res = await bed.t.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe('/app/#/staff');
    }
    const byCode = await bed.t.get('/board?code=XA-A');
    expect(byCode.headers.get('location')).toBe('/board/xa-a');
  });

  it('an unknown board unit gets an HTML 404 page', async () => {
    for (const path of ['/board/khong-co', '/board/xa-a?form=khong_co', '/board/xa-a/publications/x.pdf', '/board?code=']) {
      const res = await bed.t.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(await res.text()).toContain('Không tìm thấy');
    }
  });
});
