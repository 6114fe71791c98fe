import { describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { atInWindow, csvOf, FIELDS, getDay, KINDS, newEnumerator, putList, seedTown, sipasAnswers, sync, WINDOW, XLSX, xlsxOf, type DayEntry, type ListRow, type Op } from './campaign-fixtures.ts';

/** A small deterministic generator, so that the plan varies from commune to commune but not from run to run. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Expected {
  official: number;
  reserve: number;
  officialDone: number;
  reserveUsed: number;
  refused: number;
  unreachable: number;
}

interface ProgressRow extends Expected {
  fieldKey: string;
  fieldName: string;
  respondentKind: string;
  respondentKindLabel: string;
  done: number;
  missing: number;
}
interface Progress {
  status: string;
  units: { unitId: string; code: string; rows: ProgressRow[]; total: { official: number; done: number; missing: number; reserveUsed: number } }[];
  total: { official: number; done: number; missing: number; reserveUsed: number };
}

describe("seed 000: a town surveys its 23 communes, 20 forms each, 1–5 from businesses, in two fields", () => {
  const bed = useTestbed({ unit: false });

  it('imports the lists (CSV and XLSX), records forms and refusals replaced from the reserve, and shows progress as counted independently', async () => {
    const { t, deps } = bed;
    const town = await seedTown(deps, 'kinh-mon', 23);
    const sup = await t.login(town.supervisor.username, town.supervisor.password);

    // 20 official forms a commune, 10 a field; 1–5 from businesses, varying from commune to commune.
    const businesses = (i: number) => 1 + ((i * 3) % 5);
    const perField = (i: number, field: string) => (field === 'tu_phap' ? Math.ceil(businesses(i) / 2) : Math.floor(businesses(i) / 2));
    const quotaOf = (i: number, field: string, kind: string) => (kind === 'business' ? { official: perField(i, field), reserve: 1 } : { official: 10 - perField(i, field), reserve: 4 });
    const quotas = town.communes.flatMap((c, i) => FIELDS.flatMap((f) => KINDS.map((k) => ({ unitId: c.id, fieldKey: f.key, respondentKind: k.key, ...quotaOf(i, f.key, k.key) }))));
    const created = await t.post(
      `/api/units/${town.townId}/campaigns`,
      { name: 'Điều tra xã hội học năm 2023', formKey: 'sipas', ...WINDOW, unitIds: town.communes.map((c) => c.id), fields: FIELDS, respondentKinds: KINDS, quotas },
      sup,
    );
    expect(created.status).toBe(201);
    const campaign = (await created.json()) as { id: string; formKey: string; formVersion: number; status: string; units: { unitId: string }[]; quotas: { unitId: string; official: number }[] };
    expect(campaign).toMatchObject({ formKey: 'sipas', formVersion: 1, status: 'open' });
    expect(campaign.units).toHaveLength(23);
    expect(campaign.quotas).toHaveLength(23 * 4);
    expect(campaign.quotas.reduce((s, q) => s + q.official, 0)).toBe(460);
    expect(new Set(town.communes.map((c) => campaign.quotas.filter((q) => q.unitId === c.id).reduce((s, q) => s + q.official, 0)))).toEqual(new Set([20]));

    // Each commune sends its lists: official as its quotas, reserve 5 a field; odd ones as CSV, even ones as XLSX.
    for (const [i, c] of town.communes.entries()) {
      const rows: ListRow[] = [];
      for (const f of FIELDS) {
        let o = 0;
        let r = 0;
        for (const k of KINDS) {
          const q = quotaOf(i, f.key, k.key);
          for (let n = 0; n < q.official; n++) rows.push({ list: i % 2 ? 'official' : 'chính thức', order: ++o, name: `Người ${c.code} ${f.key} CT ${o}`, phone: `0912${String(i).padStart(2, '0')}${String(o).padStart(4, '0')}`, address: 'Thôn 1', field: f.key, kind: k.key });
          for (let n = 0; n < q.reserve; n++) rows.push({ list: i % 2 ? 'reserve' : 'dự phòng', order: ++r, name: `Người ${c.code} ${f.key} DP ${r}`, field: f.name, kind: k.label });
        }
      }
      const res = i % 2 ? await putList(t, sup, campaign.id, c.id, csvOf(rows)) : await putList(t, sup, campaign.id, c.id, await xlsxOf(rows), XLSX);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({ official: 20, reserve: 10, warnings: [] });
    }

    // One enumerator (post-office staff) works six communes.
    const worked = town.communes.slice(0, 6);
    const bd = await newEnumerator(deps, town.townId, 'bd-kinh-mon');
    expect((await t.post(`/api/campaigns/${campaign.id}/assignments`, { staffId: bd.id, unitIds: worked.map((c) => c.id) }, sup)).status).toBe(201);
    const eh = await t.login(bd.username, bd.password);
    const day = await getDay(t, eh, campaign.id);
    expect(day.form.key).toBe('sipas');
    expect(day.units.map((u) => u.unitId).sort()).toEqual(worked.map((c) => c.id).sort());

    // The plan, and what it must come to, counted here and not by the server.
    const expected = new Map<string, Expected>();
    const exp = (unitId: string, e: DayEntry) => {
      const key = `${unitId}|${e.fieldKey}|${e.respondentKind}`;
      return expected.get(key) ?? expected.set(key, { official: 0, reserve: 0, officialDone: 0, reserveUsed: 0, refused: 0, unreachable: 0 }).get(key)!;
    };
    const rand = mulberry32(2023);
    let minute = 0;
    let sent = 0;
    for (const [k, unit] of day.units.entries()) {
      const ops: Op[] = [];
      const reserve = unit.entries.filter((e) => e.list === 'reserve');
      const official = unit.entries.filter((e) => e.list === 'official');
      // The last two communes are half done.
      const todo = k >= 4 ? official.filter((_, n) => n % 2 === 0) : official;
      const respond = (e: DayEntry) => {
        ops.push({ opId: crypto.randomUUID(), kind: 'response', entryId: e.entryId, answers: sipasAnswers(day.form, 1 + Math.floor(rand() * 5)), at: atInWindow(minute++) });
        exp(unit.unitId, e)[e.list === 'official' ? 'officialDone' : 'reserveUsed']++;
      };
      const close = (e: DayEntry, kind: 'refused' | 'unreachable') => {
        ops.push({ opId: crypto.randomUUID(), kind, entryId: e.entryId, at: atInWindow(minute++) });
        exp(unit.unitId, e)[kind]++;
      };
      for (const e of todo) {
        const roll = rand();
        if (roll < 0.75) {
          respond(e);
          continue;
        }
        close(e, roll < 0.9 ? 'refused' : 'unreachable');
        // Replaced by the next reserve of the same field and kind, which may refuse too.
        for (;;) {
          const next = reserve.findIndex((r) => r.fieldKey === e.fieldKey && r.respondentKind === e.respondentKind);
          if (next === -1) break;
          const [r] = reserve.splice(next, 1);
          if (rand() < 0.8) {
            respond(r!);
            break;
          }
          close(r!, 'refused');
        }
      }
      const results = await sync(t, eh, campaign.id, ops);
      expect(results.filter((r) => r.status !== 'stored')).toEqual([]);
      sent += ops.filter((o) => o.kind === 'response').length;
    }
    expect(sent).toBeGreaterThan(60);

    const progress = (await (await t.get(`/api/campaigns/${campaign.id}/progress`, sup)).json()) as Progress;
    expect(progress.units).toHaveLength(23);
    let total = { official: 0, done: 0, missing: 0, reserveUsed: 0 };
    for (const [i, c] of town.communes.entries()) {
      const unit = progress.units.find((u) => u.unitId === c.id)!;
      const want = FIELDS.flatMap((f) =>
        KINDS.map((kind) => {
          const e = expected.get(`${c.id}|${f.key}|${kind.key}`) ?? { officialDone: 0, reserveUsed: 0, refused: 0, unreachable: 0 };
          const q = quotaOf(i, f.key, kind.key);
          const done = e.officialDone + e.reserveUsed;
          return { fieldKey: f.key, fieldName: f.name, respondentKind: kind.key, respondentKindLabel: kind.label, ...q, officialDone: e.officialDone, reserveUsed: e.reserveUsed, done, missing: done < q.official ? q.official - done : 0, refused: e.refused, unreachable: e.unreachable };
        }),
      );
      expect(unit.rows.map(({ listed: _l, ...r }: ProgressRow & { listed?: unknown }) => r)).toEqual(want);
      const sum = want.reduce((s, r) => ({ official: s.official + r.official, done: s.done + r.done, missing: s.missing + r.missing, reserveUsed: s.reserveUsed + r.reserveUsed }), { official: 0, done: 0, missing: 0, reserveUsed: 0 });
      expect(unit.total).toEqual(sum);
      total = { official: total.official + sum.official, done: total.done + sum.done, missing: total.missing + sum.missing, reserveUsed: total.reserveUsed + sum.reserveUsed };
    }
    expect(progress.total).toEqual(total);
    expect(total).toMatchObject({ official: 460, done: sent });
    expect(total.reserveUsed).toBeGreaterThan(0);

    // Ordinary responses: channel enumerator, the SIPAS form, the unit's own field; hash chains and tallies verify.
    const db = deps.db.kysely;
    const stored = await db.selectFrom('responses').innerJoin('fields', 'fields.id', 'responses.field_id').select(['responses.channel', 'responses.form_key', 'responses.form_version', 'fields.name', 'fields.active']).execute();
    expect(stored).toHaveLength(sent);
    expect(new Set(stored.map((r) => `${r.channel}|${r.form_key}|${r.form_version}`))).toEqual(new Set(['enumerator|sipas|1']));
    // "Tư pháp" counts under the unit's "Tư pháp – Hộ tịch"; the LĐTBXH field under the unit's own of that name.
    expect(new Set(stored.map((r) => r.name))).toEqual(new Set(['Tư pháp – Hộ tịch', 'Lao động – Thương binh và Xã hội']));
    expect(Number((await db.selectFrom('campaign_responses').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(sent);
    const report = await verifyDatabase(deps.db);
    expect(report.problems).toEqual([]);
    expect(report.responses).toBe(sent);
    const first = worked[0]!;
    const tallies = (await (await t.get(`/api/units/${first.id}/tallies?form=sipas&from=2026-11-24&to=2026-11-24`, sup)).json()) as { total: { responses: number; channels: Record<string, number> } };
    const firstDone = progress.units.find((u) => u.unitId === first.id)!.total.done;
    expect(tallies.total).toMatchObject({ responses: firstDone, channels: { enumerator: firstDone } });

    // The supervisor sees the lists' statuses too.
    const lists = (await (await t.get(`/api/campaigns/${campaign.id}/units/${first.id}/respondents`, sup)).json()) as { entries: DayEntry[] };
    expect(lists.entries.filter((e) => e.status === 'done')).toHaveLength(firstDone);
  });
});
