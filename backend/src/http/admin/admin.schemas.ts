import { POINT_KINDS } from '../../domain/channels.ts';
import { UNIT_KINDS } from '../../domain/unit-kinds.ts';
import { z } from 'zod';

const name = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(200).refine((s) => !s.includes('\u0000'), 'no NUL characters'));

export const unitCode = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lowercase letters, digits and -, 2–64 characters');
export { UNIT_KINDS };

export const createUnitSchema = z.strictObject({
  code: unitCode,
  name,
  kind: z.enum(UNIT_KINDS).optional(),
  parentCode: unitCode.optional(),
});

export const createOfficerSchema = z.strictObject({ name, title: name.optional() });

export const createPointSchema = z.strictObject({
  label: name,
  officerId: z.string().min(1).max(64).optional(),
  /** The form the point serves (its latest version); default the counter form. */
  formKey: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'lowercase key').optional(),
  /** 'kiosk': a shared tablet at the counter (its link opens kiosk mode); default 'counter'. */
  kind: z.enum(POINT_KINDS).optional(),
});

export const STAFF_ROLES = ['clerk', 'chairman', 'supervisor', 'enumerator'] as const;
export const createStaffSchema = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9._-]{3,64}$/, 'letters, digits, . _ -, 3–64 characters').transform((s) => s.toLowerCase()),
  password: z.string().min(8).max(200),
  role: z.enum(STAFF_ROLES),
});

export const activeSchema = z.strictObject({ active: z.boolean() });
