import { channelQuestionKey } from './channels.ts';
import { SELF_RATING_KEY } from './form.ts';

/**
 * A stored response as the hash chain sees it: every stored fact except the chain fields. The
 * writer builds it from what it inserts, verify from the row it reads back.
 */
export interface ResponseFacts {
  id: string;
  unitId: string;
  seq: number;
  pointId: string;
  officerId: string | null;
  fieldId: string | null;
  clientId: string;
  formKey: string;
  formVersion: number;
  answers: Readonly<Record<string, number>>;
  issues: readonly string[];
  comment: string | null;
  dossierCode: string | null;
  channel: string;
  receivedAt: string;
  day: string;
  /** Added by migration 003: in the hash only when set, so rows stored before keep their hashes. */
  respondentHash: string | null;
  verification: string | null;
  selfRating: 0 | 1 | null;
}

/**
 * What the hash covers (hash = SHA-256 of the previous hash and the canonical JSON of this):
 * the facts under these names. Frozen: response-record.test.ts pins a chain's hashes.
 */
export function hashedFacts(f: ResponseFacts): Record<string, unknown> {
  return {
    id: f.id,
    unitId: f.unitId,
    seq: f.seq,
    pointId: f.pointId,
    officerId: f.officerId,
    fieldId: f.fieldId,
    clientId: f.clientId,
    formKey: f.formKey,
    formVersion: f.formVersion,
    answers: f.answers,
    issues: f.issues,
    comment: f.comment,
    dossierCode: f.dossierCode,
    channel: f.channel,
    receivedAt: f.receivedAt,
    day: f.day,
    ...(f.respondentHash != null ? { respondentHash: f.respondentHash } : {}),
    ...(f.verification != null ? { verification: f.verification } : {}),
    ...(f.selfRating != null ? { selfRating: f.selfRating } : {}),
  };
}

/** One tally cell a response adds to (its unit, day and field are the response's own). */
export interface TallyCell {
  formKey: string;
  officerId: string;
  questionKey: string;
  level: number;
}

/**
 * The tally cells one response adds: (form, officer, question, level) for each answer, and one
 * 'channel:<channel>' cell with the overall level (migration 012), so that how responses came is
 * counted with them: the same upsert, no index on the responses. A self-rating counts for the
 * unit but not for the officer (officer ''), plus one 'self_rating' cell under the officer with
 * its overall level, so staff can see what was excluded. ('' stands for "no officer" so that the
 * composite key works on both dialects.) verify counts with code of its own, not this.
 */
export function tallyCells(r: { formKey: string; officerId: string | null; selfRating: boolean; answers: Readonly<Record<string, number>>; overallKey: string; channel: string }): TallyCell[] {
  const officer = r.selfRating ? '' : (r.officerId ?? '');
  const out: TallyCell[] = [];
  for (const questionKey in r.answers) out.push({ formKey: r.formKey, officerId: officer, questionKey, level: r.answers[questionKey]! });
  const overall = r.answers[r.overallKey];
  if (overall !== undefined) out.push({ formKey: r.formKey, officerId: officer, questionKey: channelQuestionKey(r.channel), level: overall });
  if (r.selfRating && r.officerId && overall !== undefined) out.push({ formKey: r.formKey, officerId: r.officerId, questionKey: SELF_RATING_KEY, level: overall });
  return out;
}
