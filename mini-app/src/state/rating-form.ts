import type { PublicPoint, ResponseAnswers, ResponseBody } from '../services/api/types.ts';
import type { FormQuestion } from './form-layout.ts';
import { ticketPreset } from './ticket-preset.ts';

export const COMMENT_MAX = 1000;

/** One citizen's form, from the first tap to "Gửi đánh giá". */
export interface RatingFormState {
  /** Made once per filled form; the server de-duplicates retries on it. */
  readonly clientId: string;
  readonly answers: Readonly<Record<string, number>>;
  readonly officerId: string | null;
  readonly fieldId: string | null;
  readonly issues: readonly string[];
  readonly comment: string;
  /** Set by the first press of "Gửi đánh giá": from then on, missing answers are pointed out. */
  readonly triedToSend: boolean;
}

export type RatingFormAction =
  | { readonly type: 'answer'; readonly key: string; readonly value: number }
  /** Takes back the answer to an optional question (a mandatory one is only ever changed). */
  | { readonly type: 'clear'; readonly key: string }
  | { readonly type: 'officer'; readonly officerId: string | null }
  | { readonly type: 'field'; readonly fieldId: string | null }
  | { readonly type: 'issue'; readonly key: string; readonly checked: boolean }
  | { readonly type: 'comment'; readonly text: string }
  | { readonly type: 'tried' };

export function emptyForm(clientId: string): RatingFormState {
  return { clientId, answers: {}, officerId: null, fieldId: null, issues: [], comment: '', triedToSend: false };
}

/** Nothing chosen, written or tried yet: a kiosk can leave such a form to the next person as it is. */
export function isBlankForm(state: RatingFormState): boolean {
  return (
    Object.keys(state.answers).length === 0 &&
    state.officerId === null &&
    state.fieldId === null &&
    state.issues.length === 0 &&
    state.comment === '' &&
    !state.triedToSend
  );
}

/** Keeps at most COMMENT_MAX characters (UTF-16 units, as the server counts), in NFC. */
export function clampComment(text: string): string {
  return text.normalize('NFC').slice(0, COMMENT_MAX);
}

export function ratingFormReducer(state: RatingFormState, action: RatingFormAction): RatingFormState {
  switch (action.type) {
    case 'answer':
      return { ...state, answers: { ...state.answers, [action.key]: action.value } };
    case 'clear': {
      const { [action.key]: _cleared, ...answers } = state.answers;
      return { ...state, answers };
    }
    case 'officer':
      return { ...state, officerId: action.officerId };
    case 'field':
      return { ...state, fieldId: action.fieldId };
    case 'issue': {
      const others = state.issues.filter((key) => key !== action.key);
      return { ...state, issues: action.checked ? [...others, action.key] : others };
    }
    case 'comment':
      return { ...state, comment: clampComment(action.text) };
    case 'tried':
      return { ...state, triedToSend: true };
  }
}

/**
 * Whether the form says the question must be answered. A copy of a form kept on the phone by an
 * older app (point-cache) has no `mandatory`: every question of those forms was mandatory.
 */
export function isMandatory(question: FormQuestion): boolean {
  return question.mandatory !== false;
}

/** Keys of the mandatory questions still without a level, in form order. */
export function missingAnswers(point: PublicPoint, state: RatingFormState): string[] {
  return point.form.questions.filter((q) => isMandatory(q) && state.answers[q.key] === undefined).map((q) => q.key);
}

/** How many of the form's questions have a level, optional ones included. */
export function answeredCount(point: PublicPoint, state: RatingFormState): number {
  return point.form.questions.filter((q) => state.answers[q.key] !== undefined).length;
}

/** The answers keyed by the form's own question keys (unanswered optional ones left out). */
function toAnswers(point: PublicPoint, state: RatingFormState): ResponseAnswers {
  const answers: ResponseAnswers = {};
  for (const q of point.form.questions) {
    const level = state.answers[q.key];
    if (level !== undefined) answers[q.key] = level;
  }
  return answers;
}

/**
 * The POST body; optional parts are left out when empty. A desk point's officer is implied by the
 * token; a receipt ticket's officer and field are sent as the ticket sets them. `formVersion` pins
 * the version the citizen saw, should the point's form change meanwhile.
 */
export function toResponseBody(
  token: string,
  point: PublicPoint,
  state: RatingFormState,
  channel?: ResponseBody['channel'],
): ResponseBody {
  const body: ResponseBody = { token, clientId: state.clientId, formVersion: point.form.version, answers: toAnswers(point, state) };
  if (channel) body.channel = channel;
  const preset = ticketPreset(point);
  const officerId = preset?.officer?.id ?? (!point.officer ? state.officerId : null);
  const fieldId = preset?.field?.id ?? state.fieldId;
  if (officerId) body.officerId = officerId;
  if (fieldId) body.fieldId = fieldId;
  const issues = point.form.issues.map((i) => i.key).filter((key) => state.issues.includes(key));
  if (issues.length > 0) body.issues = issues;
  const comment = state.comment.trim();
  if (comment) body.comment = comment;
  return body;
}
