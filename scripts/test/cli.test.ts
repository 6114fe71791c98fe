import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript, tempEnv } from './helpers.ts';

const t = tempEnv();
afterAll(() => t.cleanup());
const admin = (...args: string[]) => runScript('admin.ts', args, t.env);

// Each step spawns the CLI (a tsx start-up of 2–4 s on a busy 2-core machine): minutes, not the default minute.
describe('npm run admin (child process on a temporary SQLite file)', { timeout: 240_000 }, () => {
  it('prints help (exit 0) and rejects wrong usage with exit 2', async () => {
    const [help, unknown, missing, badKind] = await Promise.all([
      admin('--help'),
      admin('frobnicate'),
      admin('unit', 'create', 'xa-a'),
      admin('unit', 'create', 'xa-a', 'UBND xã A', '--kind', 'village'),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: admin');
    expect(help.stdout).toMatch(/setup \[options\] <file>/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'name'");
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('Allowed choices are commune, ward, special_zone, district, province, department');
  });

  it('creates and lists units, officers, points and staff; rotates and disables', async () => {
    expect((await admin('unit', 'create', 'xa-hoa-an', 'UBND xã Hòa An')).code).toBe(0);
    const [dup, officer] = await Promise.all([
      admin('unit', 'create', 'xa-hoa-an', 'UBND xã Hòa An'),
      admin('officer', 'create', 'xa-hoa-an', 'Đỗ Thị Hạnh', '--title', 'Công chức Tư pháp – Hộ tịch'),
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    expect(officer.code).toBe(0);
    const desk = await admin('point', 'create', 'xa-hoa-an', 'Bàn Tư pháp – Hộ tịch', '--officer', 'Đỗ Thị Hạnh');
    expect(desk.code).toBe(0);
    expect(desk.stdout).toMatch(/deepLink: https:\/\/zalo\.me\/s\/1234567890123456789\/\?q=/);

    const list = await admin('point', 'list', 'xa-hoa-an', '--json');
    const points = JSON.parse(list.stdout) as { id: string; label: string; officerName: string; token: string; active: boolean }[];
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ label: 'Bàn Tư pháp – Hộ tịch', officerName: 'Đỗ Thị Hạnh', active: true });

    const rotated = await admin('point', 'rotate', points[0]!.id.slice(0, 8));
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('the old QR code no longer works');
    const after = JSON.parse((await admin('point', 'list', 'xa-hoa-an', '--json')).stdout) as { token: string }[];
    expect(after[0]!.token).not.toBe(points[0]!.token);

    const [disabled, noSuch, staff] = await Promise.all([
      admin('point', 'disable', points[0]!.id),
      admin('point', 'disable', 'ffffffff'),
      admin('staff', 'create', 'xa-hoa-an', 'vanphong-hoa-an', '--role', 'clerk'),
    ]);
    expect(disabled.code).toBe(0);
    expect(noSuch.code).toBe(1);
    expect(noSuch.stderr).toContain('no point with id "ffffffff"');
    expect(staff.code).toBe(0);
    expect(staff.stdout).toMatch(/password: \S{12}/);
    const code = await admin('staff', 'zalo-code', 'vanphong-hoa-an', '--phone', '84912345678');
    expect(code.code).toBe(0);
    expect(code.stdout).toMatch(/code for "vanphong-hoa-an": HL-[A-Z0-9]{6}\n\s+send exactly this text to the Official Account/);
    expect((await admin('staff', 'zalo-code', 'vanphong-hoa-an', '--phone', '0912')).code).toBe(2);
    expect((await admin('staff', 'disable', 'vanphong-hoa-an')).code).toBe(0);
    const [staffList, units, unknownUnit] = await Promise.all([
      admin('staff', 'list', 'xa-hoa-an'),
      admin('unit', 'list'),
      admin('officer', 'list', 'xa-khong-co'),
    ]);
    expect(staffList.stdout).toMatch(/vanphong-hoa-an\s+clerk\s+no/);
    expect(units.stdout).toMatch(/xa-hoa-an\s+commune\s+-\s+UBND xã Hòa An/);
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.stderr).toContain('unknown unit code "xa-khong-co"');
  });

  it('setup: a malformed row is reported with its line (exit 1) and nothing is applied; then a good file applies once', async () => {
    const bad = join(t.dir, 'bad.csv');
    writeFileSync(
      bad,
      ['type,unit,name,title,kind,parent,officer,username,role,password', 'unit,xa-moi,UBND xã Mới,,,,,,,', 'officer,xa-moi,Vũ Văn Nam,,,,,,,', 'staff,xa-moi,,,,,,ab,clerk,'].join('\n'),
    );
    const r = await admin('setup', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:4: username: letters, digits, . _ -, 3–64 characters`);
    expect(r.stderr).toContain('nothing was applied');
    expect((await admin('unit', 'list')).stdout).not.toContain('xa-moi');

    const good = join(t.dir, 'good.csv');
    writeFileSync(good, readFileSync(bad, 'utf8').replace(',ab,clerk,', ',vanphong-xa-moi,clerk,'));
    const ok = await admin('setup', good);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('created: 1 units, 1 officers, 0 points, 1 staff');
    const again = await admin('setup', good);
    expect(again.stdout).toContain('created: 0 units, 0 officers, 0 points, 0 staff');

    const wrongType = await admin('setup', join(t.dir, 'district.txt'));
    expect(wrongType.code).toBe(2);
  });

  it('dossiers import from CSV', async () => {
    const csv = join(t.dir, 'dossiers.csv');
    writeFileSync(csv, 'unitCode,field,period,count\nxa-moi,Tư pháp – Hộ tịch,2025,420\nxa-moi,,2025,1300\n');
    const r = await admin('dossiers', 'import', csv);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('imported 2 rows: 2 new, 0 updated, 0 unchanged');
    const list = await admin('dossiers', 'list', 'xa-moi');
    expect(list.stdout).toMatch(/2025\s+1300\s+\(whole unit\)/);
  });
});
