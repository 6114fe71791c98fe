import { z } from 'zod';
import { UNIT_KINDS, unitCode } from '../../../backend/src/http/admin/admin.schemas.ts';
import { readCsvRecords, type SourceRecord } from '../../../backend/src/files/csv-records.ts';
import { crossCheck, EMPTY_PLAN, FileErrors, officerSchema, pointSchema, staffSchema, text, type LineError, type SetupPlan } from './setup-plan.ts';

export const SETUP_CSV_COLUMNS = ['type', 'unit', 'name', 'title', 'kind', 'parent', 'officer', 'username', 'role', 'password'] as const;

const blank = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

const unitRow = z.object({
  code: unitCode,
  name: text,
  kind: z.enum(UNIT_KINDS, { error: `must be one of ${UNIT_KINDS.join(', ')}` }).optional(),
  parent: unitCode.optional(),
});

/**
 * A set-up file in CSV, one record per row (header required, extra columns rejected):
 *   type,unit,name,title,kind,parent,officer,username,role,password
 *   unit,tinh-a,UBND tỉnh A,,province,,,,,
 *   unit,xa-b,UBND xã B,,commune,tinh-a,,,,
 *   officer,xa-b,Nguyễn Văn C,Công chức Tư pháp – Hộ tịch,,,,,,
 *   point,xa-b,Quầy tiếp nhận và trả kết quả,,,,,,,
 *   point,xa-b,Bàn Tư pháp – Hộ tịch,,,,Nguyễn Văn C,,,
 *   staff,xa-b,,,,,,vanphong-xa-b,clerk,
 * For a point, `name` is its label and `officer` the desk officer's name. Rows may come in any
 * order (a commune before its province). The same columns in an XLSX workbook: parse-setup-xlsx.ts.
 */
export function parseSetupCsv(source: string, file: string): SetupPlan {
  const { headers, records } = readCsvRecords(source);
  return planFromTable(headers, records, file);
}

/** A set-up table (CSV rows or an XLSX sheet's) into a plan; every problem with its line, or FileErrors. */
export function planFromTable(headers: readonly string[], records: readonly SourceRecord[], file: string): SetupPlan {
  const errors: LineError[] = [];
  const unknown = headers.filter((h) => !(SETUP_CSV_COLUMNS as readonly string[]).includes(h));
  if (headers.length === 0) throw new FileErrors(file, [{ line: 1, message: 'empty file: expected a header row' }]);
  if (unknown.length > 0 || !headers.includes('type') || !headers.includes('unit')) {
    throw new FileErrors(file, [
      { line: 1, message: `header must use the columns ${SETUP_CSV_COLUMNS.join(',')} (unknown: ${unknown.join(', ') || 'none'}; type and unit are required)` },
    ]);
  }
  const plan = EMPTY_PLAN();
  for (const { line, cells } of records) {
    // "#" starts a comment row, in a workbook as in CSV (where the reader already skips it).
    if ((cells['type'] ?? '').startsWith('#')) continue;
    const c = (k: string) => blank(cells[k]);
    const fail = (e: z.ZodError) =>
      e.issues.forEach((i) => errors.push({ line, message: `${i.path.join('.') || 'row'}: ${i.message}` }));
    const unit = unitCode.safeParse(cells['unit'] ?? '');
    if (!unit.success) {
      errors.push({ line, message: `unit: ${unit.error.issues[0]?.message ?? 'invalid unit code'}` });
      continue;
    }
    const unitCodeValue = unit.data;
    switch (cells['type']) {
      case 'unit': {
        const r = unitRow.safeParse({ code: unitCodeValue, name: c('name'), kind: c('kind'), parent: c('parent') });
        if (!r.success) fail(r.error);
        else plan.units.push({ line, code: r.data.code, name: r.data.name, kind: r.data.kind ?? 'commune', parentCode: r.data.parent ?? null });
        break;
      }
      case 'officer': {
        const r = officerSchema.safeParse({ name: c('name'), title: c('title') });
        if (!r.success) fail(r.error);
        else plan.officers.push({ line, unitCode: unitCodeValue, name: r.data.name, title: r.data.title ?? null });
        break;
      }
      case 'point': {
        const r = pointSchema.safeParse({ label: c('name'), officer: c('officer') });
        if (!r.success) fail(r.error);
        else plan.points.push({ line, unitCode: unitCodeValue, label: r.data.label, officerName: r.data.officer ?? null });
        break;
      }
      case 'staff': {
        const r = staffSchema.safeParse({ username: c('username'), role: c('role'), password: c('password') });
        if (!r.success) fail(r.error);
        else plan.staff.push({ line, unitCode: unitCodeValue, username: r.data.username, role: r.data.role, password: r.data.password ?? null });
        break;
      }
      default:
        errors.push({ line, message: `type: must be one of unit, officer, point, staff (got "${cells['type'] ?? ''}")` });
    }
  }
  errors.push(...crossCheck(plan));
  if (errors.length > 0) throw new FileErrors(file, errors);
  return plan;
}
