import { sql, type Kysely, type Migration } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
//
// Questionnaires as data (issue 24):
// - `forms`: one row per form version, its content as canonical JSON; a version never changes
//   once it has responses (the app enforces it; rows are only ever inserted or, for a version
//   without responses, replaced);
// - `points.form_key`: the form a QR point serves (its latest version); every existing point
//   keeps serving the counter form;
// - `tallies.form_key`, in the key after the unit: a second form that reuses the question key
//   `overall` would otherwise merge into the counter form's counts. Every existing tally row is
//   the counter form's (the only form responses were stored with), and keeps its count.
// The tallies' layout is 006's (SQLite: WITHOUT ROWID, key in the order the routes read;
// PostgreSQL: the key carries the count), with form_key second.

const KEY = ['unit_id', 'form_key', 'question_key', 'day', 'officer_id', 'field_id', 'level'] as const;
const OLD_KEY = ['unit_id', 'question_key', 'day', 'officer_id', 'field_id', 'level'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** SQLite: the tallies table of 006, with or without form_key (WITHOUT ROWID, the key in read order). */
async function createTallies(db: AnyDb, name: string, withForm: boolean): Promise<void> {
  const key = sql.join((withForm ? KEY : OLD_KEY).map((k) => sql.ref(k)));
  await sql`create table ${sql.table(name)} (
      unit_id varchar(36) not null,
      ${withForm ? sql`form_key varchar(32) not null,` : sql``}
      day varchar(10) not null,
      officer_id varchar(36) not null,
      field_id varchar(36) not null,
      question_key varchar(32) not null,
      level integer not null,
      count integer not null,
      constraint tallies_pk primary key (${key})
    ) without rowid`.execute(db);
}

/** The down migration cannot keep another form's counts apart: it refuses rather than merge them. */
async function onlyCounterTallies(db: AnyDb): Promise<void> {
  const other = await sql<{ n: number }>`select count(*) as n from tallies where form_key <> 'counter'`.execute(db);
  if (Number(other.rows[0]?.n ?? 0) > 0) throw new Error('009_forms down: tallies of forms other than "counter" exist; the old schema cannot keep them apart');
}

export function forms009(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('forms')
        .addColumn('key', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('forms_pk', ['key', 'version'])
        .execute();
      await db.schema.alterTable('points').addColumn('form_key', 'varchar(32)', (c) => c.notNull().defaultTo('counter')).execute();

      if (dialect === 'sqlite') {
        await createTallies(db, 'tallies_rebuilt', true);
        await sql`insert into tallies_rebuilt (unit_id, form_key, day, officer_id, field_id, question_key, level, count)
                  select unit_id, 'counter', day, officer_id, field_id, question_key, level, count from tallies`.execute(db);
        await db.schema.dropTable('tallies').execute();
        await db.schema.alterTable('tallies_rebuilt').renameTo('tallies').execute();
      } else {
        await sql`alter table tallies add column form_key varchar(32) not null default 'counter'`.execute(db);
        await sql`alter table tallies alter column form_key drop default`.execute(db);
        await sql`alter table tallies drop constraint tallies_pk`.execute(db);
        await sql`alter table tallies add constraint tallies_pk primary key (${sql.join(KEY.map((k) => sql.ref(k)))}) include (count)`.execute(db);
      }
    },
    async down(db: AnyDb): Promise<void> {
      await onlyCounterTallies(db);
      if (dialect === 'sqlite') {
        await createTallies(db, 'tallies_rebuilt', false);
        await sql`insert into tallies_rebuilt (unit_id, day, officer_id, field_id, question_key, level, count)
                  select unit_id, day, officer_id, field_id, question_key, level, count from tallies`.execute(db);
        await db.schema.dropTable('tallies').execute();
        await db.schema.alterTable('tallies_rebuilt').renameTo('tallies').execute();
      } else {
        await sql`alter table tallies drop constraint tallies_pk`.execute(db);
        await sql`alter table tallies drop column form_key`.execute(db);
        await sql`alter table tallies add constraint tallies_pk primary key (${sql.join(OLD_KEY.map((k) => sql.ref(k)))}) include (count)`.execute(db);
      }
      await db.schema.alterTable('points').dropColumn('form_key').execute();
      await db.schema.dropTable('forms').execute();
    },
  };
}
