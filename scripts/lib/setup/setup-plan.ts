import { z } from 'zod';
import { createStaffSchema, STAFF_ROLES, UNIT_KINDS, unitCode } from '../../../backend/src/http/admin/admin.schemas.ts';
import type { StaffRole, UnitTable } from '../../../backend/src/db/schema.ts';

/** What a set-up file describes, flattened; every record keeps the line it came from. */
export interface SetupPlan {
  units: { line: number; code: string; name: string; kind: UnitTable['kind']; parentCode: string | null }[];
  officers: { line: number; unitCode: string; name: string; title: string | null }[];
  points: { line: number; unitCode: string; label: string; officerName: string | null }[];
  staff: { line: number; unitCode: string; username: string; role: StaffRole; password: string | null }[];
}

export interface LineError {
  line: number;
  message: string;
}

/** A set-up or import file that cannot be applied; nothing from it has been written. */
export class FileErrors extends Error {
  override name = 'FileErrors';
  constructor(
    readonly file: string,
    readonly errors: LineError[],
  ) {
    super(`${file}: ${errors.length} problem${errors.length === 1 ? '' : 's'}, nothing was applied`);
  }

  /** `file:line: message`, as compilers print them, sorted by line. */
  lines(): string[] {
    return [...this.errors].sort((a, b) => a.line - b.line).map((e) => `${this.file}:${e.line}: ${e.message}`);
  }
}

export const text = z
  .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') })
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1, 'must not be empty').max(200, 'at most 200 characters'));

const optionalText = z.preprocess((v) => (v === '' || v === null ? undefined : v), text.optional());

export const officerSchema = z.strictObject({ name: text, title: optionalText });
export const pointSchema = z.strictObject({ label: text, officer: optionalText });
export const staffSchema = z.strictObject({
  username: createStaffSchema.shape.username,
  role: z.enum(STAFF_ROLES, { error: `must be one of ${STAFF_ROLES.join(', ')}` }),
  password: z.preprocess((v) => (v === '' || v === null ? undefined : v), createStaffSchema.shape.password.optional()),
});

const unitFields = {
  code: unitCode,
  name: text,
  kind: z.enum(UNIT_KINDS, { error: `must be one of ${UNIT_KINDS.join(', ')}` }).optional(),
  parent: unitCode.optional(),
  officers: z.array(officerSchema).default([]),
  points: z.array(pointSchema).default([]),
  staff: z.array(staffSchema).default([]),
};

export const yamlSetupSchema = z.strictObject({
  district: z.strictObject(unitFields).optional(),
  communes: z.array(z.strictObject(unitFields)).default([]),
});

export type YamlSetup = z.infer<typeof yamlSetupSchema>;

export const EMPTY_PLAN = (): SetupPlan => ({ units: [], officers: [], points: [], staff: [] });

/** Checks that need the whole file: duplicates and references between records. */
export function crossCheck(plan: SetupPlan): LineError[] {
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  const dup = (key: string, line: number, what: string) => {
    const first = seen.get(key);
    if (first !== undefined) errors.push({ line, message: `${what} is already described on line ${first}` });
    else seen.set(key, line);
  };
  for (const u of plan.units) dup(`unit|${u.code}`, u.line, `unit "${u.code}"`);
  for (const o of plan.officers) dup(`officer|${o.unitCode}|${o.name.toLowerCase()}`, o.line, `officer "${o.name}" of ${o.unitCode}`);
  for (const p of plan.points) dup(`point|${p.unitCode}|${p.label.toLowerCase()}`, p.line, `point "${p.label}" of ${p.unitCode}`);
  for (const s of plan.staff) dup(`staff|${s.username}`, s.line, `username "${s.username}"`);
  for (const u of plan.units) {
    if (u.parentCode === u.code) errors.push({ line: u.line, message: `unit "${u.code}" cannot be its own parent` });
  }
  errors.push(...parentCycles(plan));
  return errors;
}

/** Units of the file whose parents lead back to themselves (a → b → a): no order can create them. */
function parentCycles(plan: SetupPlan): LineError[] {
  const parentOf = new Map(plan.units.map((u) => [u.code, u.parentCode]));
  const errors: LineError[] = [];
  for (const u of plan.units) {
    if (u.parentCode === null || u.parentCode === u.code) continue;
    const path = [u.code];
    let at: string | null | undefined = u.parentCode;
    while (at != null && at !== u.code && path.length <= plan.units.length) {
      path.push(at);
      at = parentOf.get(at);
    }
    if (at === u.code) errors.push({ line: u.line, message: `units form a loop of parents: ${[...path, u.code].join(' → ')}` });
  }
  return errors;
}
