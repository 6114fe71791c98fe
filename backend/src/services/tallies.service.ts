import { COUNTER_FORM_V1 } from '../domain/form.ts';
import { isLevel } from '../domain/levels.ts';
import { isFlagged } from '../domain/flag.ts';
import { addLevel, dissatisfiedShare, emptyLevels, satisfiedShare, totalOf, type LevelCounts } from '../domain/tally.ts';
import { wilsonInterval, SMALL_SAMPLE } from '../domain/wilson.ts';
import { listFields, listOfficers } from '../db/officers.repository.ts';
import { sumByDay, sumByField, sumByOfficer, sumByQuestion, type LevelSum } from '../db/tallies.repository.ts';
import type { Deps } from './context.ts';

export interface Shares {
  responses: number;
  levels: LevelCounts;
  satisfiedShare: number | null;
  dissatisfiedShare: number | null;
}

export interface OfficerTally extends Shares {
  officerId: string;
  name: string;
  title: string | null;
  flagged: boolean;
  /** 95 % Wilson interval of the dissatisfied share; null when n = 0. */
  dissatisfiedInterval: { low: number; high: number } | null;
  /** n < 10: "ít dữ liệu". */
  smallSample: boolean;
}

export interface TalliesReport {
  unitId: string;
  from: string;
  to: string;
  total: Shares;
  questions: Record<string, Shares>;
  officers: OfficerTally[];
  fields: (Shares & { fieldId: string | null; name: string })[];
  days: { day: string; responses: number; levels: LevelCounts; satisfiedShare: number | null; dissatisfiedShare: number | null }[];
}

function shares(levels: LevelCounts): Shares {
  return { responses: totalOf(levels), levels, satisfiedShare: satisfiedShare(levels), dissatisfiedShare: dissatisfiedShare(levels) };
}

function group<R extends LevelSum>(rows: R[], keyOf: (r: R) => string): Map<string, LevelCounts> {
  const out = new Map<string, LevelCounts>();
  for (const r of rows) {
    if (!isLevel(r.level)) continue;
    const key = keyOf(r);
    addLevel(out.get(key) ?? out.set(key, emptyLevels()).get(key)!, r.level, r.n);
  }
  return out;
}

/** The tallies route: read from the tallies table only, never from raw responses. */
export async function buildTallies(deps: Deps, unitId: string, from: string, to: string): Promise<TalliesReport> {
  const db = deps.db.kysely;
  const range = { unitId, from, to };
  const overall = COUNTER_FORM_V1.overallKey;
  const [byQuestion, byOfficer, byField, byDay, officers, fields] = await Promise.all([
    sumByQuestion(db, range, COUNTER_FORM_V1.questions.map((q) => q.key)),
    sumByOfficer(db, range, overall),
    sumByField(db, range, overall),
    sumByDay(db, range, overall),
    listOfficers(db, unitId),
    listFields(db, unitId),
  ]);

  const questionLevels = group(byQuestion, (r) => r.questionKey);
  const questions: Record<string, Shares> = {};
  for (const q of COUNTER_FORM_V1.questions) questions[q.key] = shares(questionLevels.get(q.key) ?? emptyLevels());

  const officerLevels = group(byOfficer, (r) => r.officerId);
  const officerRows: OfficerTally[] = officers
    .filter((o) => o.active || officerLevels.has(o.id))
    .map((o) => {
      const levels = officerLevels.get(o.id) ?? emptyLevels();
      const s = shares(levels);
      return {
        officerId: o.id,
        name: o.name,
        title: o.title,
        ...s,
        flagged: isFlagged(levels),
        dissatisfiedInterval: wilsonInterval(levels['1'] + levels['2'], s.responses),
        smallSample: s.responses < SMALL_SAMPLE,
      };
    });

  const fieldLevels = group(byField, (r) => r.fieldId);
  const fieldRows = fields
    .filter((f) => f.active || fieldLevels.has(f.id))
    .map((f) => ({ fieldId: f.id as string | null, name: f.name, ...shares(fieldLevels.get(f.id) ?? emptyLevels()) }));
  const noField = fieldLevels.get('');
  if (noField) fieldRows.push({ fieldId: null, name: 'Không chọn lĩnh vực', ...shares(noField) });

  const dayLevels = group(byDay, (r) => r.day);
  const days = [...dayLevels.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, levels]) => ({ day, ...shares(levels) }));

  return { unitId, from, to, total: questions[overall]!, questions, officers: officerRows, fields: fieldRows, days };
}
