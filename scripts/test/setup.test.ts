import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../backend/test/helpers/test-deps.ts';
import { applySetup } from '../lib/setup/apply-setup.ts';
import { parseSetupCsv } from '../lib/setup/parse-setup-csv.ts';
import { parseSetupYaml } from '../lib/setup/parse-setup-yaml.ts';
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
    expect(err.lines()).toEqual([`bad.yaml:${at + 1}: communes.22.staff.0.role: must be one of clerk, chairman, supervisor`]);
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
      'd.csv:3: kind: must be one of commune, ward, district, province, department',
      'd.csv:8: type: must be one of unit, officer, point, staff (got "pointt")',
    ]);
  });
});
