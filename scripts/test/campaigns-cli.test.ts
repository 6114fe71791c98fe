import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript, tempEnv } from './helpers.ts';

const t = tempEnv();
afterAll(() => t.cleanup());
const admin = (...args: string[]) => runScript('admin.ts', args, t.env);

describe('npm run admin -- campaigns', () => {
  it('creates a campaign from YAML with unit codes, imports a list, and lists it; a bad list changes nothing', async () => {
    expect((await admin('unit', 'create', 'tx-kinh-mon', 'Thị xã Kinh Môn', '--kind', 'district')).code).toBe(0);
    for (const c of ['xa-an-phu', 'xa-hiep-son']) expect((await admin('unit', 'create', c, `UBND ${c}`, '--parent', 'tx-kinh-mon')).code).toBe(0);
    const yaml = join(t.dir, 'campaign.yaml');
    writeFileSync(
      yaml,
      [
        'unitCode: tx-kinh-mon',
        'name: Điều tra xã hội học năm 2023',
        'formKey: sipas',
        'opensOn: 2023-12-15',
        'closesOn: 2023-12-31',
        'fields:',
        '  - { key: tu_phap, name: Tư pháp }',
        '  - { key: ldtbxh, name: Lao động – Thương binh và Xã hội }',
        'respondentKinds:',
        '  - { key: citizen, label: Người dân }',
        '  - { key: business, label: Doanh nghiệp }',
        'quotas:',
        '  - { fieldKey: tu_phap, respondentKind: citizen, official: 9, reserve: 4 }',
        '  - { fieldKey: tu_phap, respondentKind: business, official: 1, reserve: 1 }',
        '  - { unitCode: xa-hiep-son, fieldKey: ldtbxh, respondentKind: citizen, official: 10, reserve: 5 }',
        '',
      ].join('\n'),
    );
    const made = await admin('campaigns', 'import', yaml);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const id = /created campaign ([0-9a-f-]{36})/.exec(made.stdout)![1]!;

    const list = await admin('campaigns', 'list', 'tx-kinh-mon', '--json');
    expect(JSON.parse(list.stdout)).toMatchObject([{ id, formKey: 'sipas', opensOn: '2023-12-15', closesOn: '2023-12-31', units: 2 }]);

    const csv = join(t.dir, 'an-phu.csv');
    writeFileSync(csv, 'list,order,name,phone,field,kind\nchính thức,1,Nguyễn Văn An,0912345678,tu_phap,\ndự phòng,1,Công ty Minh Phát,,tu_phap,doanh nghiệp\n');
    const ok = await admin('campaigns', 'respondents', id, 'xa-an-phu', csv);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/imported 1 official and 1 reserve respondents/);
    expect(ok.stdout).toMatch(/warning: Tư pháp, Người dân: danh sách chính thức có 1 người, ít hơn chỉ tiêu 9/);

    writeFileSync(csv, 'list,order,name,field\nchính thức,1,,tu_phap\n');
    const bad = await admin('campaigns', 'respondents', id, 'xa-an-phu', csv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/dòng 2: Thiếu họ và tên/);

    const unknown = join(t.dir, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ unitCode: 'tx-kinh-mon', unitCodes: ['xa-khong-co'], name: 'X', formKey: 'sipas', opensOn: '2023-12-15', closesOn: '2023-12-31', fields: [{ key: 'tu_phap', name: 'Tư pháp' }], quotas: [] }));
    const refused = await admin('campaigns', 'import', unknown);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/xa-khong-co/);
    // Eight processes, each starting tsx: slow on a busy machine.
  }, 240_000);
});
