import { sql } from 'kysely';
import { chainHash } from '../domain/chain.ts';
import { hashedFacts, tallyCells } from '../domain/response-record.ts';
import type { Db } from '../db/create-db.ts';
import { findReceiptsByClientIds } from '../db/responses.repository.ts';
import { receiptForRetry, type AppendOutcome, type NewResponseInput } from './append.ts';

/**
 * The plain reference writer: each response in a transaction of its own, in the order given,
 * through plain Kysely statements — nothing batched, compiled, pipelined or sent ahead. It is
 * slow on purpose and written to be read: what the fast writer (writer.ts, append.ts) must store,
 * response for response (reference-writer.test.ts compares the two on both dialects).
 */
export async function appendOneByOne(db: Db, records: readonly NewResponseInput[]): Promise<AppendOutcome[]> {
  const outcomes: AppendOutcome[] = [];
  for (const r of records) {
    outcomes.push(
      await db.kysely.transaction().execute(async (trx): Promise<AppendOutcome> => {
        // The unit's chain head, locked (PostgreSQL; SQLite transactions begin IMMEDIATE).
        const headQuery = trx.selectFrom('chain_heads').select(['seq', 'hash']).where('unit_id', '=', r.unitId);
        const head = await (db.dialect === 'postgres' ? headQuery.forUpdate() : headQuery).executeTakeFirstOrThrow();
        const earlier = (await findReceiptsByClientIds(trx, [r.clientId])).get(r.clientId);
        if (earlier) return { created: false, receipt: receiptForRetry(earlier, r.unitId) };

        const seq = head.seq + 1;
        const answers = Object.fromEntries(Object.entries(r.answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        const selfRating = r.selfRating ? 1 : null;
        const hash = chainHash(
          head.hash,
          hashedFacts({
            id: r.id,
            unitId: r.unitId,
            seq,
            pointId: r.pointId,
            officerId: r.officerId,
            fieldId: r.fieldId,
            clientId: r.clientId,
            formKey: r.formKey,
            formVersion: r.formVersion,
            answers,
            issues: r.issues,
            comment: r.comment,
            dossierCode: r.dossierCode,
            channel: r.channel,
            receivedAt: r.receivedAt,
            day: r.day,
            respondentHash: r.respondentHash ?? null,
            verification: r.verification ?? null,
            selfRating,
          }),
        );
        await trx
          .insertInto('responses')
          .values({
            id: r.id,
            unit_id: r.unitId,
            seq,
            point_id: r.pointId,
            officer_id: r.officerId,
            field_id: r.fieldId,
            client_id: r.clientId,
            form_key: r.formKey,
            form_version: r.formVersion,
            answers: JSON.stringify(answers),
            issues: JSON.stringify(r.issues),
            comment: r.comment,
            dossier_code: r.dossierCode,
            channel: r.channel,
            received_at: r.receivedAt,
            day: r.day,
            respondent_hash: r.respondentHash ?? null,
            verification: r.verification ?? null,
            self_rating: selfRating,
            prev_hash: head.hash,
            hash,
          })
          .execute();
        for (const cell of tallyCells({ formKey: r.formKey, officerId: r.officerId, selfRating: r.selfRating === true, answers: r.answers, overallKey: r.overallKey, channel: r.channel })) {
          await trx
            .insertInto('tallies')
            .values({ unit_id: r.unitId, form_key: cell.formKey, day: r.day, officer_id: cell.officerId, field_id: r.fieldId ?? '', question_key: cell.questionKey, level: cell.level, count: 1 })
            .onConflict((oc) => oc.columns(['unit_id', 'form_key', 'day', 'officer_id', 'field_id', 'question_key', 'level']).doUpdateSet({ count: sql<number>`tallies.count + 1` }))
            .execute();
        }
        await trx.updateTable('chain_heads').set({ seq, hash }).where('unit_id', '=', r.unitId).execute();
        return { created: true, receipt: { id: r.id, receivedAt: r.receivedAt, day: r.day }, seq };
      }),
    );
  }
  return outcomes;
}
