import { describe, expect, it } from 'vitest';
import { runDigests } from '../../src/jobs/digest.ts';
import { newResponseRecord, responseBody, seedUnit } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';

// The writer thread is what servers run: on PostgreSQL its connection is pipelined, so the
// rules' reads ahead and their writes with the COMMIT take that path (dialects/postgres/pipeline.ts).
describe.each([
  { writer: 'in-process writer', writerThread: false },
  { writer: 'writer thread', writerThread: true },
])('alert rules ($writer)', ({ writerThread }) => {
  // The batch mechanics at small n: instant 25 % alerts from n = 1 here (the policy is tested below).
  const bed = useTestbed({ writerThread, env: { ALERT_MIN_RESPONSES: '1' } });

  const rate = async (overall: number, officer = bed.unit.officers[1]) => {
    const res = await bed.t.post('/api/public/responses', responseBody(bed.unit.counterToken, { officerId: officer, answers: { overall, access: 3, attitude: 3, responsibility: 3, guidance: 3 } }));
    expect(res.status).toBe(201);
  };
  const alerts = (kind: 'response' | 'crossing' | 'digest') => bed.deps.db.kysely.selectFrom('alerts').selectAll().where('kind', '=', kind).orderBy('created_at').execute();

  it('rule 2: two officers crossing in one batch each get their alert, from their own figures', async () => {
    for (const officer of [bed.unit.officers[1], bed.unit.officers[2]]) for (const l of [5, 5, 4]) await rate(l, officer);
    const before = bed.deps.writer.stats.maxBatch;
    // Submitted in one turn of the event loop: the writer commits them as one batch.
    await Promise.all([rate(2), rate(2), rate(1, bed.unit.officers[2]), rate(2, bed.unit.officers[2])]);
    expect(bed.deps.writer.stats.maxBatch).toBeGreaterThanOrEqual(Math.max(before, 4));
    const crossing = await alerts('crossing');
    expect(crossing.map((c) => c.officer_id).sort()).toEqual([bed.unit.officers[1], bed.unit.officers[2]].sort());
    for (const c of crossing) expect(JSON.parse(c.details)).toMatchObject({ n: 5, dissatisfied: 2, share: 0.4 });
  });

  it('rule 1: "Rất không hài lòng" or any issue → one alert per response, in the same transaction', async () => {
    await rate(2);
    expect(await alerts('response')).toHaveLength(0);
    await rate(1);
    await bed.t.post('/api/public/responses', responseBody(bed.unit.counterToken, { issues: ['harassment'] }));
    const body = responseBody(bed.unit.counterToken, { answers: { overall: 1, access: 1, attitude: 1, responsibility: 1, guidance: 1 } });
    await bed.t.post('/api/public/responses', body);
    await bed.t.post('/api/public/responses', body); // a retry: stored once, alerted once
    expect(await alerts('response')).toHaveLength(3);
    const ids = (await alerts('response')).map((a) => a.id);
    const outbox = await bed.deps.db.kysely.selectFrom('outbox').selectAll().where('alert_id', 'in', ids).execute();
    expect(outbox).toHaveLength(6); // chairman + clerk each
  });

  it('rule 1: the alert names the unit, the officer and the field, or says none was chosen', async () => {
    const fieldName = (await bed.deps.db.kysely.selectFrom('fields').select('name').where('id', '=', bed.unit.fields[0]!).executeTakeFirstOrThrow()).name;
    const named = responseBody(bed.unit.counterToken, { officerId: bed.unit.officers[1], fieldId: bed.unit.fields[0], answers: { overall: 1, access: 3, attitude: 3, responsibility: 3, guidance: 3 } });
    expect((await bed.t.post('/api/public/responses', named)).status).toBe(201);
    expect((await bed.t.post('/api/public/responses', responseBody(bed.unit.counterToken, { issues: ['harassment'] }))).status).toBe(201);
    const made = await alerts('response');
    // Both may carry the same (test clock) time: tell them apart by officer.
    const first = made.find((a) => a.officer_id === bed.unit.officers[1]);
    const second = made.find((a) => a.officer_id === null);
    expect(first!.text).toContain('UBND xã xa-a: phản ánh cần chú ý');
    expect(first!.text).toContain('Cán bộ: Trần Thị Bình');
    expect(first!.text).toContain(`Lĩnh vực: ${fieldName}`);
    expect(second!.text).toContain('Cán bộ: không chọn');
    expect(second!.text).not.toContain('Lĩnh vực');
  });

  it('one batch over two units: each alert names its own unit, officer and field and goes to its own staff', async () => {
    const b = await seedUnit(bed.deps, 'xa-b');
    const staffOf = async (unitId: string) => (await bed.deps.db.kysely.selectFrom('staff').select('id').where('unit_id', '=', unitId).orderBy('id').execute()).map((r) => r.id);
    const fieldA = (await bed.deps.db.kysely.selectFrom('fields').select('name').where('id', '=', bed.unit.fields[1]!).executeTakeFirstOrThrow()).name;
    const post = async (token: string, o: Parameters<typeof responseBody>[1]) => expect((await bed.t.post('/api/public/responses', responseBody(token, o))).status).toBe(201);
    const low = (overall: number) => ({ overall, access: 3, attitude: 3, responsibility: 3, guidance: 3 });
    for (const overall of [5, 5, 4]) await post(b.counterToken, { officerId: b.officers[2], answers: low(overall) });
    const batches = bed.deps.writer.stats.batches;
    // Submitted together: one batch with two rule-1 alerts and two crossings (unit A's officer:
    // 1 of 1 dissatisfied; unit B's third officer: 2 of 5).
    const outcomes = await Promise.all(
      [
        newResponseRecord(bed.unit, 0, { officerId: bed.unit.officers[1]!, fieldId: bed.unit.fields[1]!, answers: low(1) }),
        newResponseRecord(b, 1, { officerId: null, issues: ['harassment'] }),
        newResponseRecord(b, 2, { officerId: b.officers[2]!, answers: low(2) }),
        newResponseRecord(b, 3, { officerId: b.officers[2]!, answers: low(2) }),
      ].map((r) => bed.deps.writer.submit(r)),
    );
    expect(outcomes.every((o) => o.created)).toBe(true);
    expect(bed.deps.writer.stats.batches).toBe(batches + 1);
    const made = await bed.deps.db.kysely.selectFrom('alerts').selectAll().execute();
    expect(made.map((a) => `${a.unit_id === bed.unit.unitId ? 'A' : 'B'} ${a.kind}`).sort()).toEqual(['A crossing', 'A response', 'B crossing', 'B response']);
    const inA = made.find((a) => a.unit_id === bed.unit.unitId && a.kind === 'response')!;
    const crossingInA = made.find((a) => a.unit_id === bed.unit.unitId && a.kind === 'crossing')!;
    const issueInB = made.find((a) => a.unit_id === b.unitId && a.kind === 'response')!;
    const crossingInB = made.find((a) => a.unit_id === b.unitId && a.kind === 'crossing')!;
    expect(inA.text).toContain('UBND xã xa-a');
    expect(inA.text).toContain('Cán bộ: Trần Thị Bình');
    expect(inA.text).toContain(`Lĩnh vực: ${fieldA}`);
    expect(crossingInA.text).toContain('UBND xã xa-a');
    expect(crossingInA.text).toContain('Trần Thị Bình');
    expect(issueInB.text).toContain('UBND xã xa-b');
    expect(issueInB.text).toContain('Cán bộ: không chọn');
    expect(crossingInB.text).toContain('UBND xã xa-b');
    expect(crossingInB.text).toContain('Lê Văn Cường');
    expect(JSON.parse(crossingInB.details)).toMatchObject({ n: 5, dissatisfied: 2 });
    const recipientsOf = async (alertId: string) =>
      (await bed.deps.db.kysely.selectFrom('outbox').select(['recipient_staff_id', 'text', 'status']).where('alert_id', '=', alertId).orderBy('recipient_staff_id').execute()).map((m) => {
        expect(m.status).toBe('pending');
        expect(m.text).toBe(made.find((a) => a.id === alertId)!.text);
        return m.recipient_staff_id;
      });
    expect(await recipientsOf(crossingInA.id)).toEqual(await staffOf(bed.unit.unitId));
    expect(await recipientsOf(inA.id)).toEqual(await staffOf(bed.unit.unitId));
    expect(await recipientsOf(issueInB.id)).toEqual(await staffOf(b.unitId));
    expect(await recipientsOf(crossingInB.id)).toEqual(await staffOf(b.unitId));
  });

  it('rule 3: the digest fires at the local time, once per unit per day, even with concurrent schedulers', async () => {
    await seedUnit(bed.deps, 'xa-b');
    await rate(5);
    await rate(2);
    bed.deps.setNow('2026-11-25T10:29:00.000Z'); // 17:29 in Vietnam
    expect(await runDigests(bed.deps)).toBe(0);
    bed.deps.setNow('2026-11-25T10:30:00.000Z'); // 17:30
    const made = await Promise.all([runDigests(bed.deps), runDigests(bed.deps), runDigests(bed.deps)]);
    expect(made.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await runDigests(bed.deps)).toBe(0);
    bed.deps.setNow('2026-11-25T16:59:00.000Z'); // 23:59, same local day
    expect(await runDigests(bed.deps)).toBe(0);
    const digests = await alerts('digest');
    expect(digests).toHaveLength(2);
    const mine = digests.find((d) => d.unit_id === bed.unit.unitId)!;
    expect(mine.text).toContain('25/11/2026');
    expect(mine.text).toContain('Số phiếu: 2');
    expect(mine.text).toContain('Trần Thị Bình');
    // A quiet unit's digest is listed but pushed to no one.
    const quiet = digests.find((d) => d.unit_id !== bed.unit.unitId)!;
    expect(await bed.deps.db.kysely.selectFrom('outbox').selectAll().where('alert_id', '=', quiet.id).execute()).toEqual([]);
    bed.deps.setNow('2026-11-26T10:31:00.000Z'); // next day
    expect(await runDigests(bed.deps)).toBe(2);
  });
});

describe.each([
  { writer: 'in-process writer', writerThread: false },
  { writer: 'writer thread', writerThread: true },
])('the threshold alert policy ($writer, ALERT_MIN_RESPONSES = 10)', ({ writerThread }) => {
  const bed = useTestbed({ writerThread });
  const rate = async (overall: number, officer = bed.unit.officers[1]) => {
    const res = await bed.t.post('/api/public/responses', responseBody(bed.unit.counterToken, { officerId: officer, answers: { overall, access: 3, attitude: 3, responsibility: 3, guidance: 3 } }));
    expect(res.status).toBe(201);
  };
  const crossings = () => bed.deps.db.kysely.selectFrom('alerts').selectAll().where('kind', '=', 'crossing').orderBy('created_at').execute();

  it('n = 1 at 100 % is flagged without an alert; n = 10 at 30 % alerts once; down to 20 % and up to 30 % alerts again', async () => {
    await rate(1); // 1/1 = 100 %: the flag, no instant alert
    const tallies = (await (await bed.t.get(`/api/units/${bed.unit.unitId}/tallies`, await bed.t.login(bed.unit.chairman.username, bed.unit.chairman.password))).json()) as {
      officers: { officerId: string; flagged: boolean; responses: number }[];
    };
    expect(tallies.officers.find((o) => o.officerId === bed.unit.officers[1])).toMatchObject({ flagged: true, responses: 1 });
    expect(await crossings()).toHaveLength(0);

    for (const l of [5, 5, 5, 5, 5, 5, 1]) await rate(l); // 2/8
    expect(await crossings()).toHaveLength(0);
    await rate(5); // 2/9
    await rate(1); // 3/10 = 30 %, n = 10: the alert
    let made = await crossings();
    expect(made).toHaveLength(1);
    expect(JSON.parse(made[0]!.details)).toMatchObject({ n: 10, dissatisfied: 3, share: 0.3, smallSample: false, certainty: 'chance' });
    expect(made[0]!.text).toContain('Vượt 25% (theo quy định) – có thể do ngẫu nhiên (ít phiếu)');
    expect(made[0]!.text).toContain('3/10');

    await rate(1); // 4/11: still over, the alert stands: nothing new
    expect(await crossings()).toHaveLength(1);
    for (const l of [5, 5, 5, 5, 5, 5, 5, 5, 5]) await rate(l); // 4/20 = 20 %
    await rate(1); // 5/21 ≈ 23.8 %: seen under, the alert is reset
    await rate(1); // 6/22 ≈ 27.3 %: crosses again
    made = await crossings();
    expect(made).toHaveLength(2);
    expect(JSON.parse(made[1]!.details)).toMatchObject({ n: 22, dissatisfied: 6 });
    // Each with its messages (chairman and clerk).
    expect(await bed.deps.db.kysely.selectFrom('outbox').select('id').where('alert_id', 'in', made.map((c) => c.id)).execute()).toHaveLength(4);
  });
});
