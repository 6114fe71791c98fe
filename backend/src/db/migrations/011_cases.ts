import type { Kysely } from 'kysely';

// Frozen once landed: takes Kysely<any> and imports no app code.
//
// Cases (issue 27): each misconduct report, and each "Rất không hài lòng" that comes with a
// comment, opens one case, keyed by its response (never edited): a status (new → in_progress →
// handled | unfounded), an owner, a due day, and how far an overdue case has been escalated
// (0 none, 1 owner reminded, 2 chairman alerted, 3 the parent unit's supervisors alerted).
// Decisions stay in handling_notes, which gains the status each note set (null on older rows:
// their `handled` flag says handled or reopened).
//
// alert_states: whether an officer's 25 % alert of a period has been sent and not yet reset by
// the officer being seen at or under the threshold again (instant alerts fire again after a
// fall back below, not once a month).
//
// Existing responses that qualify get their case here, read row by row in JS (portable: the
// overall question's key lives in each form version's JSON). Their status comes from their
// latest note; one already past its due day is marked as escalated, so that history does not
// wake anyone up.

const DUE_WORKING_DAYS = 5;

function addWorkingDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  for (let left = n; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    const w = d.getUTCDay();
    if (w !== 0 && w !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('response_id', 'varchar(36)', (c) => c.primaryKey().references('responses.id'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('officer_id', 'varchar(36)')
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('owner_staff_id', 'varchar(36)', (c) => c.references('staff.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('escalation', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_unit_status_idx').on('cases').columns(['unit_id', 'status', 'due_day']).execute();
  await db.schema.createIndex('cases_open_due_idx').on('cases').columns(['status', 'due_day']).execute();
  await db.schema.alterTable('handling_notes').addColumn('status', 'varchar(16)').execute();
  await db.schema
    .createTable('alert_states')
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('form_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('officer_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('period_key', 'varchar(10)', (c) => c.notNull())
    .addColumn('alerted', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_states_pk', ['unit_id', 'form_key', 'officer_id', 'period_key'])
    .execute();

  const forms = await db.selectFrom('forms').select(['key', 'version', 'content']).execute();
  const overall = new Map<string, string>(forms.map((f: { key: string; version: number; content: string }) => [`${f.key}|${Number(f.version)}`, (JSON.parse(f.content) as { overallKey: string }).overallKey]));
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const now = new Date().toISOString();
  let after = '';
  for (;;) {
    const rows: { id: string; unit_id: string; officer_id: string | null; form_key: string; form_version: number; answers: string; issues: string; comment: string | null; day: string; received_at: string }[] = await db
      .selectFrom('responses')
      .select(['id', 'unit_id', 'officer_id', 'form_key', 'form_version', 'answers', 'issues', 'comment', 'day', 'received_at'])
      .where('id', '>', after)
      .where((eb) => eb.or([eb('issues', '<>', '[]'), eb('comment', 'is not', null)]))
      .orderBy('id')
      .limit(2000)
      .execute();
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const qualifying = rows.filter((r) => {
      const level = (JSON.parse(r.answers) as Record<string, number>)[overall.get(`${r.form_key}|${Number(r.form_version)}`) ?? 'overall'];
      return r.issues !== '[]' || (level === 1 && r.comment !== null);
    });
    if (qualifying.length === 0) continue;
    const notes: { response_id: string; handled: number; created_at: string; id: string }[] = await db
      .selectFrom('handling_notes')
      .select(['response_id', 'handled', 'created_at', 'id'])
      .where('response_id', 'in', qualifying.map((r) => r.id))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const last = new Map<string, number>();
    for (const n of notes) last.set(n.response_id, Number(n.handled));
    await db
      .insertInto('cases')
      .values(
        qualifying.map((r) => {
          const due = addWorkingDays(r.day, DUE_WORKING_DAYS);
          const status = last.get(r.id) === 1 ? 'handled' : last.has(r.id) ? 'in_progress' : 'new';
          return {
            response_id: r.id,
            unit_id: r.unit_id,
            officer_id: r.officer_id,
            kind: r.issues !== '[]' ? 'misconduct' : 'very_dissatisfied',
            status,
            owner_staff_id: null,
            day: r.day,
            due_day: due,
            escalation: due < today ? 3 : 0,
            created_at: r.received_at,
            updated_at: now,
          };
        }),
      )
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_states').execute();
  await db.schema.alterTable('handling_notes').dropColumn('status').execute();
  await db.schema.dropTable('cases').execute();
}
