import { sql, type Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
//
// Channels and paper ballots (issue 28):
// - points.kind: 'counter' (a QR posted at a counter or desk) or 'kiosk' (a shared tablet at the
//   counter: its link opens kiosk mode and its responses are channel 'kiosk');
// - tallies gain a 'channel:<channel>' pseudo-question per response (its overall level, under its
//   officer and field), written by the same upsert as its answers: how responses came is counted
//   with them, without an index on the responses (migration 007 dropped one for the write path's
//   sake). Existing responses get theirs here, read in batches ('qr', the Mini App in Zalo before
//   channels were named, counts as 'zalo');
// - paper_batches: a ballot box opened by the clerk — the day it was opened, the day its forms
//   count in, how many forms were found, who opened it, its status (open → committing →
//   committed, or discarded);
// - paper_forms: the forms typed from a batch, editable until the commit; the commit stores each
//   as a response (channel 'paper', the batch's day) and keeps its response id here with who
//   entered it, so the batch and its clerk stay linked to the response without changing how
//   responses are hashed.

const BATCH = 5000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function backfillChannelCells(db: Kysely<any>): Promise<void> {
  const forms = await db.selectFrom('forms').select(['key', 'version', 'content']).execute();
  const overall = new Map<string, string>(forms.map((f: { key: string; version: number; content: string }) => [`${f.key}|${Number(f.version)}`, (JSON.parse(f.content) as { overallKey: string }).overallKey]));
  let after = '';
  for (;;) {
    const rows: { id: string; unit_id: string; form_key: string; form_version: number; day: string; officer_id: string | null; field_id: string | null; answers: string; channel: string; self_rating: number | null }[] = await db
      .selectFrom('responses')
      .select(['id', 'unit_id', 'form_key', 'form_version', 'day', 'officer_id', 'field_id', 'answers', 'channel', 'self_rating'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const cells = new Map<string, { unit_id: string; form_key: string; day: string; officer_id: string; field_id: string; question_key: string; level: number; count: number }>();
    for (const r of rows) {
      const level = (JSON.parse(r.answers) as Record<string, number>)[overall.get(`${r.form_key}|${Number(r.form_version)}`) ?? 'overall'];
      if (level === undefined) continue;
      const officer = Number(r.self_rating) === 1 ? '' : (r.officer_id ?? '');
      const question = `channel:${r.channel === 'qr' ? 'zalo' : r.channel}`;
      const key = `${r.unit_id}|${r.form_key}|${r.day}|${officer}|${r.field_id ?? ''}|${question}|${level}`;
      const c = cells.get(key);
      if (c) c.count++;
      else cells.set(key, { unit_id: r.unit_id, form_key: r.form_key, day: r.day, officer_id: officer, field_id: r.field_id ?? '', question_key: question, level, count: 1 });
    }
    const values = [...cells.values()];
    for (let i = 0; i < values.length; i += 500) {
      await db
        .insertInto('tallies')
        .values(values.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['unit_id', 'form_key', 'day', 'officer_id', 'field_id', 'question_key', 'level']).doUpdateSet({ count: sql`tallies.count + excluded.count` }))
        .execute();
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('points').addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('counter')).execute();
  await backfillChannelCells(db);
  await db.schema
    .createTable('paper_batches')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('point_id', 'varchar(36)', (c) => c.notNull().references('points.id'))
    .addColumn('opened_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('counts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('expected_forms', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('commit_started_at', 'varchar(32)')
    .addColumn('committed_by', 'varchar(36)')
    .addColumn('committed_at', 'varchar(32)')
    .addColumn('stored', 'integer')
    .execute();
  await db.schema.createIndex('paper_batches_unit_idx').on('paper_batches').columns(['unit_id', 'created_at']).execute();
  await db.schema
    .createTable('paper_forms')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('batch_id', 'varchar(36)', (c) => c.notNull().references('paper_batches.id'))
    .addColumn('form_no', 'integer', (c) => c.notNull())
    .addColumn('officer_id', 'varchar(36)')
    .addColumn('field_id', 'varchar(36)')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('issues', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('entered_by', 'varchar(36)')
    .addColumn('entered_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('response_id', 'varchar(36)')
    .addUniqueConstraint('paper_forms_batch_no_uq', ['batch_id', 'form_no'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paper_forms').execute();
  await db.schema.dropTable('paper_batches').execute();
  await db.deleteFrom('tallies').where('question_key', 'like', 'channel:%').execute();
  await db.schema.alterTable('points').dropColumn('kind').execute();
}
