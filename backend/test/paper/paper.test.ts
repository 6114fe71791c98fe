import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPoint } from '../../src/services/setup.service.ts';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import { responseBody, seedUnit } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';

const dir = mkdtempSync(join(tmpdir(), 'hailong-paper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Tallies {
  channel: string | null;
  total: { responses: number; levels: Record<string, number>; channels: Record<string, number> };
  officers: { officerId: string; responses: number; flagged: boolean }[];
  days: { day: string; responses: number }[];
}

const answers = (overall: number) => ({ overall, access: 4, attitude: overall, responsibility: 3, guidance: 4 });

describe('channels: set from what the server knows, tallies per channel', () => {
  const bed = useTestbed();
  const clerk = () => bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
  const tallies = async (q = '') => (await (await bed.t.get(`/api/units/${bed.unit.unitId}/tallies?from=2026-11-25&to=2026-11-25${q}`, await clerk())).json()) as Tallies;

  it('web by default, zalo from the older app\'s "qr", kiosk at a kiosk point whatever the app says', async () => {
    const kiosk = await createPoint(bed.deps, bed.unit.unitId, { label: 'Kiosk sảnh', kind: 'kiosk' });
    expect(kiosk.webLink).toMatch(/\/app\/\?q=[^&]+&kiosk=1$/);
    const post = async (token: string, o: Record<string, unknown>) => expect((await bed.t.post('/api/public/responses', responseBody(token, o))).status).toBe(201);
    await post(bed.unit.counterToken, { answers: answers(5) });
    await post(bed.unit.counterToken, { answers: answers(4), channel: 'qr' });
    await post(bed.unit.counterToken, { answers: answers(4), channel: 'zalo' });
    await post(bed.unit.counterToken, { answers: answers(3), channel: 'kiosk' });
    await post(kiosk.token, { answers: answers(2), channel: 'web' });
    await post(kiosk.token, { answers: answers(1) });
    const stored = await bed.deps.db.kysely.selectFrom('responses').select('channel').orderBy('seq').execute();
    expect(stored.map((r) => r.channel)).toEqual(['web', 'zalo', 'zalo', 'kiosk', 'kiosk', 'kiosk']);
    // Paper and enumerator are never the app's to claim.
    expect((await bed.t.post('/api/public/responses', responseBody(bed.unit.counterToken, { answers: answers(5), channel: 'paper' }))).status).toBe(400);

    const all = await tallies();
    expect(all.channel).toBeNull();
    expect(all.total.responses).toBe(6);
    expect(all.total.channels).toEqual({ web: 1, zalo: 2, kiosk: 3 });
    const kioskOnly = await tallies('&channel=kiosk');
    expect(kioskOnly.channel).toBe('kiosk');
    expect(kioskOnly.total).toMatchObject({ responses: 3, levels: { '1': 1, '2': 1, '3': 1, '4': 0, '5': 0 } });
    expect(kioskOnly.total.channels).toEqual(all.total.channels);
    expect((await tallies('&channel=zalo')).total.levels).toMatchObject({ '4': 2 });
    expect((await tallies('&channel=paper')).total.responses).toBe(0);
    expect((await bed.t.get(`/api/units/${bed.unit.unitId}/tallies?channel=fax`, await clerk())).status).toBe(400);
  });

  it('the same figures per channel as from the tallies, question by question, officer by officer (older "qr" rows as zalo)', async () => {
    // Straight through the writer, as older data was: "qr" rows, and the fixtures' "zalo".
    const { newResponseRecord } = await import('../helpers/fixtures.ts');
    for (let i = 0; i < 30; i++) await bed.deps.writer.submit({ ...newResponseRecord(bed.unit, i), channel: i % 3 === 0 ? 'qr' : 'zalo' });
    const all = await tallies();
    const zalo = await tallies('&channel=zalo');
    expect(zalo.total.responses).toBe(30);
    expect(zalo.total.levels).toEqual(all.total.levels);
    expect(zalo.officers.map((o) => [o.officerId, o.responses, o.flagged])).toEqual(all.officers.map((o) => [o.officerId, o.responses, o.flagged]));
    expect(zalo.days).toEqual(all.days);
    expect(all.total.channels).toEqual({ zalo: 30 });
  });
});

describe('paper ballots: a batch typed, checked against the count found, committed once', () => {
  const bed = useTestbed();
  const clerk = () => bed.t.login(bed.unit.clerk.username, bed.unit.clerk.password);
  const base = () => `/api/units/${bed.unit.unitId}/paper-batches`;
  const open = async (expectedForms: number, extra: Record<string, unknown> = {}) => {
    const res = await bed.t.post(base(), { openedOn: '2026-11-24', countsOn: '2026-11-20', expectedForms, ...extra }, await clerk());
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; status: string; countsOn: string };
  };
  const add = async (batchId: string, body: Record<string, unknown>) => bed.t.post(`${base()}/${batchId}/forms`, body, await clerk());
  const responses = () => bed.deps.db.kysely.selectFrom('responses').selectAll().execute();

  it('stores nothing until the count matches, then 5 responses with channel paper in the batch\'s day; a second commit is refused', async () => {
    const batch = await open(5);
    expect(batch).toMatchObject({ status: 'open', countsOn: '2026-11-20' });
    for (const [i, overall] of [5, 4, 4, 2, 1].entries()) {
      const res = await add(batch.id, { officerId: bed.unit.officers[i % 2], fieldId: bed.unit.fields[0], answers: answers(overall), ...(overall === 1 ? { issues: ['extra_cost'], comment: 'Phải nộp thêm 50.000 đ' } : {}) });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ formNo: i + 1, entered: i + 1 });
      if (i === 3) {
        // Four of five: the commit is refused with the count, nothing stored.
        const early = await bed.t.post(`${base()}/${batch.id}/commit`, {}, await clerk());
        expect(early.status).toBe(409);
        expect(((await early.json()) as { error: { message: string } }).error.message).toBe('Mới nhập 4/5 phiếu: còn thiếu 1 phiếu. Chưa có phiếu nào được ghi.');
        expect(await responses()).toHaveLength(0);
      }
    }
    // A sixth form does not fit the box's count.
    expect((await add(batch.id, { answers: answers(5) })).status).toBe(409);
    // Form 2 corrected before the commit.
    expect((await bed.t.json('PUT', `${base()}/${batch.id}/forms/2`, { officerId: bed.unit.officers[1], answers: answers(5) }, await clerk())).status).toBe(200);

    const commit = await bed.t.post(`${base()}/${batch.id}/commit`, {}, await clerk());
    expect(commit.status).toBe(200);
    expect(await commit.json()).toMatchObject({ stored: 5 });
    const stored = await responses();
    expect(stored).toHaveLength(5);
    expect(new Set(stored.map((r) => r.channel))).toEqual(new Set(['paper']));
    expect(new Set(stored.map((r) => r.day))).toEqual(new Set(['2026-11-20']));
    // The batch keeps each response and who typed it.
    const view = (await (await bed.t.get(`${base()}/${batch.id}`, await clerk())).json()) as { status: string; stored: number; forms: { formNo: number; responseId: string; enteredBy: string }[] };
    expect(view).toMatchObject({ status: 'committed', stored: 5 });
    expect(view.forms.map((f) => f.responseId).sort()).toEqual(stored.map((r) => r.id).sort());
    expect(new Set(view.forms.map((f) => f.enteredBy)).size).toBe(1);

    // Tallies: 5 more, on the batch's day, under paper.
    const t = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/tallies?from=2026-11-01&to=2026-11-30&channel=paper`, await clerk())).json()) as Tallies;
    expect(t.total).toMatchObject({ responses: 5, channels: { paper: 5 }, levels: { '5': 2, '4': 1, '2': 1, '1': 1 } });
    expect(t.days.map((d) => [d.day, d.responses])).toEqual([['2026-11-20', 5]]);

    // The public board shows the month's channels apart, its figures for them together.
    const board = await (await bed.t.get('/board/xa-a')).text();
    expect(board).toContain('data-channels="paper:5"');
    expect(board).toContain('Phiếu giấy (hòm phiếu) <strong>5</strong>');

    // No instant alert for a form typed days later; its misconduct report opens a case.
    expect(await bed.deps.db.kysely.selectFrom('alerts').select('kind').execute()).toEqual([]);
    expect(await bed.deps.db.kysely.selectFrom('cases').select(['kind', 'status']).execute()).toEqual([{ kind: 'misconduct', status: 'new' }]);

    // Once only, and no more changes.
    const again = await bed.t.post(`${base()}/${batch.id}/commit`, {}, await clerk());
    expect(again.status).toBe(409);
    expect((await bed.t.json('DELETE', `${base()}/${batch.id}/forms/1`, undefined, await clerk())).status).toBe(409);
    expect(await responses()).toHaveLength(5);
    // The hash chain and the tallies verify with the paper responses in them.
    expect(await verifyDatabase(bed.deps.db)).toMatchObject({ responses: 5, problems: [] });
  });

  it('two commits at once store the batch once', async () => {
    const batch = await open(3);
    for (let i = 0; i < 3; i++) expect((await add(batch.id, { answers: answers(4) })).status).toBe(201);
    const login = await clerk();
    const [a, b] = await Promise.all([bed.t.post(`${base()}/${batch.id}/commit`, {}, login), bed.t.post(`${base()}/${batch.id}/commit`, {}, login)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await responses()).toHaveLength(3);
  });

  it('rejects bad forms and bad batches with a clear error, changing nothing', async () => {
    const batch = await open(2);
    const bad = [
      { answers: { overall: 6, access: 4, attitude: 4, responsibility: 4, guidance: 4 } },
      { answers: { access: 4, attitude: 4, responsibility: 4, guidance: 4 } },
      { answers: { ...answers(4), tip: 5 } },
      { answers: answers(4), issues: ['bribe'] },
      { answers: answers(4), officerId: 'không-có' },
      { answers: answers(4), fieldId: 'không-có' },
      { answers: answers(4), extra: true },
    ];
    for (const body of bad) expect(`${JSON.stringify(body)} ${(await add(batch.id, body)).status}`).toBe(`${JSON.stringify(body)} 400`);
    expect(await bed.deps.db.kysely.selectFrom('paper_forms').selectAll().execute()).toEqual([]);
    const login = await clerk();
    for (const body of [{ openedOn: '2099-01-01', expectedForms: 3 }, { openedOn: '2026-11-24', expectedForms: 0 }, { openedOn: '24/11/2026', expectedForms: 3 }, { openedOn: '2026-11-24' }]) {
      expect((await bed.t.post(base(), body, login)).status).toBe(400);
    }
    expect((await bed.t.post(`${base()}/không-có/commit`, {}, login)).status).toBe(404);
    // Another unit's clerk sees none of it; the unit's supervisor reads but does not type.
    const other = await seedUnit(bed.deps, 'xa-khac');
    const outsider = await bed.t.login(other.clerk.username, other.clerk.password);
    expect((await add(batch.id, { answers: answers(4) })).status).toBe(201);
    expect((await bed.t.post(`${base()}/${batch.id}/forms`, { answers: answers(4) }, outsider)).status).toBe(403);
    expect((await bed.t.get(`${base()}/${batch.id}`, outsider)).status).toBe(403);
  });

  it('an abandoned batch is discarded; it counts nothing and takes no more forms', async () => {
    const batch = await open(2);
    expect((await add(batch.id, { answers: answers(4) })).status).toBe(201);
    const login = await clerk();
    expect((await bed.t.post(`${base()}/${batch.id}/discard`, {}, login)).status).toBe(200);
    expect((await add(batch.id, { answers: answers(4) })).status).toBe(409);
    expect((await bed.t.post(`${base()}/${batch.id}/commit`, {}, login)).status).toBe(409);
    const list = (await (await bed.t.get(base(), login)).json()) as { batches: { id: string; status: string; forms: number }[] };
    expect(list.batches.find((b) => b.id === batch.id)).toMatchObject({ status: 'discarded', forms: 1 });
    expect(await responses()).toHaveLength(0);
  });

  it('the 25 % rule is looked at once, when the batch is committed', async () => {
    const officer = bed.unit.officers[2]!;
    const batch = await open(12);
    for (const overall of [5, 5, 5, 5, 5, 5, 5, 5, 2, 2, 1, 1]) expect((await add(batch.id, { officerId: officer, answers: answers(overall) })).status).toBe(201);
    expect(await (await bed.t.post(`${base()}/${batch.id}/commit`, {}, await clerk())).json()).toMatchObject({ stored: 12, alerts: 1 });
    const crossings = await bed.deps.db.kysely.selectFrom('alerts').selectAll().where('kind', '=', 'crossing').execute();
    expect(crossings).toHaveLength(1);
    expect(crossings[0]!.officer_id).toBe(officer);
    expect(JSON.parse(crossings[0]!.details)).toMatchObject({ n: 12, dissatisfied: 4, period: '2026-11', source: 'paper' });
    expect(crossings[0]!.text).toContain('4/12');
  });

  it('prints the point\'s form on A4: every question label with its diacritics, boxes to tick', async () => {
    const res = await bed.t.get(`/api/units/${bed.unit.unitId}/paper-form.pdf`, await clerk());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="phieu-khao-sat_xa-a_counter-v\d+\.pdf"$/);
    const file = join(dir, 'phieu.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const form = (await (await bed.t.get(`/api/public/points/${bed.unit.counterToken}`)).json()) as { form: { questions: { label: string }[]; issues: { label: string }[] } };
    for (const q of form.form.questions) expect(text).toContain(q.label.replace(/\s+/g, ' '));
    for (const i of form.form.issues) expect(text).toContain(i.label);
    for (const w of ['PHIẾU KHẢO SÁT MỨC ĐỘ HÀI LÒNG', 'Rất hài lòng', 'Rất không hài lòng', 'Nguyễn Văn An', 'Ý kiến góp ý khác']) expect(text).toContain(w);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, join(tmpdir(), 'hailong-paper-form')]);

    // A form in groups (SIPAS, 19 items): its aspects and factors head their questions. Made after
    // the first PDF in this process, it also shows that the shared fonts give every document a
    // right text layer (before report-pdf.ts emptied fontkit's glyph cache per document, its
    // "theo" came out of pdftotext as "th o").
    const sipas = await createPoint(bed.deps, bed.unit.unitId, { label: 'Khảo sát SIPAS', formKey: 'sipas' });
    const res2 = await bed.t.get(`/api/units/${bed.unit.unitId}/paper-form.pdf?pointId=${sipas.id}`, await clerk());
    expect(res2.status).toBe(200);
    const file2 = join(dir, 'sipas.pdf');
    writeFileSync(file2, Buffer.from(await res2.arrayBuffer()));
    writeFileSync(join(tmpdir(), 'hailong-paper-sipas.pdf'), readFileSync(file2));
    const text2 = execFileSync('pdftotext', [file2, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const f2 = (await (await bed.t.get(`/api/public/points/${sipas.token}`)).json()) as { form: { questions: { label: string }[]; groups: { label: string }[] } };
    expect(f2.form.questions.length).toBeGreaterThanOrEqual(19); // 19 items and the overall question
    for (const q of [...f2.form.questions, ...f2.form.groups]) expect(text2).toContain(q.label.replace(/\s+/g, ' '));
    execFileSync('pdftoppm', ['-r', '60', '-png', file2, join(tmpdir(), 'hailong-paper-sipas')]);
  });
});
