import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface TallyRange {
  unitId: string;
  /** The form whose counts are read: a form's counts never merge with another's. */
  formKey: string;
  from: string;
  to: string;
}

export interface LevelSum {
  level: number;
  n: number;
}

// sum() is bigint (a string) on PostgreSQL and a number on SQLite: normalise once here.
const num = (v: string | number | bigint | null): number => Number(v ?? 0);

function rangeQuery(db: Executor, r: TallyRange) {
  return db
    .selectFrom('tallies')
    .where('unit_id', '=', r.unitId)
    .where('form_key', '=', r.formKey)
    .where('day', '>=', r.from)
    .where('day', '<=', r.to);
}

/** The tally columns figures are broken down by, besides the level. */
type Dimension = 'question_key' | 'officer_id' | 'field_id' | 'day';

/**
 * Count sums per `by` and level over a unit's day range, for the given question keys. Naming
 * the keys lets the tallies' (unit, question, day, …) primary key serve every breakdown as ranges.
 */
async function sumLevelsBy(db: Executor, r: TallyRange, questionKeys: readonly string[], by: Dimension, officerId?: string): Promise<(LevelSum & { key: string })[]> {
  let q = rangeQuery(db, r);
  if (officerId !== undefined) q = q.where('officer_id', '=', officerId);
  const rows = await q
    .where('question_key', 'in', [...questionKeys])
    .select((eb) => [eb.ref(by).as('key'), 'level', eb.fn.sum<string | number>('count').as('n')])
    .groupBy([by, 'level'])
    .orderBy(by)
    .execute();
  return rows.map((x) => ({ key: String(x.key), level: x.level, n: num(x.n) }));
}

export async function sumByQuestion(db: Executor, r: TallyRange, questionKeys: readonly string[]): Promise<(LevelSum & { questionKey: string })[]> {
  return (await sumLevelsBy(db, r, questionKeys, 'question_key')).map(({ key, level, n }) => ({ questionKey: key, level, n }));
}

/** One officer's sums per question (the officer's page). */
export async function sumByQuestionOfOfficer(db: Executor, r: TallyRange, questionKeys: readonly string[], officerId: string): Promise<(LevelSum & { questionKey: string })[]> {
  return (await sumLevelsBy(db, r, questionKeys, 'question_key', officerId)).map(({ key, level, n }) => ({ questionKey: key, level, n }));
}

/** One officer's sums of a question per day, in day order (the officer's page). */
export async function sumByDayOfOfficer(db: Executor, r: TallyRange, questionKey: string, officerId: string): Promise<(LevelSum & { day: string })[]> {
  return (await sumLevelsBy(db, r, [questionKey], 'day', officerId)).map(({ key, level, n }) => ({ day: key, level, n }));
}

export async function sumByOfficer(db: Executor, r: TallyRange, questionKey: string): Promise<(LevelSum & { officerId: string })[]> {
  return (await sumLevelsBy(db, r, [questionKey], 'officer_id')).map(({ key, level, n }) => ({ officerId: key, level, n }));
}

/** Names a TallyRange in officerSumsQuery's rows and officerSumsByRange's map. */
export const rangeKey = (r: TallyRange): string => `${r.unitId}|${r.formKey}|${r.from}|${r.to}`;

/** Officer sums of a question (each range's own) over several unit day ranges, in one query; each row holds its range's rangeKey as k. */
export function officerSumsQuery(db: Executor, ranges: readonly [TallyRange & { questionKey: string }, ...(TallyRange & { questionKey: string })[]]) {
  const one = (r: TallyRange & { questionKey: string }) =>
    rangeQuery(db, r)
      .where('question_key', '=', r.questionKey)
      .select((eb) => [sql<string>`cast(${rangeKey(r)} as varchar)`.as('k'), 'officer_id', 'level', eb.fn.sum<string | number>('count').as('n')])
      .groupBy(['officer_id', 'level']);
  return ranges.slice(1).reduce((q, r) => q.unionAll(one(r)), one(ranges[0]));
}

/** officerSumsQuery's rows by rangeKey; a range with nothing counted maps to []. */
export function officerSumsByRange(
  ranges: readonly TallyRange[],
  rows: readonly { k: string; officer_id: string; level: number; n: string | number }[],
): Map<string, (LevelSum & { officerId: string })[]> {
  const out = new Map<string, (LevelSum & { officerId: string })[]>(ranges.map((r) => [rangeKey(r), []]));
  for (const x of rows) out.get(x.k)?.push({ officerId: x.officer_id, level: x.level, n: num(x.n) });
  return out;
}

export async function sumByField(db: Executor, r: TallyRange, questionKey: string): Promise<(LevelSum & { fieldId: string })[]> {
  return (await sumLevelsBy(db, r, [questionKey], 'field_id')).map(({ key, level, n }) => ({ fieldId: key, level, n }));
}

/** In day order. */
export async function sumByDay(db: Executor, r: TallyRange, questionKey: string): Promise<(LevelSum & { day: string })[]> {
  return (await sumLevelsBy(db, r, [questionKey], 'day')).map(({ key, level, n }) => ({ day: key, level, n }));
}

export interface TallyCell {
  unitId: string;
  formKey: string;
  day: string;
  officerId: string;
  fieldId: string;
  questionKey: string;
  level: number;
  count: number;
}

export async function allTallies(db: Executor, unitId: string): Promise<TallyCell[]> {
  const rows = await db.selectFrom('tallies').selectAll().where('unit_id', '=', unitId).execute();
  return rows.map((t) => ({
    unitId: t.unit_id,
    formKey: t.form_key,
    day: t.day,
    officerId: t.officer_id,
    fieldId: t.field_id,
    questionKey: t.question_key,
    level: t.level,
    count: num(t.count),
  }));
}
