import { z } from 'zod';
import { COUNTER_QUESTION_KEYS, ISSUE_KEYS } from '../../domain/form.ts';

const level = z.number().int().min(1).max(5);
// PostgreSQL text cannot hold NUL; reject it here so both dialects store the same thing.
const noNul = (s: string) => !s.includes('\u0000');
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC'))
    .pipe(z.string().max(max).refine(noNul, 'Không được chứa ký tự NUL.'));
const id = z.string().min(1).max(64);

export const answersSchema = z.strictObject(
  Object.fromEntries(COUNTER_QUESTION_KEYS.map((k) => [k, level])) as Record<(typeof COUNTER_QUESTION_KEYS)[number], typeof level>,
);

/** POST /api/public/responses (API.md): unknown keys anywhere are rejected. */
export const responseBodySchema = z.strictObject({
  token: z.string().min(1).max(128),
  clientId: z.uuid().transform((s) => s.toLowerCase()),
  officerId: id.optional(),
  fieldId: id.optional(),
  answers: answersSchema,
  issues: z.array(z.enum(ISSUE_KEYS)).max(ISSUE_KEYS.length * 2).optional(),
  comment: text(1000)
    .transform((s) => s.trim())
    .optional(),
  dossierCode: text(64)
    .transform((s) => s.trim())
    .optional(),
  zaloAccessToken: z.string().max(4096).optional(),
  channel: z.enum(['qr', 'web', 'kiosk']).optional(),
});

export type ResponseBody = z.output<typeof responseBodySchema>;
