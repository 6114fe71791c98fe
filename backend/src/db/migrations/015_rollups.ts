import { sql, type Kysely, type Migration } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
//
// Monthly roll-ups of the tallies for comparisons across units (issue 29). Comparing 3,321
// communes over a year read ~10 million tally rows of the general question at 10 million stored
// responses (one cell per response: a commune's ~8 responses a day rarely share an officer,
// field and level): 1.2 s for the levels alone and 4.6 s with officers on SQLite, measured at
// 3.5 million such rows. Without the day and the field, a commune's month is ~5 officers, five
// levels in one row each: ~60 times fewer rows to read.
//
// Nothing is added to the write path. A job (jobs/rollups.ts) rebuilds, from the tallies, the
// months a unit's new responses fell in since its mark (the chain seq the roll-up includes);
// readers use a unit's roll-up only while its mark equals its chain head, and the tallies
// otherwise (db/comparison.repository.ts), so a figure is never stale, only slower.
// - tally_months: (unit, form, question, month 'YYYY-MM', officer) → counts of levels 1–5, for
//   every tally question but the 'channel:…' and 'self_rating' cells; its key in the order
//   comparisons read it, and read from the key alone (as the tallies since 006): SQLite WITHOUT
//   ROWID, PostgreSQL a key that INCLUDEs the counts (index-only scans: 3,356 units' year went
//   from ~0.19 to ~0.03 ms a unit, measured);
// - rollup_marks: per unit, the chain seq its roll-up rows include.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function rollups015(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await sql`create table tally_months (
          unit_id varchar(36) not null,
          form_key varchar(32) not null,
          question_key varchar(32) not null,
          month varchar(7) not null,
          officer_id varchar(36) not null,
          l1 integer not null,
          l2 integer not null,
          l3 integer not null,
          l4 integer not null,
          l5 integer not null,
          constraint tally_months_pk primary key (unit_id, form_key, question_key, month, officer_id)${dialect === 'postgres' ? sql` include (l1, l2, l3, l4, l5)` : sql``}
        )${dialect === 'sqlite' ? sql` without rowid` : sql``}`.execute(db);
      await db.schema
        .createTable('rollup_marks')
        .addColumn('unit_id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb): Promise<void> {
      await db.schema.dropTable('rollup_marks').execute();
      await db.schema.dropTable('tally_months').execute();
    },
  };
}
