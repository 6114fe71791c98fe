import type { MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.ts';

type Issue = z.core.$ZodIssue;

/** Vietnamese wording for each kind of schema failure: the citizen's app shows these. */
function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Thiếu giá trị bắt buộc.' : 'Sai kiểu dữ liệu.';
    case 'unrecognized_keys':
      return `Trường không được phép: ${issue.keys.join(', ')}.`;
    case 'too_big':
      return issue.origin === 'string' ? `Quá dài (tối đa ${String(issue.maximum)} ký tự).` : `Vượt quá giới hạn cho phép (${String(issue.maximum)}).`;
    case 'too_small':
      return issue.origin === 'string' ? 'Không được để trống.' : `Nhỏ hơn giới hạn cho phép (${String(issue.minimum)}).`;
    case 'invalid_value':
      return 'Giá trị không nằm trong danh sách cho phép.';
    case 'invalid_format':
      return 'Sai định dạng.';
    default:
      return issue.message && /[^\x00-\x7f]/.test(issue.message) ? issue.message : 'Giá trị không hợp lệ.';
  }
}

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issueMessage(issue),
  }));
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('invalid_input', undefined, { details: zodDetails(result.error) });
  return result.data;
}

const JSON_TYPE = /^application\/json\s*(;.*)?$/i;

/** Writes accept JSON only: anything else is 415 before the body is read. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) throw new AppError('unsupported_media_type');
  await next();
};

/** JSON body validated by a zod schema; failures become 400 with Vietnamese details. */
export const jsonBody = <S extends z.ZodType>(schema: S) =>
  validator('json', (value): z.output<S> => parseOrThrow(schema, value));

export const queryOf = <S extends z.ZodType>(schema: S) =>
  validator('query', (value): z.output<S> => parseOrThrow(schema, value));
