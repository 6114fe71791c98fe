import { canonicalJson, chainHash, GENESIS_HASH } from '../domain/chain.ts';
import { hashedFacts } from '../domain/response-record.ts';
import { explainReplacedSurrogates } from '../domain/surrogate-forensics.ts';
import { factsOfRow, streamUnitResponses } from '../db/responses.repository.ts';
import type { ResponseRow } from '../db/schema.ts';
import { overallKeysByForm } from '../db/forms.repository.ts';
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

const tallyKey = (t: { formKey: string; day: string; officerId: string; fieldId: string; questionKey: string; level: number }) =>
  `${t.formKey}|${t.day}|${t.officerId || '-'}|${t.fieldId || '-'}|${t.questionKey}|${t.level}`;

/**
 * The tally cells a stored row must have added, counted here with code of verify's own (issue
 * 24: a check that shares the writer's code would agree with it by construction). The rules, as
 * ARCHITECTURE.md and the self-rating feature state them: each answer counts once under its
 * form, day, field ('' for none) and officer ('' for none); the overall level once more as
 * 'channel:<channel>'; a self-rating counts under no officer, and once more under its officer as
 * 'self_rating' with the overall level.
 */
function expectedCells(row: ResponseRow, answers: Record<string, unknown>, overallKey: string | undefined): { formKey: string; day: string; officerId: string; fieldId: string; questionKey: string; level: number }[] {
  const isSelf = row.self_rating === 1;
  const base = { formKey: row.form_key, day: row.day, fieldId: row.field_id ?? '' };
  const cells = Object.keys(answers).map((questionKey) => ({ ...base, officerId: isSelf || row.officer_id === null ? '' : row.officer_id, questionKey, level: Number(answers[questionKey]) }));
  const overall = overallKey === undefined ? undefined : answers[overallKey];
  // How it came, under the overall level: 'qr' was the Mini App in Zalo before channels were named.
  if (overall !== undefined) cells.push({ ...base, officerId: isSelf || row.officer_id === null ? '' : row.officer_id, questionKey: `channel:${row.channel === 'qr' ? 'zalo' : row.channel}`, level: Number(overall) });
  if (isSelf && row.officer_id !== null && overall !== undefined) cells.push({ ...base, officerId: row.officer_id, questionKey: 'self_rating', level: Number(overall) });
  return cells;
}

/**
 * Recomputes every unit's hash chain and every tally from the raw responses (R1.7, R2.3).
 * Reads pages of responses, so memory stays flat however many are stored.
 */
export async function verifyDatabase(db: Db, onUnit?: (done: number, total: number) => void): Promise<VerifyReport> {
  const units = await listUnits(db.kysely);
  const overallOf = await overallKeysByForm(db.kysely);
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
      const record = hashedFacts(factsOfRow(row));
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
      let answers: Record<string, unknown>;
      try {
        answers = JSON.parse(row.answers) as Record<string, unknown>;
      } catch {
        add('chain', `response ${row.id}: answers are not JSON`);
        continue;
      }
      if (!overallOf.has(`${row.form_key}|${row.form_version}`)) add('chain', `response ${row.id}: form ${row.form_key} version ${row.form_version} is not in the forms table`);
      for (const cell of expectedCells(row, answers, overallOf.get(`${row.form_key}|${row.form_version}`))) {
        const key = tallyKey(cell);
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
