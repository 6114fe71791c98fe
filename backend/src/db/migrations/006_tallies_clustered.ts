import { sql, type Kysely, type Migration } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
//
// Every response adds to five or more tally cells. With a rowid table, a primary-key index and
// the covering index of 005, each of those upserts changed three B-trees; on a database holding
// thousands of units, every one of them a different page, so a commit wrote ~12 WAL pages per
// response and the writer managed 2.3k responses/s on 3,300 units (measured). Here the tallies
// are one B-tree on SQLite: a WITHOUT ROWID table whose primary key is in the covering index's
// order (unit, question, day, …), so the rows are the index and the tallies route stays an
// index-only range scan. On PostgreSQL the primary key takes that order and carries the count
// (INCLUDE), which replaces the covering index: two B-trees per upsert instead of three.
//
// The physical layout differs by dialect; the table's columns, its key and every query on it
// stay the same, so the rest of the code does not know.

const KEY = ['unit_id', 'question_key', 'day', 'officer_id', 'field_id', 'level'] as const;
const OLD_KEY = ['unit_id', 'day', 'officer_id', 'field_id', 'question_key', 'level'] as const;
type Key = readonly (typeof KEY)[number][];
const COVER = 'tallies_unit_question_day_cover';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The same table as 001 with another key order; `clustered` makes it WITHOUT ROWID. */
async function createTallies(db: AnyDb, name: string, key: Key, clustered: boolean): Promise<void> {
  const table = db.schema
    .createTable(name)
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('officer_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('field_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('question_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tallies_pk', [...key]);
  await (clustered ? table.modifyEnd(sql`without rowid`) : table).execute();
}

/** SQLite cannot change a table's key in place: build the new table, copy, swap. */
async function rebuildSqlite(db: AnyDb, key: Key, clustered: boolean): Promise<void> {
  await createTallies(db, 'tallies_rebuilt', key, clustered);
  await sql`insert into tallies_rebuilt (unit_id, day, officer_id, field_id, question_key, level, count)
            select unit_id, day, officer_id, field_id, question_key, level, count from tallies`.execute(db);
  await db.schema.dropTable('tallies').execute(); // drops the covering index with it
  await db.schema.alterTable('tallies_rebuilt').renameTo('tallies').execute();
}

async function rekeyPostgres(db: AnyDb, key: Key, include: boolean): Promise<void> {
  await sql`alter table tallies drop constraint tallies_pk`.execute(db);
  const cols = sql.join(key.map((k) => sql.ref(k)));
  await sql`alter table tallies add constraint tallies_pk primary key (${cols})${include ? sql` include (count)` : sql``}`.execute(db);
}

export function tallies006(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      if (dialect === 'sqlite') return rebuildSqlite(db, KEY, true);
      await db.schema.dropIndex(COVER).execute();
      await rekeyPostgres(db, KEY, true);
    },
    async down(db: AnyDb): Promise<void> {
      if (dialect === 'sqlite') await rebuildSqlite(db, OLD_KEY, false);
      else await rekeyPostgres(db, OLD_KEY, false);
      await db.schema.createIndex(COVER).on('tallies').columns([...KEY, 'count']).execute();
    },
  };
}
