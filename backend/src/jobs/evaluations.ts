import { listUnits } from '../db/units.repository.ts';
import { formKeysOfUnit } from '../db/forms.repository.ts';
import type { Deps } from '../deps.ts';
import { alertPeriodOf } from '../domain/alert-policy.ts';
import { addDays, vietnamDay } from '../domain/day.ts';
import { verdictOf } from '../domain/results.ts';
import { buildTallies } from '../services/tallies.service.ts';
import { crossingAlertText } from './alert-text.ts';
import { createAlert } from './enqueue.ts';

/**
 * The period's end evaluation (issue 27, seed 004 §III.6.b): once the alert period (a month by
 * default) is over, every officer flagged by the rule for it gets one alert, whatever n is, worded
 * "ít dữ liệu" when n is small — the evaluation the chairman informs officers of. Idempotent (the
 * dedupe key names officer and period); `done` remembers the period a pass completed, so a process
 * looks at each period once. Returns how many evaluations this call created.
 */
export async function runEvaluations(deps: Deps, done: { period?: string } = {}): Promise<number> {
  const now = deps.now();
  const current = alertPeriodOf(vietnamDay(now), deps.config.ALERT_PERIOD);
  const last = alertPeriodOf(addDays(current.from, -1), deps.config.ALERT_PERIOD);
  if (done.period === last.key) return 0;
  let created = 0;
  for (const unit of await listUnits(deps.db.kysely)) {
    for (const formKey of await formKeysOfUnit(deps.db.kysely, unit.id)) {
      const tallies = await buildTallies(deps, unit.id, last.from, last.to, formKey);
      for (const o of tallies.officers.filter((x) => x.flagged)) {
        const verdict = verdictOf(o);
        const made = await deps.db.kysely.transaction().execute((trx) =>
          createAlert(trx, deps.config, {
            unitId: unit.id,
            kind: 'evaluation',
            dedupeKey: `evaluation:${formKey}:${o.officerId}:${last.key}`,
            officerId: o.officerId,
            responseId: null,
            day: vietnamDay(now),
            createdAt: now.toISOString(),
            details: { period: last.key, formKey, n: o.responses, dissatisfied: o.dissatisfied, share: o.dissatisfiedShare, interval: o.dissatisfiedInterval, smallSample: o.smallSample, certainty: verdict.certainty },
            text: (link) =>
              crossingAlertText({
                unitName: unit.name,
                officerName: o.name,
                period: last.key,
                n: o.responses,
                dissatisfied: o.dissatisfied,
                share: o.dissatisfiedShare ?? 0,
                interval: o.dissatisfiedInterval,
                smallSample: o.smallSample,
                verdict: verdict.label,
                evaluation: true,
                link,
              }),
          }),
        );
        if (made) created++;
      }
    }
  }
  done.period = last.key;
  if (created > 0) deps.zalo.notify('outbox');
  return created;
}
