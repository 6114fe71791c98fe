import type { IncomingMessage } from 'node:http';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { decodeUtf8, findIllFormedText, normalizeTexts } from '../../domain/text.ts';
import { AppError, type ErrorDetail } from '../../app-error.ts';

type Issue = z.core.$ZodIssue;

/** What a value of each expected type is called in a Vietnamese message. */
const TYPE_NAMES: Record<string, string> = {
  number: 'một số',
  int: 'một số nguyên',
  string: 'một chuỗi ký tự',
  boolean: 'true hoặc false',
  array: 'một danh sách',
  object: 'một đối tượng JSON',
  record: 'một đối tượng JSON',
};

/** The value at a path of the input, and whether anything is there (undefined counts as absent). */
function valueAt(input: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return { present: false, value: undefined };
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return { present: v !== undefined, value: v };
}

/**
 * Vietnamese wording for each kind of schema failure: the citizen's app shows these. A value of
 * the wrong type is told apart from a missing one by looking at the input itself (zod 4 issues
 * carry no input unless asked to).
 */
function issueMessage(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (!valueAt(input, issue.path).present) return 'Thiếu giá trị bắt buộc.';
      const expected = TYPE_NAMES[issue.expected];
      return expected ? `Sai kiểu dữ liệu: cần ${expected}.` : 'Sai kiểu dữ liệu.';
    }
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

export function zodDetails(error: z.ZodError, input?: unknown): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issueMessage(issue, input),
  }));
}

const ILL_FORMED_TEXT = 'Chứa ký tự không hợp lệ (văn bản không đúng chuẩn Unicode).';

/**
 * Text we would store must be well-formed Unicode: a lone surrogate is stored by the database as
 * U+FFFD, so the response's hash could never be recomputed (issue 23). 400, nothing stored.
 */
export function assertWellFormedText(value: unknown): void {
  const at = findIllFormedText(value);
  if (at) throw new AppError('invalid_input', undefined, { details: [{ path: at.map(String).join('.') || '(body)', message: ILL_FORMED_TEXT }] });
}

/** Validates a value with a schema: its text well-formed and in NFC first, then 400 with Vietnamese details on any mismatch. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  assertWellFormedText(value);
  const normalized = normalizeTexts(value);
  const result = schema.safeParse(normalized);
  if (!result.success) throw new AppError('invalid_input', undefined, { details: zodDetails(result.error, normalized) });
  return result.data;
}

const NOT_UTF8 = 'Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.';

/** Bytes that are not valid UTF-8 are refused (400), never stored with U+FFFD in their place. */
export function utf8OrThrow(bytes: Uint8Array): string {
  const text = decodeUtf8(bytes);
  if (text === null) throw new AppError('invalid_input', NOT_UTF8);
  return text;
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
    return utf8OrThrow(new Uint8Array(buf));
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
    incoming.once('end', () =>
      settle(() => {
        try {
          resolve(utf8OrThrow(Buffer.concat(chunks, size)));
        } catch (err) {
          reject(err);
        }
      }),
    );
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
