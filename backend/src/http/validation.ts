import type { IncomingMessage } from 'node:http';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
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

const DEFAULT_MAX_BYTES = 65_536;

/**
 * The raw body as text, at most `max` bytes (413 past it, counted while reading). On Node it reads
 * the IncomingMessage directly: building a web Request body stream costs more than the rest of
 * the request.
 */
async function readBodyText(c: Context, max: number): Promise<string> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new AppError('payload_too_large');
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function' || incoming.readableEnded) {
    const buf = await c.req.arrayBuffer();
    if (buf.byteLength > max) throw new AppError('payload_too_large');
    return new TextDecoder().decode(buf);
  }
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    incoming.on('data', (chunk: Buffer) => {
      if (settled) return; // past the limit: drain and drop the rest
      size += chunk.length;
      if (size > max) settle(() => reject(new AppError('payload_too_large')));
      else chunks.push(chunk);
    });
    incoming.once('end', () => settle(() => resolve(Buffer.concat(chunks, size).toString('utf8'))));
    incoming.once('error', () => settle(() => reject(new AppError('invalid_input', 'Không đọc được nội dung gửi lên.'))));
  });
}

/**
 * A JSON body (Content-Type application/json, else 415; at most `maxBytes`, else 413) validated by
 * a zod schema (400 with Vietnamese details). Typed like Hono's validator, so `hc` sees the input.
 */
export const jsonBody = <S extends z.ZodType>(schema: S, opts: { maxBytes?: number } = {}) =>
  createMiddleware<Env, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }>(async function jsonBody(c, next) {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) throw new AppError('unsupported_media_type');
    const text = await readBodyText(c, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError('invalid_json');
    }
    c.req.addValidatedData('json', parseOrThrow(schema, value) as object);
    await next();
  });

export const queryOf = <S extends z.ZodType>(schema: S) =>
  validator('query', (value): z.output<S> => parseOrThrow(schema, value));
