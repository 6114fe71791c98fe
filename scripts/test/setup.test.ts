import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../backend/test/helpers/test-deps.ts';
import { STAFF_ROLES } from '../../backend/src/http/admin/admin.schemas.ts';
import { applySetup } from '../lib/setup/apply-setup.ts';
import { parseSetupCsv } from '../lib/setup/parse-setup-csv.ts';
import { parseSetupXlsx } from '../lib/setup/parse-setup-xlsx.ts';
import { parseSetupYaml } from '../lib/setup/parse-setup-yaml.ts';
import { readSetupFile } from '../lib/setup/read-setup-file.ts';
import { FileErrors } from '../lib/setup/setup-plan.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures/district-23.yaml');
const yaml = readFileSync(FIXTURE, 'utf8');

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.close();
});

async function counts() {
  const k = deps.db.kysely;
  const n = async (t: 'units' | 'officers' | 'points' | 'staff') => Number((await k.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { units: await n('units'), officers: await n('officers'), points: await n('points'), staff: await n('staff') };
}

function fileErrors(fn: () => unknown): FileErrors {
  try {
    fn();
  } catch (err) {
    if (err instanceof FileErrors) return err;
    throw err;
  }
  throw new Error('expected FileErrors');
}

describe('bulk set-up of a district (23 communes, seed 000)', () => {
  it('creates exactly what the file describes; a second run creates nothing', async () => {
    const plan = parseSetupYaml(yaml, 'district-23.yaml');
    expect(plan.units.filter((u) => u.kind === 'commune')).toHaveLength(23);

    const first = await applySetup(deps, plan, 'district-23.yaml');
    expect(first.created).toEqual({ units: 24, officers: 69, points: 46, staff: 24 });
    expect(await counts()).toEqual({ units: 24, officers: 69, points: 46, staff: 24 });
    expect(first.generatedPasswords).toHaveLength(24);

    // Every commune hangs under the district; each desk point is bound to its named officer.
    const k = deps.db.kysely;
    const district = await k.selectFrom('units').selectAll().where('code', '=', 'huyen-song-lam').executeTakeFirstOrThrow();
    expect(await k.selectFrom('units').select('code').where('parent_id', '=', district.id).execute()).toHaveLength(23);
    const hoaBinh = await k.selectFrom('units').selectAll().where('code', '=', 'xa-hoa-binh').executeTakeFirstOrThrow();
    expect(hoaBinh.name).toBe('UBND xã Hòa Bình');
    const deskPoint = await k
      .selectFrom('points')
      .innerJoin('officers', 'officers.id', 'points.officer_id')
      .select(['points.label', 'officers.name'])
      .where('points.unit_id', '=', hoaBinh.id)
      .executeTakeFirstOrThrow();
    expect(deskPoint).toEqual({ label: 'Bàn Tư pháp – Hộ tịch', name: 'Nguyễn Thị Lan' });

    const second = await applySetup(deps, parseSetupYaml(yaml, 'district-23.yaml'), 'district-23.yaml');
    expect(second.created).toEqual({ units: 0, officers: 0, points: 0, staff: 0 });
    expect(second.existing).toEqual({ units: 24, officers: 69, points: 46, staff: 24 });
    expect(await counts()).toEqual({ units: 24, officers: 69, points: 46, staff: 24 });
  });

  it('reports a malformed row with its line number and applies nothing', async () => {
    const lines = yaml.split('\n');
    // The last commune's clerk (near the end of the file): a role that does not exist.
    const at = lines.lastIndexOf('      - { username: vanphong-nam-tien, role: clerk }');
    expect(at).toBeGreaterThan(300);
    lines[at] = '      - { username: vanphong-nam-tien, role: chief }';
    const err = fileErrors(() => parseSetupYaml(lines.join('\n'), 'bad.yaml'));
    expect(err.lines()).toEqual([`bad.yaml:${at + 1}: communes.22.staff.0.role: must be one of ${STAFF_ROLES.join(', ')}`]);
    expect(await counts()).toEqual({ units: 0, officers: 0, points: 0, staff: 0 });
  });

  it('reports a missing name and an unknown key on their own lines', () => {
    const src = ['communes:', '  - code: xa-mot', '    name: UBND xã Một', '    officers:', '      - title: Công chức', '  - code: xa-hai', '    nam: UBND xã Hai', ''].join('\n');
    expect(fileErrors(() => parseSetupYaml(src, 'f.yaml')).lines()).toEqual([
      'f.yaml:5: communes.0.officers.0.name: is required',
      'f.yaml:6: communes.1.name: is required',
      'f.yaml:7: communes.1.nam: unknown key "nam"',
    ]);
  });

  it('a reference that only the database can refute stops the whole file before anything is written', async () => {
    const src = yaml.replace('        officer: Nguyễn Thị Lan\n', '        officer: Người Không Có\n');
    const plan = parseSetupYaml(src, 'ref.yaml');
    const err = await applySetup(deps, plan, 'ref.yaml').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FileErrors);
    expect((err as FileErrors).lines()[0]).toMatch(/^ref\.yaml:20: officer "Người Không Có" is not an officer of xa-hoa-binh$/);
    expect(await counts()).toEqual({ units: 0, officers: 0, points: 0, staff: 0 });
  });

  it('rolls back everything when a write fails half-way', async () => {
    if (deps.db.dialect !== 'sqlite') return;
    // The database refuses the very last insert (the last commune's clerk), after everything else was written.
    await sql`create trigger refuse_last before insert on staff when new.username = 'vanphong-nam-tien' begin select raise(abort, 'refused'); end`.execute(deps.db.kysely);
    const plan = parseSetupYaml(yaml, 'district-23.yaml');
    const err = await applySetup(deps, plan, 'district-23.yaml').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(err)).toContain('refused');
    expect(await counts()).toEqual({ units: 0, officers: 0, points: 0, staff: 0 });
  });

  it('reads the same district from CSV, with line numbers for bad rows', async () => {
    const csv = [
      'type,unit,name,title,kind,parent,officer,username,role,password',
      'unit,huyen-a,UBND huyện A,,district,,,,,',
      'unit,xa-b,UBND xã B,,commune,huyen-a,,,,',
      'officer,xa-b,"Nguyễn Văn C",Công chức Tư pháp – Hộ tịch,,,,,,',
      '# comments and blank lines are skipped',
      '',
      'point,xa-b,Quầy tiếp nhận và trả kết quả,,,,,,,',
      'point,xa-b,Bàn Tư pháp – Hộ tịch,,,,Nguyễn Văn C,,,',
      'staff,xa-b,,,,,,vanphong-xa-b,clerk,MatKhau@2025',
    ].join('\n');
    const plan = parseSetupCsv(csv, 'd.csv');
    expect((await applySetup(deps, plan, 'd.csv')).created).toEqual({ units: 2, officers: 1, points: 2, staff: 1 });
    expect((await applySetup(deps, parseSetupCsv(csv, 'd.csv'), 'd.csv')).created).toEqual({ units: 0, officers: 0, points: 0, staff: 0 });

    const bad = csv.replace('point,xa-b,Bàn Tư pháp – Hộ tịch', 'pointt,xa-b,Bàn Tư pháp – Hộ tịch').replace('unit,xa-b,UBND xã B,,commune', 'unit,xa-b,UBND xã B,,village');
    expect(fileErrors(() => parseSetupCsv(bad, 'd.csv')).lines()).toEqual([
      'd.csv:3: kind: must be one of commune, ward, special_zone, district, province, department',
      'd.csv:8: type: must be one of unit, officer, point, staff (got "pointt")',
    ]);
  });
});

const PROVINCE = join(import.meta.dirname, 'fixtures/province-example.csv');
const provinceCsv = readFileSync(PROVINCE, 'utf8');

/** The rows of a CSV as an XLSX workbook's first sheet (what an operator saves from Excel). */
async function xlsxOf(csv: string, opts: { blankRowAfterHeader?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Đơn vị');
  const rows = csv.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  rows.forEach((line, i) => {
    sheet.addRow(line.split(','));
    if (i === 0 && opts.blankRowAfterHeader) sheet.addRow([]);
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function rejected(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected an error');
    },
    (err: unknown) => err,
  );
}

describe('a province after 1 July 2025 (issue 29): communes, wards, a special zone, departments', () => {
  it('the example file sets up the province with its children listed before it; a second run creates nothing', async () => {
    const plan = parseSetupCsv(provinceCsv, 'province-example.csv');
    expect(plan.units.map((u) => u.kind).filter((k, i, all) => all.indexOf(k) === i).sort()).toEqual(['commune', 'department', 'province', 'special_zone', 'ward']);
    const first = await applySetup(deps, plan, 'province-example.csv');
    expect(first.created).toEqual({ units: 11, officers: 2, points: 3, staff: 4 });
    expect(first.warnings).toEqual([]);
    const k = deps.db.kysely;
    const province = await k.selectFrom('units').selectAll().where('code', '=', 'tinh-song-lam').executeTakeFirstOrThrow();
    expect(province.kind).toBe('province');
    const children = await k.selectFrom('units').select(['code', 'kind']).where('parent_id', '=', province.id).orderBy('code').execute();
    expect(children).toHaveLength(10);
    expect(children.find((c) => c.code === 'dac-khu-hon-ngu')?.kind).toBe('special_zone');
    const supervisor = await k.selectFrom('staff').select(['unit_id', 'role']).where('username', '=', 'noivu-song-lam').executeTakeFirstOrThrow();
    expect(supervisor).toEqual({ unit_id: province.id, role: 'supervisor' });

    const again = await applySetup(deps, parseSetupCsv(provinceCsv, 'province-example.csv'), 'province-example.csv');
    expect(again.created).toEqual({ units: 0, officers: 0, points: 0, staff: 0 });
    expect(again.existing).toEqual({ units: 11, officers: 2, points: 3, staff: 4 });
    expect(await counts()).toEqual({ units: 11, officers: 2, points: 3, staff: 4 });
  });

  it('an existing unit is kept as it is: a new name, kind or parent in the file is a warning, not a change', async () => {
    await applySetup(deps, parseSetupCsv(provinceCsv, 'p.csv'), 'p.csv');
    const changed = provinceCsv
      .replace('unit,xa-tan-lap,UBND xã Tân Lập,,commune,tinh-song-lam', 'unit,xa-tan-lap,UBND phường Tân Lập,,ward,tinh-song-lam')
      .replace('unit,xa-an-phu,UBND xã An Phú,,commune,tinh-song-lam', 'unit,xa-an-phu,UBND xã An Phú,,commune,phuong-hoa-binh');
    const r = await applySetup(deps, parseSetupCsv(changed, 'p.csv'), 'p.csv');
    expect(r.created.units).toBe(0);
    expect(r.warnings).toEqual([
      'line 6: unit "xa-an-phu" exists under "tinh-song-lam"; its parent is left unchanged',
      'line 8: unit "xa-tan-lap" exists as "UBND xã Tân Lập"; its name is left unchanged',
      'line 8: unit "xa-tan-lap" exists as a commune; its kind is left unchanged',
    ]);
    const tanLap = await deps.db.kysely.selectFrom('units').select(['name', 'kind']).where('code', '=', 'xa-tan-lap').executeTakeFirstOrThrow();
    expect(tanLap).toEqual({ name: 'UBND xã Tân Lập', kind: 'commune' });
  });

  it('a parent that is neither in the file nor in the database, and a loop of parents, are errors on their lines; nothing is applied', async () => {
    const unknownParent = provinceCsv.replace('unit,xa-dong-tien,UBND xã Đồng Tiến,,commune,tinh-song-lam', 'unit,xa-dong-tien,UBND xã Đồng Tiến,,commune,tinh-song-la');
    const err = await rejected(applySetup(deps, parseSetupCsv(unknownParent, 'p.csv'), 'p.csv'));
    expect((err as FileErrors).lines()).toEqual(['p.csv:7: parent unit "tinh-song-la" is neither in this file nor in the database']);
    expect(await counts()).toEqual({ units: 0, officers: 0, points: 0, staff: 0 });

    const loop = ['type,unit,name,kind,parent', 'unit,xa-a,UBND xã A,commune,xa-b', 'unit,xa-b,UBND xã B,commune,xa-a', 'unit,xa-c,UBND xã C,commune,xa-a'].join('\n');
    expect(fileErrors(() => parseSetupCsv(loop, 'l.csv')).lines()).toEqual([
      'l.csv:2: units form a loop of parents: xa-a → xa-b → xa-a',
      'l.csv:3: units form a loop of parents: xa-b → xa-a → xa-b',
    ]);
  });

  it('reads the same province from an XLSX workbook (readSetupFile by extension), with the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'setup-xlsx-'));
    try {
      const file = join(dir, 'tinh.xlsx');
      writeFileSync(file, await xlsxOf(provinceCsv));
      const fromXlsx = await readSetupFile(file);
      const fromCsv = parseSetupCsv(provinceCsv, 'p.csv');
      const strip = <T extends { line: number }>(rows: T[]) => rows.map(({ line: _line, ...rest }) => rest);
      expect(strip(fromXlsx.units)).toEqual(strip(fromCsv.units));
      expect(strip(fromXlsx.staff)).toEqual(strip(fromCsv.staff));
      expect(strip(fromXlsx.points)).toEqual(strip(fromCsv.points));
      expect((await applySetup(deps, fromXlsx, file)).created).toEqual({ units: 11, officers: 2, points: 3, staff: 4 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an XLSX with bad rows names their sheet row numbers and applies nothing; a file that is no workbook is refused whole', async () => {
    const bad = provinceCsv
      .replace('unit,xa-nghia-dan,UBND xã Nghĩa Đàn,,commune', 'unit,xa-nghia-dan,UBND xã Nghĩa Đàn,,hamlet')
      .replace('staff,xa-an-phu,,,,,,chutich-an-phu,chairman,', 'staff,xa-an-phu,,,,,,chutich-an-phu,mayor,');
    // A blank row after the header: Excel's row numbers, not the count of records, are reported.
    const err = await rejected(parseSetupXlsx(await xlsxOf(bad, { blankRowAfterHeader: true }), 't.xlsx'));
    expect(err).toBeInstanceOf(FileErrors);
    expect((err as FileErrors).lines()).toEqual([
      't.xlsx:8: kind: must be one of commune, ward, special_zone, district, province, department',
      `t.xlsx:20: role: must be one of ${STAFF_ROLES.join(', ')}`,
    ]);
    expect(await counts()).toEqual({ units: 0, officers: 0, points: 0, staff: 0 });
    const notXlsx = await rejected(parseSetupXlsx(new TextEncoder().encode('type,unit\nunit,xa-a\n'), 'n.xlsx'));
    expect((notXlsx as FileErrors).lines()[0]).toMatch(/^n\.xlsx:1: Không đọc được tệp Excel \.xlsx/);
  });

  it('a whole country in one file (3,321 communes under 34 provinces, listed before them) is applied in one go and again idempotently', async () => {
    const lines = ['type,unit,name,title,kind,parent,officer,username,role,password'];
    for (let i = 0; i < 3321; i++) lines.push(`unit,xa-${i},UBND xã ${i},,${i % 40 === 0 ? 'special_zone' : i % 4 === 0 ? 'ward' : 'commune'},tinh-${i % 34},,,,`);
    for (let p = 0; p < 34; p++) lines.push(`unit,tinh-${p},UBND tỉnh ${p},,province,,,,,`, `unit,so-noi-vu-${p},Sở Nội vụ tỉnh ${p},,department,tinh-${p},,,,`);
    const csv = lines.join('\n');
    const first = await applySetup(deps, parseSetupCsv(csv, 'vn.csv'), 'vn.csv');
    expect(first.created.units).toBe(3321 + 68);
    const k = deps.db.kysely;
    const tinh7 = await k.selectFrom('units').select('id').where('code', '=', 'tinh-7').executeTakeFirstOrThrow();
    const under7 = await k.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', tinh7.id).executeTakeFirstOrThrow();
    expect(Number(under7.n)).toBe(Math.ceil((3321 - 7) / 34) + 1);
    const fields = await k.selectFrom('fields').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(fields.n)).toBe((3321 + 68) * 6);
    const again = await applySetup(deps, parseSetupCsv(csv, 'vn.csv'), 'vn.csv');
    expect(again.created.units).toBe(0);
    expect(again.existing.units).toBe(3321 + 68);
  });
});
