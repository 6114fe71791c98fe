import { describe, expect, it } from 'vitest';
import { splitByMonths } from '../../src/db/comparison.repository.ts';
import { newRowId } from '../../src/db/ids.ts';
import { migratorFor } from '../../src/db/migrate.ts';
import { refreshRollups, startRollupJob } from '../../src/jobs/rollups.ts';
import type { ComparisonReport } from '../../src/services/comparison/comparison.service.ts';
import { appendResponses } from '../../src/write-path/append.ts';
import { expectErrorShape } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { seedTown, type Town } from './town-fixture.ts';

const bed = useTestbed({ unit: false });

async function compare(t: Town, range: string, extra = ''): Promise<ComparisonReport> {
  const res = await bed.t.get(`/api/units/${t.provinceA}/comparison?${range}&form=sipas${extra}`, bed.t.admin);
  expect(res.status).toBe(200);
  return (await res.json()) as ComparisonReport;
}

const RANGES = ['from=2025-01-01&to=2025-12-31', 'from=2025-01-10&to=2025-10-20', 'from=2025-03-05&to=2025-03-20', 'from=2025-02-01&to=2025-06-30'];

/** A late form for a commune, counting on an earlier day (as a paper batch or an enumerator's synced day does). */
async function lateResponse(t: Town, commune: number, day: string, overall: number): Promise<void> {
  const c = t.communes[commune - 1]!;
  const at = new Date();
  await bed.deps.db.kysely.transaction().execute((trx) =>
    appendResponses(trx, bed.deps.db.dialect, [
      { id: newRowId(at.getTime()), unitId: c.id, pointId: c.pointId, officerId: c.officers[0]!, fieldId: null, clientId: crypto.randomUUID(), formKey: 'sipas', formVersion: 1, overallKey: 'overall', answers: { overall, dv1: overall }, issues: [], comment: null, dossierCode: null, channel: 'paper', receivedAt: at.toISOString(), day },
    ]),
  );
}

describe('splitByMonths', () => {
  it('cuts a range into whole months and the days at its ends', () => {
    expect(splitByMonths('2025-01-16', '2025-12-15')).toEqual({ months: { first: '2025-02', last: '2025-11' }, days: [{ from: '2025-01-16', to: '2025-01-31' }, { from: '2025-12-01', to: '2025-12-15' }] });
    expect(splitByMonths('2025-01-01', '2025-12-31')).toEqual({ months: { first: '2025-01', last: '2025-12' }, days: [] });
    expect(splitByMonths('2024-02-01', '2024-02-29')).toEqual({ months: { first: '2024-02', last: '2024-02' }, days: [] });
    expect(splitByMonths('2024-02-01', '2024-02-28')).toEqual({ months: null, days: [{ from: '2024-02-01', to: '2024-02-28' }] });
    expect(splitByMonths('2025-12-02', '2026-01-31')).toEqual({ months: { first: '2026-01', last: '2026-01' }, days: [{ from: '2025-12-02', to: '2025-12-31' }] });
  });
});

describe('monthly roll-ups (migration 015)', () => {
  it('give the same comparison as the tallies, for whole and partial months', async () => {
    const t = await seedTown(bed.deps);
    const before = await Promise.all(RANGES.map((r) => compare(t, r)));
    const run = await refreshRollups(bed.deps);
    expect(run).toMatchObject({ failed: 0 });
    expect(run.full).toBe(run.units); // first run: every unit rebuilt whole
    const marks = await bed.deps.db.kysely.selectFrom('rollup_marks').select(['unit_id', 'seq']).execute();
    expect(marks.find((m) => m.unit_id === t.communes[0]!.id)?.seq).toBe(20);
    expect(await bed.deps.db.kysely.selectFrom('tally_months').select('unit_id').where('unit_id', '=', t.communes[0]!.id).execute()).not.toHaveLength(0);
    const after = await Promise.all(RANGES.map((r) => compare(t, r)));
    expect(after).toEqual(before);
    expect(before[2]!.overall.responses).toBeGreaterThan(0);
    expect((await refreshRollups(bed.deps)).units).toBe(0); // nothing new: nothing to do
  });

  it('are read while current, and the tallies for a unit with newer responses; a refresh rebuilds only the months touched', async () => {
    const t = await seedTown(bed.deps);
    await refreshRollups(bed.deps);
    const c3 = t.communes[2]!;
    const base = (await compare(t, RANGES[0]!)).units.find((u) => u.unitId === c3.id)!;
    // Corrupt the roll-up of February on purpose: the comparison shows it, so it does read the roll-ups.
    await bed.deps.db.kysely.updateTable('tally_months').set((eb) => ({ l5: eb('l5', '+', 100) })).where('unit_id', '=', c3.id).where('month', '=', '2025-02').where('question_key', '=', 'overall').where('officer_id', '=', c3.officers[0]!).execute();
    expect((await compare(t, RANGES[0]!)).units.find((u) => u.unitId === c3.id)!.responses).toBe(base.responses + 100);
    // A late form counting on 3 February: the unit's chain has moved past its mark, so it is read from the tallies.
    await lateResponse(t, 3, '2025-02-03', 1);
    const fresh = (await compare(t, RANGES[0]!)).units.find((u) => u.unitId === c3.id)!;
    expect(fresh.responses).toBe(base.responses + 1);
    expect(fresh.levels['1']).toBe(base.levels['1'] + 1);
    const run = await refreshRollups(bed.deps);
    expect(run).toEqual({ units: 1, full: 0, months: 1, failed: 0 });
    expect((await compare(t, RANGES[0]!)).units.find((u) => u.unitId === c3.id)).toEqual(fresh);
    for (const r of RANGES) {
      const viaRollups = await compare(t, r);
      await bed.deps.db.kysely.deleteFrom('rollup_marks').execute(); // every unit read from the tallies
      expect(await compare(t, r)).toEqual(viaRollups);
      await refreshRollups(bed.deps);
    }
  });

  it('are kept up by the job: a tick takes in what came since, and stop() ends it', async () => {
    const t = await seedTown(bed.deps);
    const job = startRollupJob(bed.deps, 3_600_000);
    try {
      expect((await job.tick()).units).toBeGreaterThan(20);
      await lateResponse(t, 5, '2025-07-07', 5);
      expect(await job.tick()).toEqual({ units: 1, full: 0, months: 1, failed: 0 });
      const marks = await bed.deps.db.kysely.selectFrom('rollup_marks').select('seq').where('unit_id', '=', t.communes[4]!.id).executeTakeFirstOrThrow();
      expect(Number(marks.seq)).toBe(21);
    } finally {
      await job.stop();
    }
  });

  it('go down and up again with the migrations', async () => {
    await seedTown(bed.deps);
    await refreshRollups(bed.deps);
    const migrator = migratorFor(bed.deps.db);
    expect((await migrator.migrateTo('014_campaigns')).error).toBeUndefined();
    await expect(bed.deps.db.kysely.selectFrom('tally_months').select('unit_id').execute()).rejects.toThrow();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await bed.deps.db.kysely.selectFrom('rollup_marks').select('unit_id').execute()).toHaveLength(0);
  });
});

describe('a campaign', () => {
  it("restricts the comparison to the campaign's responses", async () => {
    const t = await seedTown(bed.deps);
    const db = bed.deps.db.kysely;
    const now = new Date().toISOString();
    const campaignId = crypto.randomUUID();
    await db.insertInto('campaigns').values({ id: campaignId, root_unit_id: t.town, name: 'Khảo sát SIPAS 2025', form_key: 'sipas', form_version: 1, opens_on: '2025-01-01', closes_on: '2025-11-30', fields: '[]', respondent_kinds: '[]', created_by: null, created_at: now }).execute();
    const c2 = t.communes[1]!;
    const linked = await db.selectFrom('responses').select(['id', 'day', 'answers']).where('unit_id', '=', c2.id).orderBy('seq').limit(5).execute();
    for (const [i, r] of linked.entries()) {
      const entryId = crypto.randomUUID();
      await db.insertInto('campaign_entries').values({ id: entryId, campaign_id: campaignId, unit_id: c2.id, list: 'official', order_no: i + 1, name: `Người ${i + 1}`, phone: null, address: null, field_key: 'tu_phap', respondent_kind: 'citizen', note: null, source_line: null, created_at: now }).execute();
      await db.insertInto('campaign_responses').values({ response_id: r.id, campaign_id: campaignId, unit_id: c2.id, entry_id: entryId, field_key: 'tu_phap', respondent_kind: 'citizen', day: r.day, list: 'official' }).execute();
    }
    const res = await bed.t.get(`/api/units/${t.town}/comparison?campaignId=${campaignId}`, bed.t.admin);
    expect(res.status).toBe(200);
    const r = (await res.json()) as ComparisonReport;
    expect(r).toMatchObject({ campaignId, from: '2025-01-01', to: '2025-11-30', form: { key: 'sipas' } });
    expect(r.overall.responses).toBe(5);
    const row = r.units.find((u) => u.unitId === c2.id)!;
    const overall = linked.map((x) => (JSON.parse(x.answers) as Record<string, number>)['overall']!);
    expect(row.responses).toBe(5);
    expect(row.levels['5'] + row.levels['4']).toBe(overall.filter((l) => l >= 4).length);
    expect(row.smallSample).toBe(true);
    expect(r.units.filter((u) => u.unitId !== c2.id).every((u) => u.responses === 0)).toBe(true);
    await expectErrorShape(await bed.t.get(`/api/units/${t.town}/comparison?campaignId=${campaignId}&form=counter`, bed.t.admin), 400, 'invalid_input');
  });
});
