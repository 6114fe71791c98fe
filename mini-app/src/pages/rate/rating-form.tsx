import { startTransition, useEffect, useMemo, useReducer, useState } from 'react';
import { ChoiceChips } from '../../components/rating/choice-chips.tsx';
import { CommentBox } from '../../components/rating/comment-box.tsx';
import { FormSections } from '../../components/rating/form-sections.tsx';
import { IssueList } from '../../components/rating/issue-list.tsx';
import { SendBar } from '../../components/rating/send-bar.tsx';
import { ticketClosedReason, type TicketClosedReason } from '../../services/api/public.ts';
import type { PublicPoint, ResponseBody } from '../../services/api/types.ts';
import { newClientId } from '../../services/offline/client-id.ts';
import type { DeliveryState, Outbox } from '../../services/offline/outbox.ts';
import { withTimeout } from '../../services/offline/with-timeout.ts';
import { firstQuestions, formLayout, questionOrder } from '../../state/form-layout.ts';
import { answeredCount, emptyForm, isMandatory, missingAnswers, ratingFormReducer, toResponseBody, type RatingFormState } from '../../state/rating-form.ts';
import { ticketPreset } from '../../state/ticket-preset.ts';
import { OfficerHeader } from './officer-header.tsx';

/** How long "Gửi đánh giá" waits before showing the thank-you screen anyway (sending goes on). */
const FIRST_TRY_WAIT_MS = 6000;

/**
 * From this many questions the send bar shows progress and the way to the first missing answer
 * from the start: the five-question counter form fits in about two screens and keeps its bar.
 */
export const LONG_FORM_QUESTIONS = 6;

/**
 * A long form's first render shows this many questions (more than a phone screen holds); the
 * rest follow in a transition, rendered in slices between which the first ones already answer
 * taps on a slow phone. A short form renders at once, as before.
 */
const FIRST_RENDER_QUESTIONS = 4;

export interface RatingFormProps {
  readonly token: string;
  readonly point: PublicPoint;
  readonly outbox: Outbox;
  readonly notice?: string | null;
  /** Where the form was filled: `zalo` (inside Zalo), `web` (web link), `kiosk`. */
  readonly channel?: ResponseBody['channel'];
  readonly onSubmitted: (clientId: string, state: DeliveryState) => void;
  /** Every change of the citizen's form (kiosk mode: is there anything to clear?). */
  readonly onChange?: (state: RatingFormState) => void;
  /** While "Gửi đánh giá" waits for its first try. */
  readonly onSending?: (sending: boolean) => void;
  /** The server says the receipt ticket was rated already (409) or has expired (410): a final answer, not an error to fix. */
  readonly onTicketClosed?: (reason: TicketClosedReason, message: string) => void;
}

/** The line above the questions: what must be answered, as the form says (not "every question" when some are optional). */
function FormIntro({ mandatory, total }: { readonly mandatory: number; readonly total: number }) {
  const star = <span className="required-mark">*</span>;
  if (mandatory === total) return <p className="form-intro">Xin Ông/Bà chọn một mức cho mỗi câu dưới đây {star} (bắt buộc).</p>;
  if (mandatory === 0) return <p className="form-intro">Xin Ông/Bà chọn một mức cho các câu dưới đây (không bắt buộc).</p>;
  return <p className="form-intro">Xin Ông/Bà chọn một mức cho các câu dưới đây. Câu có dấu {star} là bắt buộc.</p>;
}

/** Scrolls a question to the middle of the screen and puts focus on its first level button. */
function goToQuestion(key: string): void {
  const block = document.getElementById(`q-${key}`);
  block?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
  block?.querySelector<HTMLElement>('[role="radio"]')?.focus({ preventScroll: true });
}

/** The rating form: whatever questions the point's form has, in its groups; optional officer, field, issues and comment. */
export function RatingForm({ token, point, outbox, notice, channel, onSubmitted, onChange, onSending, onTicketClosed }: RatingFormProps) {
  const [state, dispatch] = useReducer(ratingFormReducer, undefined, () => emptyForm(newClientId()));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => onChange?.(state), [state, onChange]);
  useEffect(() => onSending?.(sending), [sending, onSending]);
  const { form } = point;
  const ticket = useMemo(() => ticketPreset(point), [point]);
  const layout = useMemo(() => formLayout(form), [form]);
  const order = useMemo(() => questionOrder(layout), [layout]);
  const mandatoryCount = useMemo(() => form.questions.filter(isMandatory).length, [form]);
  const missing = missingAnswers(point, state);
  const total = form.questions.length;
  const long = total >= LONG_FORM_QUESTIONS;
  const [complete, setComplete] = useState(!long);
  useEffect(() => {
    if (!complete) startTransition(() => setComplete(true));
  }, [complete]);
  const shown = useMemo(() => (complete ? layout : firstQuestions(layout, FIRST_RENDER_QUESTIONS)), [layout, complete]);

  /** The first missing mandatory answer as the screen shows them (top to bottom). */
  function firstMissing(): string | undefined {
    return order.find((key) => missing.includes(key));
  }

  async function send(): Promise<void> {
    if (sending) return;
    dispatch({ type: 'tried' });
    const first = firstMissing();
    if (first) {
      goToQuestion(first);
      return;
    }
    setSending(true);
    setError(null);
    const body = toResponseBody(token, point, state, channel);
    const result = await withTimeout(outbox.submit(body), FIRST_TRY_WAIT_MS, { kind: 'sending' } as const);
    setSending(false);
    if (result.kind === 'rejected') {
      const closed = ticketClosedReason(result.status, result.code);
      if (closed && onTicketClosed) {
        onTicketClosed(closed, result.message);
        return;
      }
      setError(result.message);
      return;
    }
    onSubmitted(state.clientId, result);
  }

  return (
    <form
      className="rating-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <OfficerHeader point={point} />
      {notice && (
        <p className="notice" role="note">
          {notice}
        </p>
      )}
      {!point.officer && !ticket?.officer && point.officers.length > 0 && (
        <div className="card">
          <ChoiceChips
            legend="Cán bộ tiếp nhận hồ sơ của Ông/Bà"
            hint="(không bắt buộc)"
            options={point.officers.map((o) => ({ id: o.id, label: o.name, detail: o.title }))}
            value={state.officerId}
            scroll
            onChange={(officerId) => dispatch({ type: 'officer', officerId })}
          />
        </div>
      )}
      <FormIntro mandatory={mandatoryCount} total={total} />
      <FormSections
        layout={shown}
        levels={form.levels}
        answers={state.answers}
        showMissing={state.triedToSend}
        onChange={(key, value) => dispatch({ type: 'answer', key, value })}
        onClear={(key) => dispatch({ type: 'clear', key })}
      />
      {/* Below the questions, so only once they are all there (no jumping down the page). */}
      {complete && (
        <>
          {point.fields.length > 0 && !ticket?.field && (
            <div className="card">
              <ChoiceChips
                legend="Lĩnh vực thủ tục Ông/Bà vừa giải quyết"
                hint="(không bắt buộc)"
                options={point.fields.map((f) => ({ id: f.id, label: f.name }))}
                value={state.fieldId}
                onChange={(fieldId) => dispatch({ type: 'field', fieldId })}
              />
            </div>
          )}
          {form.issues.length > 0 && (
            <div className="card">
              <IssueList issues={form.issues} checked={state.issues} onChange={(key, checked) => dispatch({ type: 'issue', key, checked })} />
            </div>
          )}
          {/* An older copy kept on the phone (point-cache) has no `comment`: those forms all offered one. */}
          {form.comment !== false && (
            <div className="card">
              <CommentBox value={state.comment} onChange={(text) => dispatch({ type: 'comment', text })} />
            </div>
          )}
          <p className="privacy-note">Phiếu không ghi tên, số điện thoại của Ông/Bà.</p>
        </>
      )}
      <SendBar
        answered={answeredCount(point, state)}
        total={total}
        missing={missing.length}
        allMandatory={mandatoryCount === total}
        long={long}
        triedToSend={state.triedToSend}
        sending={sending}
        error={error}
        onJump={() => {
          const first = firstMissing();
          if (first) goToQuestion(first);
        }}
      />
    </form>
  );
}
