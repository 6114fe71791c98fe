import { describe, expect, it } from 'vitest';
import type { CampaignResponseInput } from '../../src/write-path/campaign-links.ts';
import { useTestbed, type Testbed } from '../helpers/testbed.ts';
import { atInWindow, csvOf, getDay, newEnumerator, outcomeOp, putList, responseOp, seedTown, sipasAnswers, sync, WINDOW, type Day, type ListRow, type Op } from './campaign-fixtures.ts';

/** A commune surveyed by one enumerator: official list of 50 in one field, reserve of 10; a second commune nobody assigned them. */
async function setUp(bed: Testbed) {
  const { t, deps } = bed;
  const town = await seedTown(deps, 'huong-son', 2);
  const [mine, other] = town.communes;
  const sup = await t.login(town.supervisor.username, town.supervisor.password);
  const res = await t.post(
    `/api/units/${town.townId}/campaigns`,
    {
      name: 'Khảo sát Tư pháp',
      formKey: 'sipas',
      ...WINDOW,
      unitIds: [mine!.id, other!.id],
      fields: [{ key: 'tu_phap', name: 'Tư pháp' }],
      quotas: [{ fieldKey: 'tu_phap', respondentKind: 'citizen', official: 50, reserve: 10 }],
    },
    sup,
  );
  expect(res.status).toBe(201);
  const campaignId = ((await res.json()) as { id: string }).id;
  for (const unit of [mine!, other!]) {
    const rows: ListRow[] = [];
    for (let i = 1; i <= 50; i++) rows.push({ list: 'official', order: i, name: `Người ${unit.code} ${i}`, phone: `09${String(i).padStart(8, '0')}` });
    for (let i = 1; i <= 10; i++) rows.push({ list: 'reserve', order: i, name: `Dự phòng ${unit.code} ${i}` });
    expect((await putList(t, sup, campaignId, unit.id, csvOf(rows))).status).toBe(200);
  }
  const bd = await newEnumerator(deps, town.townId, 'bd-huong-son');
  expect((await t.post(`/api/campaigns/${campaignId}/assignments`, { staffId: bd.id, unitIds: [mine!.id] }, sup)).status).toBe(201);
  const eh = await t.login(bd.username, bd.password);
  const day = await getDay(t, eh, campaignId);
  return { town, sup, eh, campaignId, day, mine: mine!, other: other! };
}

/** The day's work: 50 forms, 3 official people refusing, each replaced by the next reserve. */
function offlineDay(day: Day): Op[] {
  const entries = day.units[0]!.entries;
  const official = entries.filter((e) => e.list === 'official');
  const reserve = entries.filter((e) => e.list === 'reserve');
  const refusing = new Set([7, 19, 33]);
  const ops: Op[] = [];
  let minute = 0;
  let nextReserve = 0;
  for (const e of official) {
    if (!refusing.has(e.order)) {
      ops.push(responseOp(e.entryId, sipasAnswers(day.form, 1 + (e.order % 5)), atInWindow(minute++)));
      continue;
    }
    ops.push(outcomeOp(e.entryId, 'refused', atInWindow(minute++)));
    ops.push(responseOp(reserve[nextReserve++]!.entryId, sipasAnswers(day.form, 5), atInWindow(minute++)));
  }
  return ops;
}

async function counts(bed: Testbed) {
  const db = bed.deps.db.kysely;
  const n = async (table: 'responses' | 'campaign_responses' | 'campaign_entry_outcomes') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const tallies = await db.selectFrom('tallies').select(['unit_id', 'form_key', 'day', 'field_id', 'question_key', 'level', 'count']).orderBy('unit_id').orderBy('question_key').orderBy('level').execute();
  return { responses: await n('responses'), links: await n('campaign_responses'), outcomes: await n('campaign_entry_outcomes'), tallies: tallies.map((r) => ({ ...r, count: Number(r.count) })) };
}

describe("an enumerator's offline day, synced exactly once", () => {
  const bed = useTestbed({ unit: false });

  it('stores 50 forms and 3 refusals from one batch; the same batch again, or split and overlapping, adds nothing', async () => {
    const { t } = bed;
    const { eh, campaignId, day } = await setUp(bed);
    const ops = offlineDay(day);
    expect(ops).toHaveLength(53);
    const first = await sync(t, eh, campaignId, ops);
    expect(first.map((r) => r.opId)).toEqual(ops.map((o) => o.opId));
    expect(first.every((r) => r.status === 'stored')).toBe(true);
    const after = await counts(bed);
    // 50 responses, each with its link; 53 outcomes: 50 done and 3 refused.
    expect(after).toMatchObject({ responses: 50, links: 50, outcomes: 53 });
    const refused = await bed.deps.db.kysely.selectFrom('campaign_entry_outcomes').select(['op_id', 'kind', 'device_id']).where('kind', '=', 'refused').execute();
    expect(refused.map((r) => r.op_id).sort()).toEqual(ops.filter((o) => o.kind === 'refused').map((o) => o.opId).sort());

    // The phone never heard back: it sends the same batch again.
    const again = await sync(t, eh, campaignId, ops);
    expect(new Set(again.map((r) => r.status))).toEqual(new Set(['already']));
    expect(await counts(bed)).toEqual(after);
    // Or in two overlapping halves, from another device, in another order.
    const split = [...(await sync(t, eh, campaignId, ops.slice(30).reverse(), 'device-2')), ...(await sync(t, eh, campaignId, ops.slice(0, 35), 'device-2'))];
    expect(new Set(split.map((r) => r.status))).toEqual(new Set(['already']));
    // An op repeated inside one batch counts once.
    const twice = await sync(t, eh, campaignId, [ops[0]!, ops[0]!]);
    expect(twice.map((r) => r.status)).toEqual(['already', 'already']);
    expect(await counts(bed)).toEqual(after);

    // The tallies hold the 50 and the progress says so.
    const progress = (await (await t.get(`/api/campaigns/${campaignId}/progress`, await t.login('pnv-huong-son', 'supervisor-password'))).json()) as { units: { unitId: string; rows: { officialDone: number; reserveUsed: number; done: number; missing: number; refused: number }[] }[] };
    expect(progress.units.find((u) => u.unitId === day.units[0]!.unitId)!.rows[0]).toMatchObject({ officialDone: 47, reserveUsed: 3, done: 50, missing: 0, refused: 3 });
    const statuses = (await getDay(t, eh, campaignId)).units[0]!.entries.map((e) => e.status);
    expect(statuses.filter((s) => s === 'done')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'refused')).toHaveLength(3);
  });

  it('refuses a form outside the window, a person already closed, and a unit not assigned, storing nothing for them', async () => {
    const { t } = bed;
    const { eh, campaignId, day, other, sup } = await setUp(bed);
    const [a, b, c] = day.units[0]!.entries;
    const before = await counts(bed);
    // 15/11 23:59 in Vietnam: the day before the window opens.
    const early = responseOp(a!.entryId, sipasAnswers(day.form, 4), '2026-11-15T16:59:00Z');
    const [r] = await sync(t, eh, campaignId, [early]);
    expect(r).toEqual({ opId: early.opId, status: 'rejected', error: { code: 'outside_window', message: 'Ngoài thời gian khảo sát (16/11/2026 – 30/11/2026).' } });
    expect(await counts(bed)).toEqual(before);

    // A form missing a mandatory answer.
    const partial = responseOp(a!.entryId, { overall: 5 });
    expect((await sync(t, eh, campaignId, [partial]))[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_input' } });

    // Done once; a second form for the same person (a new op) is refused; so is a refusal after it.
    expect((await sync(t, eh, campaignId, [responseOp(a!.entryId, sipasAnswers(day.form, 4))]))[0]!.status).toBe('stored');
    const dup = await sync(t, eh, campaignId, [responseOp(a!.entryId, sipasAnswers(day.form, 2)), outcomeOp(a!.entryId)]);
    expect(dup.map((x) => [x.status, x.error?.code])).toEqual([
      ['rejected', 'conflict'],
      ['rejected', 'conflict'],
    ]);
    // Refused, then a form for them in the same batch: the form is refused.
    const inBatch = await sync(t, eh, campaignId, [outcomeOp(b!.entryId, 'unreachable'), responseOp(b!.entryId, sipasAnswers(day.form, 3))]);
    expect(inBatch.map((x) => x.status)).toEqual(['stored', 'rejected']);
    expect(inBatch[1]!.error!.message).toMatch(/không liên lạc được/);
    // A form dated tomorrow (a clock running ahead) is refused too.
    expect((await sync(t, eh, campaignId, [responseOp(c!.entryId, sipasAnswers(day.form, 3), atInWindow(0, '2026-11-26'))]))[0]).toMatchObject({ status: 'rejected', error: { message: expect.stringMatching(/sau hôm nay/) } });

    // The other commune's list: not theirs.
    const otherList = (await (await t.get(`/api/campaigns/${campaignId}/units/${other.id}/respondents`, sup)).json()) as { entries: { entryId: string }[] };
    const foreign = await sync(t, eh, campaignId, [responseOp(otherList.entries[0]!.entryId, sipasAnswers(day.form, 5))]);
    expect(foreign[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(await counts(bed)).toMatchObject({ responses: 1, links: 1, outcomes: 2 });

    // An enumerator with no unit of this campaign: 403 for the day and the sync; other staff: 403.
    const stranger = await newEnumerator(bed.deps, other.id, 'bd-khac');
    const sh = await t.login(stranger.username, stranger.password);
    expect((await t.get(`/api/enumerator/campaigns/${campaignId}/day`, sh)).status).toBe(403);
    expect((await t.post(`/api/enumerator/campaigns/${campaignId}/sync`, { deviceId: 'x', ops: [responseOp(c!.entryId, sipasAnswers(day.form, 5))] }, sh)).status).toBe(403);
    expect((await t.post(`/api/enumerator/campaigns/${campaignId}/sync`, { deviceId: 'x', ops: [] }, sup)).status).toBe(403);
    expect(((await (await t.get('/api/enumerator/assignments', sh)).json()) as { assignments: unknown[] }).assignments).toEqual([]);
    // A malformed batch is refused whole.
    expect((await t.post(`/api/enumerator/campaigns/${campaignId}/sync`, { deviceId: 'x', ops: [{ ...responseOp(c!.entryId, {}), opId: 'not-a-uuid' }] }, eh)).status).toBe(400);
    expect((await t.post(`/api/enumerator/campaigns/${crypto.randomUUID()}/sync`, { deviceId: 'x', ops: [] }, eh)).status).toBe(404);
  });

  it('two devices closing the same person at once: one wins, the other is told', async () => {
    const { t } = bed;
    const { eh, campaignId, day } = await setUp(bed);
    const entries = day.units[0]!.entries.slice(0, 10);
    const a = entries.map((e) => responseOp(e.entryId, sipasAnswers(day.form, 5)));
    const b = entries.map((e, i) => (i % 2 ? outcomeOp(e.entryId) : responseOp(e.entryId, sipasAnswers(day.form, 1))));
    const [ra, rb] = await Promise.all([sync(t, eh, campaignId, a, 'phone-a'), sync(t, eh, campaignId, b, 'phone-b')]);
    for (let i = 0; i < entries.length; i++) {
      expect([ra[i]!.status, rb[i]!.status].sort()).toEqual(['rejected', 'stored']);
    }
    const c = await counts(bed);
    expect(c.links).toBe(c.responses);
    expect(c.outcomes).toBe(10);
  });

  it('never stores a response without its link: a link that cannot be written takes the response back with it', async () => {
    const { t, deps } = bed;
    const { eh, campaignId, day } = await setUp(bed);
    const [e] = day.units[0]!.entries;
    expect((await sync(t, eh, campaignId, [outcomeOp(e!.entryId)]))[0]!.status).toBe('stored');
    const before = await counts(bed);
    // Straight to the writer, past the sync's checks: the entry is closed, so its link fails.
    const unit = await deps.db.kysely.selectFrom('campaign_units').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', day.units[0]!.unitId).executeTakeFirstOrThrow();
    const record: CampaignResponseInput = {
      id: crypto.randomUUID(),
      unitId: unit.unit_id,
      pointId: unit.point_id,
      officerId: null,
      fieldId: null,
      clientId: crypto.randomUUID(),
      formKey: 'sipas',
      formVersion: 1,
      overallKey: 'overall',
      answers: sipasAnswers(day.form, 5),
      issues: [],
      comment: null,
      dossierCode: null,
      channel: 'enumerator',
      receivedAt: new Date().toISOString(),
      day: '2026-11-24',
      campaign: { campaignId, entryId: e!.entryId, fieldKey: 'tu_phap', respondentKind: 'citizen', list: 'official', at: atInWindow(), staffId: null, deviceId: null },
    };
    await expect(deps.writer.submit(record)).rejects.toThrow();
    expect(await counts(bed)).toEqual(before);
  });
});

describe('the same exactly-once through the writer thread', () => {
  const bed = useTestbed({ unit: false, writerThread: true });

  it('links every response to its entry in the writer thread, once', async () => {
    const { t } = bed;
    const { eh, campaignId, day } = await setUp(bed);
    const ops = offlineDay(day).slice(0, 20);
    expect((await sync(t, eh, campaignId, ops)).every((r) => r.status === 'stored')).toBe(true);
    const once = await counts(bed);
    expect(once.links).toBe(once.responses);
    expect(once.responses).toBe(ops.filter((o) => o.kind === 'response').length);
    expect(new Set((await sync(t, eh, campaignId, ops)).map((r) => r.status))).toEqual(new Set(['already']));
    // A second form for a person already done: refused, not stored.
    const done = ops.find((o) => o.kind === 'response')!;
    const second = await sync(t, eh, campaignId, [{ ...done, opId: crypto.randomUUID() }]);
    expect(second[0]!.status).toBe('rejected');
    expect(await counts(bed)).toEqual(once);
  });
});
