import { CLAIMABLE_CHANNELS } from '../../domain/channels.ts';
import { z } from 'zod';

const level = z.number().int().min(1).max(5);
// PostgreSQL text cannot hold NUL; reject it here so both dialects store the same thing.
const noNul = (s: string) => !s.includes('\u0000');
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC'))
    .pipe(z.string().max(max).refine(noNul, 'Không được chứa ký tự NUL.'));
const id = z.string().min(1).max(64);

/**
 * Question key → level. Which keys, and which of them are mandatory, is the point's form's to
 * say: responses.service.ts checks them against it (400 for a key the form lacks or a missing
 * mandatory answer).
 */
export const answersSchema = z.record(z.string().max(64), level).refine((a) => Object.keys(a).length <= 100, 'Quá nhiều câu trả lời.');

/** POST /api/public/responses (API.md): unknown keys anywhere are rejected. */
export const responseBodySchema = z.strictObject({
  // A point token is 29 characters; a receipt ticket ~100, up to ~330 with a long Vietnamese dossier code.
  token: z.string().min(1).max(512),
  clientId: z.uuid().transform((s) => s.toLowerCase()),
  officerId: id.optional(),
  fieldId: id.optional(),
  /** The form version the citizen answered (GET …/points/:token told it); default the point's latest. */
  formVersion: z.number().int().min(1).max(1_000_000).optional(),
  answers: answersSchema,
  issues: z.array(z.string().max(64)).max(40).optional(),
  comment: text(1000)
    .transform((s) => s.trim())
    .optional(),
  dossierCode: text(64)
    .transform((s) => s.trim())
    .optional(),
  zaloAccessToken: z.string().max(4096).optional(),
  // The app's word; the server decides where it knows better (domain/channels.ts). 'qr' is the older Mini App's 'zalo'.
  channel: z.enum(CLAIMABLE_CHANNELS).optional(),
});

export type ResponseBody = z.output<typeof responseBodySchema>;
