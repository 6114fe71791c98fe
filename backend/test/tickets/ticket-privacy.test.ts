import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestbed } from '../helpers/testbed.ts';
import { answers, clerkOf, issue, rate } from './ticket-helpers.ts';

const CODE = 'HS-BIMAT-2026-0042';

/** Every cell of every sheet of a workbook, as text. */
async function xlsxText(bytes: ArrayBuffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(cell.text))));
  return out.join('\n');
}

describe('the dossier code is never public', () => {
  const bed = useTestbed({ fresh: 'file' });

  it('in the internal raw export; not on the board, not in any public report', async () => {
    const h = await clerkOf(bed);
    const t = await issue(bed, { dossierCode: CODE, officerId: bed.unit.officers[0] });
    // With a comment and a low level, so that comments and cases have something to show.
    expect((await rate(bed, t.token, crypto.randomUUID(), { answers: answers(1), comment: 'Chờ lâu quá.' })).status).toBe(201);
    const range = 'from=2026-11-01&to=2026-11-30';

    const raw = await bed.t.get(`/api/units/${bed.unit.unitId}/responses.csv?${range}`, h);
    expect(raw.status).toBe(200);
    const csv = await raw.text();
    expect(csv).toContain('Mã hồ sơ');
    expect(csv).toContain(CODE);
    // The receipt point has a name in the export, not an id.
    expect(csv).toContain('Phiếu hẹn theo hồ sơ');

    const board = await bed.t.get(`/board/${bed.unit.code}`);
    expect(board.status).toBe(200);
    const html = await board.text();
    expect(html).toContain(`UBND xã ${bed.unit.code}`);
    expect(html).not.toContain(CODE);

    for (const format of ['csv', 'json', 'xlsx', 'pdf'] as const) {
      const res = await bed.t.get(`/api/units/${bed.unit.unitId}/report?${range}&audience=public&format=${format}`, h);
      expect(res.status, format).toBe(200);
      const bytes = await res.arrayBuffer();
      const text =
        format === 'xlsx' ? await xlsxText(bytes) : format === 'pdf' ? execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(bytes) }).toString('utf8') : Buffer.from(bytes).toString('utf8');
      // The report has content (the response counted), and no dossier code in it.
      expect(text.length, format).toBeGreaterThan(200);
      expect(text, format).not.toContain(CODE);
      expect(text, format).not.toContain('BIMAT');
    }
  });
});
