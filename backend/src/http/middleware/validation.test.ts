import { Hono } from 'hono';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { errorHandler } from './error-handler.ts';
import { jsonBody, queryOf } from './validation.ts';

const body = z.strictObject({ name: z.string().max(10), level: z.number().int().min(1).max(5), tags: z.array(z.string()).optional() });
const app = new Hono()
  .post('/', jsonBody(body, { maxBytes: 200 }), (c) => c.json(c.req.valid('json')))
  .get('/', queryOf(z.object({ n: z.coerce.number().int().min(1) })), (c) => c.json(c.req.valid('query')))
  .onError(errorHandler(createLogger('silent')));

const post = (data: string | Uint8Array, type = 'application/json') => app.request('/', { method: 'POST', headers: type ? { 'content-type': type } : {}, body: data });
const error = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details?: { path: string; message: string }[] } }).error;

describe('jsonBody', () => {
  it('passes a valid body through, its text in NFC', async () => {
    const res = await post(JSON.stringify({ name: 'Nguye\u0302\u0303n', level: 3 }));
    expect(await res.json()).toEqual({ name: 'Nguyễn', level: 3 });
  });

  it('415 for anything but JSON, before reading it', async () => {
    expect((await post('{}', 'text/plain')).status).toBe(415);
    expect((await post('{}', '')).status).toBe(415);
  });

  it('413 past the size limit, 400 invalid_json for broken JSON', async () => {
    expect((await post(JSON.stringify({ name: 'x'.repeat(300), level: 1 }))).status).toBe(413);
    const broken = await post('{"name":');
    expect(broken.status).toBe(400);
    expect((await error(broken)).code).toBe('invalid_json');
  });

  it('400 with a Vietnamese message per problem: missing, wrong type, out of range, unknown key', async () => {
    const res = await post(JSON.stringify({ name: 5, extra: true }));
    expect(res.status).toBe(400);
    expect((await error(res)).details).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'Sai kiểu dữ liệu: cần một chuỗi ký tự.' },
        { path: 'level', message: 'Thiếu giá trị bắt buộc.' },
        { path: '(body)', message: 'Trường không được phép: extra.' },
      ]),
    );
    expect((await error(await post(JSON.stringify({ name: 'a', level: 9 })))).details).toEqual([{ path: 'level', message: 'Vượt quá giới hạn cho phép (5).' }]);
    expect((await error(await post(JSON.stringify({ name: 'a', level: 1, tags: 'x' })))).details).toEqual([{ path: 'tags', message: 'Sai kiểu dữ liệu: cần một danh sách.' }]);
  });

  it('refuses text that is not well-formed Unicode, and bytes that are not UTF-8', async () => {
    expect((await error(await post('{"name":"\\ud800","level":1}'))).details).toEqual([{ path: 'name', message: 'Chứa ký tự không hợp lệ (văn bản không đúng chuẩn Unicode).' }]);
    expect((await error(await post(Uint8Array.from([0x7b, 0x22, 0x6e, 0xff, 0x22, 0x3a, 0x31, 0x7d])))).message).toBe('Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.');
  });
});

describe('queryOf', () => {
  it('validates the query string the same way', async () => {
    expect(await (await app.request('/?n=3')).json()).toEqual({ n: 3 });
    const bad = await app.request('/?n=zero');
    expect(bad.status).toBe(400);
    expect((await error(bad)).details?.[0]?.path).toBe('n');
  });
});
