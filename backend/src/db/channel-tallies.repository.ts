import type { Kysely, Transaction } from 'kysely';
import type { Channel } from '../domain/channels.ts';
import type { Database } from './schema.ts';
import type { LevelSum, TallyRange } from './tallies.repository.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A response's contribution, as a tally cell holds it: officer '' for none (or a self-rating), field '' for none. */
interface Cell {
  day: string;
  officerId: string;
  fieldId: string;
  questionKey: string;
  level: number;
}

/** The sums tallies.repository.ts gives for a range, for one channel: the same shapes, so the same results model reads them. */
export interface ChannelSums {
  byQuestion: (LevelSum & { questionKey: string })[];
  byOfficer: (LevelSum & { officerId: string })[];
  byField: (LevelSum & { fieldId: string })[];
  byDay: (LevelSum & { day: string })[];
}

/**
 * A range's figures for one channel, counted from the responses themselves (the tallies keep
 * each channel's overall level only): the unit's responses of the form in the range, each counted
 * as the writer counts it — every answer under its officer and field, a
 * self-rating under no officer. `zalo` includes the older `qr` rows.
 */
export async function channelSums(db: Executor, r: TallyRange, channel: Channel, overallKey: string): Promise<ChannelSums> {
  const stored = channel === 'zalo' ? ['zalo', 'qr'] : [channel];
  const rows = await db
    .selectFrom('responses')
    .select(['day', 'officer_id', 'field_id', 'answers', 'self_rating'])
    .where('unit_id', '=', r.unitId)
    .where('form_key', '=', r.formKey)
    .where('day', '>=', r.from)
    .where('day', '<=', r.to)
    .where('channel', 'in', stored)
    .execute();
  const sums = { byQuestion: new Map<string, number>(), byOfficer: new Map<string, number>(), byField: new Map<string, number>(), byDay: new Map<string, number>() };
  const add = (m: Map<string, number>, key: string, level: number) => m.set(`${key}\u0000${level}`, (m.get(`${key}\u0000${level}`) ?? 0) + 1);
  for (const row of rows) {
    const answers = JSON.parse(row.answers) as Record<string, number>;
    const cell: Omit<Cell, 'questionKey' | 'level'> = { day: row.day, officerId: row.self_rating === 1 ? '' : (row.officer_id ?? ''), fieldId: row.field_id ?? '' };
    for (const questionKey in answers) add(sums.byQuestion, questionKey, answers[questionKey]!);
    const overall = answers[overallKey];
    if (overall === undefined) continue;
    add(sums.byOfficer, cell.officerId, overall);
    add(sums.byField, cell.fieldId, overall);
    add(sums.byDay, cell.day, overall);
  }
  const rowsOf = <K extends string>(m: Map<string, number>, name: K) =>
    [...m.entries()]
      .map(([k, n]) => {
        const [key, level] = k.split('\u0000') as [string, string];
        return { [name]: key, level: Number(level), n } as LevelSum & Record<K, string>;
      })
      .sort((a, b) => (a[name] < b[name] ? -1 : a[name] > b[name] ? 1 : a.level - b.level));
  return { byQuestion: rowsOf(sums.byQuestion, 'questionKey'), byOfficer: rowsOf(sums.byOfficer, 'officerId'), byField: rowsOf(sums.byField, 'fieldId'), byDay: rowsOf(sums.byDay, 'day') };
}
