import type { Kysely, Transaction } from 'kysely';
import type { CaseStatus, Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface HandlingNote {
  id: string;
  responseId: string;
  staffId: string | null;
  author: string;
  handled: boolean;
  /** The case status the note set (null: a note on a response without a case, or before cases existed). */
  status: CaseStatus | null;
  note: string;
  createdAt: string;
}

/** Appends a decision; earlier notes stay as they were (the history is the record). */
export async function insertHandlingNote(db: Executor, n: HandlingNote & { unitId: string }): Promise<void> {
  await db
    .insertInto('handling_notes')
    .values({
      id: n.id,
      unit_id: n.unitId,
      response_id: n.responseId,
      staff_id: n.staffId,
      author: n.author,
      handled: n.handled ? 1 : 0,
      status: n.status,
      note: n.note,
      created_at: n.createdAt,
    })
    .execute();
}

/** Every note of these responses, oldest first. */
export async function notesForResponses(db: Executor, responseIds: string[]): Promise<Map<string, HandlingNote[]>> {
  const out = new Map<string, HandlingNote[]>();
  if (responseIds.length === 0) return out;
  const rows = await db
    .selectFrom('handling_notes')
    .selectAll()
    .where('response_id', 'in', responseIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.response_id) ?? [];
    list.push({ id: r.id, responseId: r.response_id, staffId: r.staff_id, author: r.author, handled: r.handled === 1, status: r.status ?? null, note: r.note, createdAt: r.created_at });
    out.set(r.response_id, list);
  }
  return out;
}
