import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countResponses } from '../../src/db/responses.repository.ts';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import { createTestDeps, type TestDeps } from '../helpers/test-deps.ts';
import { expectErrorShape, responseBody, seedUnit, testApp, type SeededUnit } from '../helpers/fixtures.ts';

let deps: TestDeps;
let unit: SeededUnit;
let t: ReturnType<typeof testApp>;
let clerk: Record<string, string>;
beforeAll(async () => {
  deps = await createTestDeps();
  unit = await seedUnit(deps, 'xa-text');
  t = testApp(deps);
  clerk = await t.login(unit.clerk.username, unit.clerk.password);
});
afterAll(() => deps.close());

/** A JSON body written by hand, so that escapes like \ud800 reach the server as they are. */
const raw = (path: string, body: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const counterBody = (extra: string) =>
  `{"token":"${unit.counterToken}","clientId":"${crypto.randomUUID()}","answers":{"overall":5,"access":5,"attitude":5,"responsibility":5,"guidance":5}${extra}}`;

describe('text that is not well-formed Unicode (issue 23, item 1)', () => {
  it('a lone surrogate in comment or dossierCode → 400 naming the field, nothing stored, verify still passes', async () => {
    const before = await countResponses(deps.db.kysely);
    for (const [extra, path] of [
      [',"comment":"\\ud800"', 'comment'],
      [',"comment":"Cán bộ \\udfff tốt"', 'comment'],
      [',"dossierCode":"HS-\\udbff"', 'dossierCode'],
    ] as const) {
      const body = await expectErrorShape(await raw('/api/public/responses', counterBody(extra)), 400, 'invalid_input');
      expect(body.error.details).toEqual([{ path, message: 'Chứa ký tự không hợp lệ (văn bản không đúng chuẩn Unicode).' }]);
    }
    expect(await countResponses(deps.db.kysely)).toBe(before);
    expect((await verifyDatabase(deps.db)).problems).toEqual([]);
  });

  it('a surrogate pair (an emoji) is fine and verifies', async () => {
    const res = await raw('/api/public/responses', counterBody(',"comment":"Rất tốt \\ud83d\\ude00"'));
    expect(res.status).toBe(201);
    const r = await verifyDatabase(deps.db);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('bytes that are not valid UTF-8 → 400, never stored with U+FFFD in their place', async () => {
    const before = await countResponses(deps.db.kysely);
    const body = Buffer.concat([Buffer.from(counterBody(',"comment":"ab').slice(0, -1)), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await t.app.request('/api/public/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = await expectErrorShape(res, 400, 'invalid_input');
    expect(json.error.message).toBe('Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.');
    expect(await countResponses(deps.db.kysely)).toBe(before);
  });

  it('every other route that stores text refuses it too: names, labels, notes, alert acks, staff', async () => {
    const unitsBefore = await deps.db.kysely.selectFrom('units').select('id').execute();
    for (const [path, body, headers] of [
      ['/api/admin/units', '{"code":"xa-bad","name":"UBND \\ud800"}', t.admin],
      [`/api/admin/units/${unit.unitId}/officers`, '{"name":"Cán bộ \\udc00"}', t.admin],
      [`/api/admin/units/${unit.unitId}/points`, '{"label":"Quầy \\ud801"}', t.admin],
      [`/api/admin/units/${unit.unitId}/staff`, '{"username":"x\\ud800","password":"long-enough-password","role":"clerk"}', t.admin],
      ['/api/auth/login', '{"username":"a","password":"\\ud800"}', {}],
    ] as const) {
      await expectErrorShape(await raw(path, body, headers), 400, 'invalid_input');
    }
    expect(await deps.db.kysely.selectFrom('units').select('id').execute()).toHaveLength(unitsBefore.length);

    // A handling note on a comment.
    const posted = responseBody(unit.counterToken, { comment: 'Cần góp ý' });
    expect((await t.post('/api/public/responses', posted)).status).toBe(201);
    const stored = await deps.db.kysely.selectFrom('responses').select('id').where('client_id', '=', posted.clientId).executeTakeFirstOrThrow();
    await expectErrorShape(await raw(`/api/units/${unit.unitId}/comments/${stored.id}/notes`, '{"handled":true,"note":"đã xử lý \\ud800"}', clerk), 400, 'invalid_input');
    expect(await deps.db.kysely.selectFrom('handling_notes').selectAll().execute()).toEqual([]);
  });

  it('text is stored in NFC, whatever form the phone sent', async () => {
    const nfd = 'Nguye\u0302\u0303n Va\u0306n A'; // decomposed
    const b = responseBody(unit.counterToken, { comment: nfd });
    expect((await t.post('/api/public/responses', b)).status).toBe(201);
    const row = await deps.db.kysely.selectFrom('responses').select('comment').where('client_id', '=', b.clientId).executeTakeFirstOrThrow();
    expect(row.comment).toBe('Nguyễn Văn A');
    expect(row.comment).toBe(nfd.normalize('NFC'));
  });
});

describe('verify on rows stored before the fix (issue 23, item 1)', () => {
  it('tells a row sent with a lone surrogate ("not well-formed text") apart from an altered row', async () => {
    const d = await createTestDeps();
    try {
      const u = await seedUnit(d, 'xa-old', { staff: false });
      const tt = testApp(d);
      for (let i = 0; i < 3; i++) expect((await tt.post('/api/public/responses', responseBody(u.counterToken))).status).toBe(201);
      // What the code before the fix did: hash the JavaScript string (JSON.stringify writes a lone
      // surrogate as the escape \ud800), store the row (the database writes U+FFFD), move the head.
      const head = await d.db.kysely.selectFrom('chain_heads').selectAll().where('unit_id', '=', u.unitId).executeTakeFirstOrThrow();
      const id = crypto.randomUUID();
      const row = {
        id,
        unit_id: u.unitId,
        seq: head.seq + 1,
        point_id: u.counterPointId,
        officer_id: null,
        field_id: null,
        client_id: crypto.randomUUID(),
        form_key: 'counter',
        form_version: 1,
        answers: JSON.stringify({ access: 5, attitude: 5, guidance: 5, overall: 5, responsibility: 5 }),
        issues: '[]',
        comment: 'tốt \ud800',
        dossier_code: null,
        channel: 'web',
        received_at: '2026-11-25T03:00:10.000Z',
        day: '2026-11-25',
      };
      const record = {
        id: row.id,
        unitId: row.unit_id,
        seq: row.seq,
        pointId: row.point_id,
        officerId: null,
        fieldId: null,
        clientId: row.client_id,
        formKey: 'counter',
        formVersion: 1,
        answers: JSON.parse(row.answers) as unknown,
        issues: [],
        comment: row.comment,
        dossierCode: null,
        channel: row.channel,
        receivedAt: row.received_at,
        day: row.day,
      };
      const sortDeep = (v: unknown): unknown =>
        Array.isArray(v) ? v.map(sortDeep) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])])) : v;
      const hash = createHash('sha256').update(head.hash).update(JSON.stringify(sortDeep(record))).digest('hex');
      await d.db.kysely.insertInto('responses').values({ ...row, prev_hash: head.hash, hash }).execute();
      await d.db.kysely.updateTable('chain_heads').set({ seq: row.seq, hash }).where('unit_id', '=', u.unitId).execute();
      // Its tally cells as they are after migration 012: each answer, and its channel with the overall level.
      for (const [question, level] of [...Object.entries(JSON.parse(row.answers) as Record<string, number>), ['channel:web', 5] as const]) {
        await d.db.kysely
          .insertInto('tallies')
          .values({ unit_id: u.unitId, form_key: 'counter', day: row.day, officer_id: '', field_id: '', question_key: question, level, count: 1 })
          .onConflict((oc) => oc.columns(['unit_id', 'form_key', 'question_key', 'day', 'officer_id', 'field_id', 'level']).doUpdateSet((eb) => ({ count: eb('tallies.count', '+', 1) })))
          .execute();
      }
      // Later responses chain on as usual.
      expect((await tt.post('/api/public/responses', responseBody(u.counterToken))).status).toBe(201);

      const r = await verifyDatabase(d.db);
      expect(r.problems).toEqual([]);
      expect(r.notes).toHaveLength(1);
      expect(r.notes[0]).toMatchObject({ unitCode: 'xa-old', kind: 'text' });
      expect(r.notes[0]!.message).toContain('not well-formed text, not altered');
      expect(r.notes[0]!.message).toContain('\\ud800');

      // Real tampering with that same row is still reported as altered.
      await d.db.kysely.updateTable('responses').set({ channel: 'kiosk' }).where('id', '=', id).execute();
      const after = await verifyDatabase(d.db);
      expect(after.notes).toEqual([]);
      expect(after.problems.some((p) => p.kind === 'chain' && p.message.includes(id) && p.message.includes('altered'))).toBe(true);
    } finally {
      await d.close();
    }
  });
});

describe('wrong types are not called missing (issue 23, item 7)', () => {
  it('"overall": "5" → "Sai kiểu dữ liệu: cần một số.", a missing answer → "Thiếu giá trị bắt buộc."', async () => {
    const wrong = await expectErrorShape(
      await t.post('/api/public/responses', responseBody(unit.counterToken, { answers: { overall: '5', access: 5, attitude: 5, responsibility: 5, guidance: 5 } })),
      400,
      'invalid_input',
    );
    expect(wrong.error.details).toEqual([{ path: 'answers.overall', message: 'Sai kiểu dữ liệu: cần một số.' }]);
    const missing = await expectErrorShape(
      await t.post('/api/public/responses', responseBody(unit.counterToken, { answers: { access: 5, attitude: 5, responsibility: 5, guidance: 5 } })),
      400,
    );
    expect(missing.error.details).toEqual([{ path: 'answers.overall', message: 'Thiếu giá trị bắt buộc.' }]);
    const nul = await expectErrorShape(await t.post('/api/public/responses', responseBody(unit.counterToken, { comment: 12 })), 400);
    expect(nul.error.details).toEqual([{ path: 'comment', message: 'Sai kiểu dữ liệu: cần một chuỗi ký tự.' }]);
    const nulled = await expectErrorShape(await t.post('/api/public/responses', responseBody(unit.counterToken, { answers: null })), 400);
    expect(nulled.error.details).toEqual([{ path: 'answers', message: 'Sai kiểu dữ liệu: cần một đối tượng JSON.' }]);
  });
});
