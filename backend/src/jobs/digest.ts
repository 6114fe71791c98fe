import { vietnamDay } from '../domain/day.ts';
import { openCaseCounts } from '../db/cases.repository.ts';
import { listUnits } from '../db/units.repository.ts';
import { verdictOf } from '../domain/results.ts';
import type { Deps } from '../deps.ts';
import { buildTallies } from '../services/tallies.service.ts';
import { digestText } from './alert-text.ts';
import { createAlert } from './enqueue.ts';

/** Minutes since Vietnam-local midnight. */
function localMinutes(now: Date): number {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/**
 * Rule 3: at ALERT_DIGEST_TIME (Vietnam time), each unit's day in numbers, its flagged officers
 * (month to date) and its open cases: the fallback when instant messages could not be
 * delivered. Safe to call from every replica, as often as you like: the
 * (unit, day) row is inserted with ON CONFLICT DO NOTHING in the same transaction as the
 * alert, so exactly one caller per unit and day creates it. A server started later that
 * day catches up. Returns how many digests this call created.
 */
export async function runDigests(deps: Deps): Promise<number> {
  const now = deps.now();
  const [hh, mm] = deps.config.ALERT_DIGEST_TIME.split(':').map(Number) as [number, number];
  if (localMinutes(now) < hh * 60 + mm) return 0;
  const day = vietnamDay(now);
  const db = deps.db.kysely;
  const done = new Set((await db.selectFrom('digest_runs').select('unit_id').where('day', '=', day).execute()).map((r) => r.unit_id));
  let created = 0;
  for (const unit of await listUnits(db)) {
    if (done.has(unit.id)) continue;
    const today = await buildTallies(deps, unit.id, day, day);
    const month = await buildTallies(deps, unit.id, `${day.slice(0, 7)}-01`, day);
    const flagged = month.officers.filter((o) => o.flagged).map((o) => ({ name: o.name, n: o.responses, share: o.dissatisfiedShare, smallSample: o.smallSample, verdict: verdictOf(o).label }));
    const cases = await openCaseCounts(db, unit.id, day);
    const made = await deps.db.kysely.transaction().execute(async (trx) => {
      const run = await trx
        .insertInto('digest_runs')
        .values({ unit_id: unit.id, day, created_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['unit_id', 'day']).doNothing())
        .returning('unit_id')
        .execute();
      if (run.length === 0) return false;
      await createAlert(trx, deps.config, {
        unitId: unit.id,
        kind: 'digest',
        dedupeKey: `digest:${unit.id}:${day}`,
        officerId: null,
        responseId: null,
        day,
        createdAt: now.toISOString(),
        details: { responses: today.total.responses, levels: today.total.levels, satisfiedShare: today.total.satisfiedShare, dissatisfiedShare: today.total.dissatisfiedShare, flagged, openCases: cases.open, overdueCases: cases.overdue },
        // A quiet day is recorded for the list but not pushed to anyone's phone.
        notify: today.total.responses > 0 || flagged.length > 0 || cases.open > 0,
        text: (link) =>
          digestText({ unitName: unit.name, day, responses: today.total.responses, satisfiedShare: today.total.satisfiedShare, dissatisfiedShare: today.total.dissatisfiedShare, flagged, cases, link }),
      });
      return true;
    });
    if (made) created++;
  }
  if (created > 0) deps.zalo.notify('outbox');
  return created;
}
