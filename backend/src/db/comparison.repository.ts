import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DialectName } from './create-db.ts';
import type { Database, UnitTable } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * What a comparison across units reads: every unit below a root, and the level counts of a
 * form's questions per unit (and per officer, for the general question) over a day range, in
 * one statement each — never one query per unit.
 */

export interface SubtreeUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitTable['kind'];
  parentId: string | null;
}

/** The subtree of `rootId` as a recursive CTE (`sub(id)`), on both dialects. */
function withSubtree(db: Executor, rootId: string) {
  return db.withRecursive('sub(id)', (qb) =>
    qb
      .selectFrom('units')
      .select('id')
      .where('id', '=', rootId)
      .union((qb2) => qb2.selectFrom('units').innerJoin('sub', 'sub.id', 'units.parent_id').select('units.id')),
  );
}

/** The root and every unit below it. */
export async function subtreeUnits(db: Executor, rootId: string): Promise<SubtreeUnit[]> {
  const rows = await withSubtree(db, rootId)
    .selectFrom('units')
    .select(['units.id', 'units.code', 'units.name', 'units.kind', 'units.parent_id'])
    .where('units.id', 'in', (eb) => eb.selectFrom('sub').select('sub.id'))
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id }));
}

/** Level counts of one (unit, question, officer): officer '' for every question but the general one, and for "no officer". */
export interface UnitQuestionSum {
  unitId: string;
  questionKey: string;
  officerId: string;
  levels: [number, number, number, number, number];
}

export interface ComparisonRange {
  rootId: string;
  formKey: string;
  /** The general question: the only one read per officer. */
  overallKey: string;
  /** Every question to read (the general one included). */
  questionKeys: readonly string[];
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthAfter = (m: string) => (m.endsWith('-12') ? `${Number(m.slice(0, 4)) + 1}-01` : `${m.slice(0, 5)}${pad(Number(m.slice(5, 7)) + 1)}`);
const monthBefore = (m: string) => (m.endsWith('-01') ? `${Number(m.slice(0, 4)) - 1}-12` : `${m.slice(0, 5)}${pad(Number(m.slice(5, 7)) - 1)}`);
const lastDayOf = (m: string) => `${m}-${pad(new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate())}`;
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A day range cut into the whole months inside it (read from the roll-ups) and the days left at
 * either end (read from the tallies): 2025-01-16..2025-12-15 → months 2025-02..2025-11, days
 * 2025-01-16..2025-01-31 and 2025-12-01..2025-12-15.
 */
export function splitByMonths(from: string, to: string): { months: { first: string; last: string } | null; days: { from: string; to: string }[] } {
  const first = from.endsWith('-01') ? from.slice(0, 7) : monthAfter(from.slice(0, 7));
  const last = to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : monthBefore(to.slice(0, 7));
  if (first > last) return { months: null, days: [{ from, to }] };
  const days: { from: string; to: string }[] = [];
  if (from < `${first}-01`) days.push({ from, to: dayBefore(`${first}-01`) });
  if (to > lastDayOf(last)) days.push({ from: dayAfter(lastDayOf(last)), to });
  return { months: { first, last }, days };
}

/**
 * Level counts per unit, question and officer (general question only) for every unit below
 * `rootId`, in ONE statement, so that it sees the roll-ups, their marks and the tallies as of
 * one moment on both dialects. A unit whose roll-up is current (its mark equals its chain head)
 * is read from tally_months for the whole months of the range and from the tallies for the days
 * at its ends; any other unit from the tallies alone. Either way the counts are the tallies'.
 */
export function comparisonSumsQuery(r: ComparisonRange, dialect: DialectName) {
  const { months, days } = splitByMonths(r.from, r.to);
  const questions = sql.join(r.questionKeys.map((k) => sql`${k}`));
  const officer = sql`case when question_key = ${r.overallKey} then officer_id else '' end`;
  const lv = (l: number) => sql`case when level = ${sql.lit(l)} then count else 0 end`;
  const levels = sql`${lv(1)} as l1, ${lv(2)} as l2, ${lv(3)} as l3, ${lv(4)} as l4, ${lv(5)} as l5`;
  /**
   * The rows of one set of units ('fresh' or 'stale'), a range scan of the table's key per unit.
   * SQLite loops over `unit_id in (…)` that way by itself; PostgreSQL, which cannot know how
   * many units the recursive CTE holds, may hash-join a whole sequential scan of the tallies
   * instead (seen in its plans), so there each unit's rows are a LATERAL subquery of its own
   * (OFFSET 0: otherwise PostgreSQL flattens it back into that join).
   */
  const perUnit = (set: 'fresh' | 'stale', table: 'tallies' | 'tally_months', cols: RawBuilder<unknown>, where: RawBuilder<unknown>) =>
    dialect === 'postgres'
      ? sql`select s.unit_id, x.question_key, x.officer_id, x.l1, x.l2, x.l3, x.l4, x.l5 from ${sql.table(set)} s
          cross join lateral (select question_key, ${officer} as officer_id, ${cols} from ${sql.table(table)} t where t.unit_id = s.unit_id and ${where} offset 0) x`
      : sql`select unit_id, question_key, ${officer} as officer_id, ${cols} from ${sql.table(table)} where unit_id in (select unit_id from ${sql.table(set)}) and ${where}`;
  const fromTallies = (set: 'fresh' | 'stale', a: string, b: string) => perUnit(set, 'tallies', levels, sql`form_key = ${r.formKey} and question_key in (${questions}) and day >= ${a} and day <= ${b}`);
  const parts: RawBuilder<unknown>[] = [fromTallies('stale', r.from, r.to)];
  if (months) {
    parts.push(perUnit('fresh', 'tally_months', sql`l1, l2, l3, l4, l5`, sql`form_key = ${r.formKey} and question_key in (${questions}) and month >= ${months.first} and month <= ${months.last}`));
    for (const d of days) parts.push(fromTallies('fresh', d.from, d.to));
  } else {
    parts.push(fromTallies('fresh', r.from, r.to));
  }
  return sql<{ unit_id: string; question_key: string; officer_id: string; l1: number | string; l2: number | string; l3: number | string; l4: number | string; l5: number | string }>`
    with recursive sub(id) as (
        select id from units where id = ${r.rootId}
        union select u.id from units u join sub on u.parent_id = sub.id),
      fresh as (select h.unit_id from chain_heads h join rollup_marks m on m.unit_id = h.unit_id and m.seq = h.seq where h.unit_id in (select id from sub)),
      stale as (select id as unit_id from sub where id not in (select unit_id from fresh))
    select unit_id, question_key, officer_id, sum(l1) as l1, sum(l2) as l2, sum(l3) as l3, sum(l4) as l4, sum(l5) as l5
    from (${sql.join(parts, sql` union all `)}) x
    group by unit_id, question_key, officer_id`;
}

/** comparisonSumsQuery's counts. */
export async function comparisonSums(db: Executor, dialect: DialectName, r: ComparisonRange): Promise<UnitQuestionSum[]> {
  const query = comparisonSumsQuery(r, dialect);
  // PostgreSQL cannot size the recursive subtree, guesses millions of rows, and so JIT-compiles
  // the statement: ~480 ms of compiling for ~30 ms of work (a province, measured). Not here.
  const noJit = (trx: Executor) => sql`set local jit = off`.execute(trx).then(() => query.execute(trx));
  const rows = dialect !== 'postgres' ? await query.execute(db) : db.isTransaction ? await noJit(db) : await db.transaction().execute(noJit);
  // sum() is bigint (a string) on PostgreSQL, a number on SQLite.
  return rows.rows.map((x) => ({ unitId: x.unit_id, questionKey: x.question_key, officerId: x.officer_id, levels: [Number(x.l1), Number(x.l2), Number(x.l3), Number(x.l4), Number(x.l5)] }));
}

/** A campaign's responses below `rootId` in the day range: what the tallies cannot tell apart. */
export async function campaignAnswers(
  db: Executor,
  r: { rootId: string; campaignId: string; formKey: string; from: string; to: string },
): Promise<{ unitId: string; officerId: string | null; selfRating: boolean; answers: string }[]> {
  const rows = await withSubtree(db, r.rootId)
    .selectFrom('campaign_responses as c')
    .innerJoin('responses as r', 'r.id', 'c.response_id')
    .select(['r.unit_id', 'r.officer_id', 'r.self_rating', 'r.answers'])
    .where('c.campaign_id', '=', r.campaignId)
    .where('c.unit_id', 'in', (eb) => eb.selectFrom('sub').select('sub.id'))
    .where('c.day', '>=', r.from)
    .where('c.day', '<=', r.to)
    .where('r.form_key', '=', r.formKey)
    .execute();
  return rows.map((x) => ({ unitId: x.unit_id, officerId: x.officer_id, selfRating: Number(x.self_rating) === 1, answers: x.answers }));
}

/** Dossier counts of every unit below `rootId` for periods starting with `periodPrefix` ('2025': the year, its quarters and months). */
export async function subtreeDossierCounts(db: Executor, rootId: string, periodPrefix: string): Promise<{ unitId: string; fieldId: string; period: string; count: number }[]> {
  const rows = await withSubtree(db, rootId)
    .selectFrom('dossier_counts')
    .select(['unit_id', 'field_id', 'period', 'count'])
    .where('unit_id', 'in', (eb) => eb.selectFrom('sub').select('sub.id'))
    .where('period', 'like', `${periodPrefix}%`)
    .execute();
  return rows.map((x) => ({ unitId: x.unit_id, fieldId: x.field_id, period: x.period, count: Number(x.count) }));
}
