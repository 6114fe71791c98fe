import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDossierCounts } from '../../backend/src/db/dossier-counts.repository.ts';
import { listFields } from '../../backend/src/db/officers.repository.ts';
import { createUnit } from '../../backend/src/services/setup.service.ts';
import { createTestDeps, type TestDeps } from '../../backend/test/helpers/test-deps.ts';
import { normalisePeriod } from '../../backend/src/services/dossier-rows.ts';
import { importDossiers } from '../lib/dossiers/import-dossiers.ts';
import { FileErrors } from '../lib/setup/setup-plan.ts';

const dir = mkdtempSync(join(tmpdir(), 'hailong-dossiers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let deps: TestDeps;
let unitId: string;
beforeEach(async () => {
  deps = await createTestDeps();
  unitId = (await createUnit(deps, { code: 'xa-a', name: 'UBND xã A' })).id;
});
afterEach(async () => {
  await deps.close();
});

const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function byField() {
  const names = new Map((await listFields(deps.db.kysely, unitId)).map((f) => [f.id, f.name]));
  return (await listDossierCounts(deps.db.kysely, unitId)).map((c) => `${c.period} ${c.fieldId === '' ? '*' : names.get(c.fieldId)} ${c.count}`).sort();
}

describe('dossiers import', () => {
  it('imports CSV (period or year + month), matches field names loosely, and is idempotent', async () => {
    const csv = file(
      'd.csv',
      ['unitCode,field,year,month,count', 'xa-a,Tư pháp - hộ tịch,2025,1,120', 'xa-a,Chứng thực,2025,1,"1,250"', 'xa-a,,2025,,3400'].join('\n'),
    );
    expect(await importDossiers(deps, csv)).toEqual({ rows: 3, inserted: 3, updated: 0, unchanged: 0 });
    expect(await byField()).toEqual(['2025 * 3400', '2025-01 Chứng thực 1250', '2025-01 Tư pháp – Hộ tịch 120']);
    expect(await importDossiers(deps, csv)).toEqual({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });
  });

  it('imports XLSX, updating counts that changed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['unitCode', 'field', 'period', 'count']);
    ws.addRow(['xa-a', 'Tư pháp – Hộ tịch', '2025-01', 130]);
    ws.addRow(['xa-a', 'Lao động – Thương binh và Xã hội', '2025-Q1', 45]);
    const p = join(dir, 'd.xlsx');
    await wb.xlsx.writeFile(p);
    await importDossiers(deps, file('first.csv', 'unitCode,field,period,count\nxa-a,Tư pháp – Hộ tịch,2025-01,120\n'));
    expect(await importDossiers(deps, p)).toEqual({ rows: 2, inserted: 1, updated: 1, unchanged: 0 });
    expect(await byField()).toEqual(['2025-01 Tư pháp – Hộ tịch 130', '2025-Q1 Lao động – Thương binh và Xã hội 45']);
  });

  it('reports every bad row with its line and imports nothing', async () => {
    const csv = file(
      'bad.csv',
      ['unitCode,field,period,count', 'xa-a,Tư pháp – Hộ tịch,2025-01,120', 'xa-zz,,2025,10', 'xa-a,Thuế,2025,10', 'xa-a,,2025-13,10', 'xa-a,,2025,-4'].join('\n'),
    );
    const err = await importDossiers(deps, csv).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FileErrors);
    const lines = (err as FileErrors).lines().map((l) => l.replace(`${csv}:`, ''));
    expect(lines[0]).toBe('3: Không có đơn vị mang mã "xa-zz".');
    expect(lines[1]).toMatch(/^4: Đơn vị xa-a không có lĩnh vực "Thuế"/);
    expect(lines[2]).toMatch(/^5: Kỳ phải có dạng/);
    expect(lines[3]).toMatch(/^6: Số hồ sơ phải là số nguyên không âm/);
    expect(await listDossierCounts(deps.db.kysely, unitId)).toEqual([]);
  });

  it('normalises periods', () => {
    expect(normalisePeriod({ period: '2025' })).toBe('2025');
    expect(normalisePeriod({ period: '2025-3' })).toBe('2025-03');
    expect(normalisePeriod({ period: '03/2025' })).toBe('2025-03');
    expect(normalisePeriod({ period: '2025q2' })).toBe('2025-Q2');
    expect(normalisePeriod({ year: '2025', quarter: 'Q4' })).toBe('2025-Q4');
    expect(normalisePeriod({ period: '2025-13' })).toBeUndefined();
    expect(normalisePeriod({ year: '25' })).toBeUndefined();
  });
});
