import { canonicalJson, chainHash, GENESIS_HASH } from '../domain/chain.ts';
import { explainReplacedSurrogates } from '../domain/surrogate-forensics.ts';
import { hashRecord, streamUnitResponses, tallyEntries } from '../db/responses.repository.ts';
import { allTallies } from '../db/tallies.repository.ts';
import { listUnits } from '../db/units.repository.ts';
import type { Db } from '../db/create-db.ts';

export interface VerifyProblem {
  unitCode: string;
  kind: 'chain' | 'tally' | 'head' | 'text';
  message: string;
}

export interface VerifyReport {
  units: number;
  responses: number;
  problems: VerifyProblem[];
  /**
   * Rows that differ from their hash only because text that was not well-formed Unicode (a lone
   * surrogate) was accepted before issue 23 and stored as U+FFFD: as sent, not altered.
   */
  notes: VerifyProblem[];
}

const tallyKey = (t: { day: string; officerId: string; fieldId: string; questionKey: string; level: number }) =>
  `${t.day}|${t.officerId || '-'}|${t.fieldId || '-'}|${t.questionKey}|${t.level}`;

/**
 * Recomputes every unit's hash chain and every tally from the raw responses (R1.7, R2.3).
 * Reads pages of responses, so memory stays flat however many are stored.
 */
export async function verifyDatabase(db: Db, onUnit?: (done: number, total: number) => void): Promise<VerifyReport> {
  const units = await listUnits(db.kysely);
  const problems: VerifyProblem[] = [];
  const notes: VerifyProblem[] = [];
  let responses = 0;
  for (const [i, unit] of units.entries()) {
    const add = (kind: VerifyProblem['kind'], message: string) => problems.push({ unitCode: unit.code, kind, message });
    const expected = new Map<string, number>();
    let prev = GENESIS_HASH;
    let seq = 0;
    for await (const row of streamUnitResponses(db.kysely, unit.id)) {
      responses++;
      seq++;
      if (row.seq !== seq) add('chain', `response ${row.id}: seq ${row.seq}, expected ${seq} (a row is missing or inserted)`);
      if (row.prev_hash !== prev) add('chain', `response ${row.id} (seq ${row.seq}): prev_hash does not match the previous response's hash`);
      const record = hashRecord(row);
      if (chainHash(row.prev_hash, record) !== row.hash) {
        const explained = explainReplacedSurrogates(row.prev_hash, canonicalJson(record), row.hash);
        if (explained) {
          notes.push({
            unitCode: unit.code,
            kind: 'text',
            message: `response ${row.id} (seq ${row.seq}): not well-formed text, not altered: it was sent with ${explained.escapes.join(', ')} (a lone surrogate), which the database stores as U+FFFD; the hash matches the text as sent`,
          });
        } else add('chain', `response ${row.id} (seq ${row.seq}): content does not match its hash (altered)`);
      }
      prev = row.hash;
      seq = row.seq;
      let answers: Record<string, number>;
      try {
        answers = JSON.parse(row.answers) as Record<string, number>;
      } catch {
        add('chain', `response ${row.id}: answers are not JSON`);
        continue;
      }
      // Same cells as the insert made (a self-rating is kept out of its officer's figures).
      for (const { officerId, questionKey, level } of tallyEntries({ officerId: row.officer_id, selfRating: row.self_rating === 1, answers })) {
        const key = tallyKey({ day: row.day, officerId, fieldId: row.field_id ?? '', questionKey, level });
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const head = await db.kysely.selectFrom('chain_heads').select(['seq', 'hash']).where('unit_id', '=', unit.id).executeTakeFirst();
    if (!head) add('head', 'no chain head');
    else if (head.seq !== seq || head.hash !== prev) add('head', `chain head (seq ${head.seq}) does not match the last response (seq ${seq})`);

    const stored = new Map((await allTallies(db.kysely, unit.id)).filter((t) => t.count !== 0).map((t) => [tallyKey(t), t.count]));
    for (const [key, n] of expected) {
      const got = stored.get(key) ?? 0;
      if (got !== n) add('tally', `tally ${key}: stored ${got}, responses give ${n}`);
    }
    for (const [key, n] of stored) if (!expected.has(key)) add('tally', `tally ${key}: stored ${n}, responses give 0`);
    onUnit?.(i + 1, units.length);
  }
  return { units: units.length, responses, problems, notes };
}
