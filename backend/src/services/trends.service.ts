import type { Deps } from '../deps.ts';
import { listOfficers } from '../db/officers.repository.ts';
import { sumByOfficer } from '../db/tallies.repository.ts';
import { sumByDayAndQuestion } from '../db/trends.repository.ts';
import { addDays } from '../domain/day.ts';
import { funnelBand, funnelLimits, sharesOf, type FunnelBand, type FunnelLimit, type Shares } from '../domain/results.ts';
import { RULE } from '../domain/rule.ts';
import { bucketsOf, bucketUnitFor } from '../domain/periods.ts';
import { emptyLevels, type LevelCounts } from '../domain/tally.ts';

const LEVEL_KEYS = ['1', '2', '3', '4', '5'] as const;
import { formView, latestFormOrThrow } from './form-view.ts';
import { levelsBy } from './tallies.service.ts';

export type FunnelPoint = Shares & {
  officerId: string;
  name: string;
  /** Where the officer sits against the threshold's limits at their n. */
  band: FunnelBand;
};

export type { FunnelLimit };

/** The series per day, week or month (every bucket of the range, empty ones included) per question, and the funnel. */
export async function buildTrends(deps: Deps, unitId: string, from: string, to: string, formKey = 'counter') {
  const db = deps.db.kysely;
  const form = await latestFormOrThrow(deps, formKey);
  const overall = form.overallKey;
  const [cells, byOfficer, officers] = await Promise.all([
    sumByDayAndQuestion(db, { unitId, formKey, from, to }, form.questions.map((q) => q.key)),
    sumByOfficer(db, { unitId, formKey, from, to }, overall),
    listOfficers(db, unitId),
  ]);
  const grid = new Map<string, LevelCounts>();
  for (const c of cells) {
    const key = `${c.day}|${c.questionKey}`;
    const levels = grid.get(key) ?? grid.set(key, emptyLevels()).get(key)!;
    if (c.level >= 1 && c.level <= 5) levels[String(c.level) as keyof LevelCounts] += c.n;
  }
  // A bucket per day up to two months, per week up to half a year, per month beyond (periods.ts):
  // a year is 12 points, not 365.
  const unit = bucketUnitFor(from, to);
  const buckets = bucketsOf(from, to, unit).map((b) => {
    const questions: Record<string, Shares> = {};
    for (const q of form.questions) {
      const levels = emptyLevels();
      for (let day = b.from; day <= b.to; day = addDays(day, 1)) {
        const l = grid.get(`${day}|${q.key}`);
        if (l) for (const k of LEVEL_KEYS) levels[k] += l[k];
      }
      questions[q.key] = sharesOf(levels);
    }
    return { key: b.key, label: b.label, from: b.from, to: b.to, ...questions[overall]!, questions };
  });
  // Per day as before, for ranges cut by day.
  const days = unit === 'day' ? buckets.map(({ key, label: _label, from: _from, to: _to, ...rest }) => ({ day: key, ...rest })) : [];

  const officerLevels = levelsBy(
    byOfficer.filter((r) => r.officerId !== ''),
    (r) => r.officerId,
  );
  const points: FunnelPoint[] = officers
    .filter((o) => o.active || officerLevels.has(o.id))
    .map((o) => {
      const s = sharesOf(officerLevels.get(o.id) ?? emptyLevels());
      return { officerId: o.id, name: o.name, ...s, band: funnelBand(s.dissatisfied, s.responses) };
    });
  const maxN = points.reduce((m, p) => Math.max(m, p.responses), 0);
  const view = formView(form);
  return {
    unitId,
    from,
    to,
    form: view,
    rule: RULE,
    questions: view.questions.map((q) => ({ key: q.key, label: q.label, shortLabel: q.shortLabel })),
    bucketUnit: unit,
    buckets,
    days,
    funnel: { target: RULE.thresholdShare, officers: points, limits: funnelLimits(maxN) },
  };
}

export type TrendsReport = Awaited<ReturnType<typeof buildTrends>>;
