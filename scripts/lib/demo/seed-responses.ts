import { createHash } from 'node:crypto';
import { upsertDossierCount } from '../../../backend/src/db/dossier-counts.repository.ts';
import { listFields, listOfficers } from '../../../backend/src/db/officers.repository.ts';
import { listPoints } from '../../../backend/src/db/points.repository.ts';
import { findUnitByCode, listUnits } from '../../../backend/src/db/units.repository.ts';
import { addDays } from '../../../backend/src/domain/day.ts';
import { DEMO_UNIT, seedDemoIfEmpty } from '../../../backend/src/services/demo.service.ts';
import { activePointContext } from '../../../backend/src/services/points.service.ts';
import { recordResponse } from '../../../backend/src/write-path/submit.ts';
import { createOfficer, pointLinks } from '../../../backend/src/services/setup.service.ts';
import type { Deps } from '../../../backend/src/deps.ts';
import { CliError } from '../cli/errors.ts';
import { COMMENTS, DEMO_OFFICERS } from './demo-profile.ts';
import { createRandom, type Random } from './prng.ts';

export interface SeedOptions {
  seed: number;
  /** Last Vietnam-local day with responses (YYYY-MM-DD). */
  end: string;
  days: number;
  /** Average responses on a full working day. */
  perDay: number;
}

export interface SeedSummary {
  unitCode: string;
  created: number;
  alreadyThere: number;
  from: string;
  to: string;
  byOfficer: { name: string; responses: number; dissatisfiedShare: number }[];
}

const QUESTIONS = ['access', 'attitude', 'responsibility', 'guidance'] as const;
const clamp = (n: number) => Math.min(5, Math.max(1, n));

/** A working-hours instant on a Vietnam-local day (07:30–11:30, 13:30–17:00 at UTC+7). */
function instantOn(day: string, rnd: Random): Date {
  const morning = rnd.chance(0.6);
  const minutes = morning ? rnd.int(7 * 60 + 30, 11 * 60 + 30) : rnd.int(13 * 60 + 30, 17 * 60);
  return new Date(Date.parse(`${day}T00:00:00Z`) + (minutes - 7 * 60) * 60_000 + rnd.int(0, 59) * 1000);
}

/**
 * A few weeks of realistic responses for the demo commune, through the same service the HTTP
 * route uses (recordResponse) with a controlled clock: hash chains, tallies and days are real.
 * Deterministic for a seed and end day; client ids come from the seed, so a re-run stores nothing.
 */
export async function seedDemoResponses(base: Deps, opts: SeedOptions): Promise<SeedSummary> {
  let clock = new Date();
  const deps: Deps = { ...base, now: () => new Date(clock.getTime()) };
  if (!(await findUnitByCode(deps.db.kysely, DEMO_UNIT.code))) {
    if ((await listUnits(deps.db.kysely)).length > 0) throw new CliError(`the demo unit "${DEMO_UNIT.code}" is absent and the database already holds other units; use an empty database`);
    await seedDemoIfEmpty(deps);
  }
  const unit = (await findUnitByCode(deps.db.kysely, DEMO_UNIT.code))!;
  const existing = await listOfficers(deps.db.kysely, unit.id);
  for (const o of DEMO_OFFICERS) {
    if (!existing.some((x) => x.name === o.name)) await createOfficer(deps, unit.id, { name: o.name, title: o.title });
  }
  const officers = await listOfficers(deps.db.kysely, unit.id, { activeOnly: true });
  const fields = await listFields(deps.db.kysely, unit.id, { activeOnly: true });
  const points = (await listPoints(deps.db.kysely, unit.id)).filter((p) => p.active);
  const counter = points.find((p) => p.officerId === null);
  const desk = points.find((p) => p.officerId !== null);
  if (!counter) throw new CliError('the demo unit has no active counter point');
  const counterCtx = await activePointContext(deps, pointLinks(deps.config, counter.tokenKey).token);
  const deskCtx = desk ? await activePointContext(deps, pointLinks(deps.config, desk.tokenKey).token) : undefined;

  const from = addDays(opts.end, -(opts.days - 1));
  const stats = new Map<string, { n: number; bad: number }>();
  const perMonthField = new Map<string, number>();
  let created = 0;
  let alreadyThere = 0;
  for (let day = from; day <= opts.end; day = addDays(day, 1)) {
    // Each day's data depends only on the seed and the day: a later run with a moved window
    // regenerates the overlapping days identically (stored once) and adds the new ones.
    const rnd = createRandom(createHash('sha256').update(`${opts.seed}|${day}`).digest().readUInt32BE(0));
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0) continue;
    const factor = weekday === 6 ? 0.35 : weekday === 1 ? 1.3 : 1;
    const n = Math.max(0, Math.round(opts.perDay * factor * (0.6 + rnd.next() * 0.8)));
    const instants = Array.from({ length: n }, () => instantOn(day, rnd)).sort((a, b) => a.getTime() - b.getTime());
    for (const at of instants) {
      const profile = DEMO_OFFICERS[rnd.weighted([30, 22, 18, 18, 12])]!;
      const officer = officers.find((o) => o.name === profile.name);
      const atDesk = deskCtx !== undefined && officer?.id === deskCtx.point.officerId && rnd.chance(0.6);
      const named = atDesk || rnd.chance(0.85);
      const overall = 5 - rnd.weighted(profile.weights);
      const answers: Record<string, number> = { overall };
      for (const q of QUESTIONS) answers[q] = clamp(overall + rnd.weighted([1, 6, 1]) - 1);
      const issues: string[] = [];
      if (overall <= 2) {
        if (rnd.chance(0.3)) issues.push('harassment');
        if (rnd.chance(0.2)) issues.push('extra_cost');
        if (rnd.chance(0.1)) issues.push('negative_conduct');
      }
      const tone = overall >= 4 ? COMMENTS.good : overall === 3 ? COMMENTS.neutral : COMMENTS.bad;
      const comment = rnd.chance(overall <= 2 ? 0.55 : 0.18) ? rnd.pick(tone) : undefined;
      const field = fields.find((f) => f.name === profile.field);
      const withField = field !== undefined && rnd.chance(0.85);
      const clientId = rnd.uuid();
      clock = at;
      const outcome = await recordResponse(deps, atDesk ? deskCtx! : counterCtx, {
        clientId,
        officerId: named && officer && !atDesk ? officer.id : undefined,
        fieldId: withField ? field.id : undefined,
        answers,
        issues,
        comment,
      });
      if (outcome.created) created++;
      else alreadyThere++;
      if (named && officer) {
        const s = stats.get(officer.name) ?? { n: 0, bad: 0 };
        s.n++;
        if (overall <= 2) s.bad++;
        stats.set(officer.name, s);
      }
      const key = `${day.slice(0, 7)}|${withField ? field.id : ''}`;
      perMonthField.set(key, (perMonthField.get(key) ?? 0) + 1);
    }
  }
  // Dossier counts for the months covered: roughly 2–3 dossiers per response (R4 coverage views).
  clock = new Date(`${opts.end}T10:00:00Z`);
  const drnd = createRandom(opts.seed + 1);
  for (const [key, n] of [...perMonthField].sort(([a], [b]) => a.localeCompare(b))) {
    const [period, fieldId] = key.split('|') as [string, string];
    if (fieldId === '') continue;
    await upsertDossierCount(deps.db.kysely, { unitId: unit.id, fieldId, period, count: Math.round(n * (2 + drnd.next())), source: 'seed:demo', now: clock.toISOString() });
  }
  return {
    unitCode: unit.code,
    created,
    alreadyThere,
    from,
    to: opts.end,
    byOfficer: [...stats].map(([name, s]) => ({ name, responses: s.n, dissatisfiedShare: s.n === 0 ? 0 : s.bad / s.n })),
  };
}
