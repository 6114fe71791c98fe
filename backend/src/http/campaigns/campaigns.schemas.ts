import { z } from 'zod';
import { answersSchema } from '../public/responses.schema.ts';

const noNul = (s: string) => !s.includes('\u0000');
const text = (max: number) => z.string().trim().min(1).max(max).refine(noNul, 'Không được chứa ký tự NUL.');
const key = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới (tối đa 32 ký tự), bắt đầu bằng chữ.');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');
const id = z.string().min(1).max(64);
const size = z.number().int().min(0).max(100_000);

/** POST /api/units/:unitId/campaigns (contract of issue 29). */
export const createCampaignSchema = z.strictObject({
  name: text(200),
  formKey: key,
  opensOn: day,
  closesOn: day,
  unitIds: z.array(id).min(1, 'Cần ít nhất một đơn vị.').max(10_000),
  fields: z.array(z.strictObject({ key, name: text(200) })).min(1, 'Cần ít nhất một lĩnh vực.').max(50),
  respondentKinds: z
    .array(z.strictObject({ key, label: text(100) }))
    .min(1)
    .max(10)
    .optional(),
  /** A row without unitId is the quota of every unit that has no row of its own for the field and kind. */
  quotas: z.array(z.strictObject({ unitId: id.optional(), fieldKey: key, respondentKind: key, official: size, reserve: size })).max(100_000),
});

/** POST /api/campaigns/:campaignId/assignments. */
export const assignmentSchema = z.strictObject({
  staffId: id,
  unitIds: z.array(id).min(1, 'Cần ít nhất một đơn vị.').max(10_000),
});

const opId = z.uuid('Mã thao tác (opId) phải là UUID.').transform((s) => s.toLowerCase());
const at = z.iso.datetime({ offset: true, message: 'Thời điểm phải là ISO 8601 (vd. 2021-10-27T09:30:00+07:00).' });

/** POST /api/enumerator/campaigns/:campaignId/sync: at most 500 ops. */
export const syncSchema = z.strictObject({
  deviceId: text(100),
  ops: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({
          opId,
          kind: z.literal('response'),
          entryId: id,
          answers: answersSchema,
          issues: z.array(z.string().max(64)).max(40).readonly().optional(),
          comment: z.string().max(1000).refine(noNul, 'Không được chứa ký tự NUL.').optional(),
          at,
        }),
        z.strictObject({ opId, kind: z.enum(['refused', 'unreachable']), entryId: id, at, note: z.string().max(500).refine(noNul, 'Không được chứa ký tự NUL.').optional() }),
      ]),
    )
    .max(500, 'Tối đa 500 thao tác mỗi lần đồng bộ.'),
});
