import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface TallyRange {
  unitId: string;
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
    .where('day', '>=', r.from)
    .where('day', '<=', r.to);
}

/** Sums per question and level; naming the keys lets the (unit, question, day) index serve it as ranges. */
export async function sumByQuestion(db: Executor, r: TallyRange, questionKeys: readonly string[]): Promise<(LevelSum & { questionKey: string })[]> {
  const rows = await rangeQuery(db, r)
    .where('question_key', 'in', [...questionKeys])
    .select(['question_key', 'level', (eb) => eb.fn.sum<string | number>('count').as('n')])
    .groupBy(['question_key', 'level'])
    .execute();
  return rows.map((x) => ({ questionKey: x.question_key, level: x.level, n: num(x.n) }));
}

export async function sumByOfficer(db: Executor, r: TallyRange, questionKey: string): Promise<(LevelSum & { officerId: string })[]> {
  const rows = await rangeQuery(db, r)
    .where('question_key', '=', questionKey)
    .select(['officer_id', 'level', (eb) => eb.fn.sum<string | number>('count').as('n')])
    .groupBy(['officer_id', 'level'])
    .execute();
  return rows.map((x) => ({ officerId: x.officer_id, level: x.level, n: num(x.n) }));
}

export async function sumByField(db: Executor, r: TallyRange, questionKey: string): Promise<(LevelSum & { fieldId: string })[]> {
  const rows = await rangeQuery(db, r)
    .where('question_key', '=', questionKey)
    .select(['field_id', 'level', (eb) => eb.fn.sum<string | number>('count').as('n')])
    .groupBy(['field_id', 'level'])
    .execute();
  return rows.map((x) => ({ fieldId: x.field_id, level: x.level, n: num(x.n) }));
}

export async function sumByDay(db: Executor, r: TallyRange, questionKey: string): Promise<(LevelSum & { day: string })[]> {
  const rows = await rangeQuery(db, r)
    .where('question_key', '=', questionKey)
    .select(['day', 'level', (eb) => eb.fn.sum<string | number>('count').as('n')])
    .groupBy(['day', 'level'])
    .orderBy('day')
    .execute();
  return rows.map((x) => ({ day: x.day, level: x.level, n: num(x.n) }));
}

export interface TallyCell {
  unitId: string;
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
    day: t.day,
    officerId: t.officer_id,
    fieldId: t.field_id,
    questionKey: t.question_key,
    level: t.level,
    count: num(t.count),
  }));
}
