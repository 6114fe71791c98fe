import { useReducer, useState } from 'react';
import { Button } from 'zmp-ui';
import { ChoiceChips } from '../../components/rating/choice-chips.tsx';
import { CommentBox } from '../../components/rating/comment-box.tsx';
import { IssueList } from '../../components/rating/issue-list.tsx';
import { QuestionBlock } from '../../components/rating/question-block.tsx';
import type { PublicPoint, ResponseBody } from '../../services/api-types.ts';
import { newClientId } from '../../services/client-id.ts';
import type { DeliveryState, Outbox } from '../../services/outbox.ts';
import { withTimeout } from '../../services/with-timeout.ts';
import { emptyForm, missingAnswers, ratingFormReducer, toResponseBody } from '../../state/rating-form.ts';
import { OfficerHeader } from './officer-header.tsx';

/** How long "Gửi đánh giá" waits before showing the thank-you screen anyway (sending goes on). */
const FIRST_TRY_WAIT_MS = 6000;

export interface RatingFormProps {
  readonly token: string;
  readonly point: PublicPoint;
  readonly outbox: Outbox;
  readonly notice?: string | null;
  /** Where the form was filled: `qr` (Zalo), `web` (web link), `kiosk`. */
  readonly channel?: ResponseBody['channel'];
  readonly onSubmitted: (clientId: string, state: DeliveryState) => void;
}

function missingSummary(count: number): string {
  return count === 1 ? 'Còn 1 câu chưa chọn mức đánh giá.' : `Còn ${count} câu chưa chọn mức đánh giá.`;
}

/** The rating form: five mandatory questions, optional officer, field, issues and comment. */
export function RatingForm({ token, point, outbox, notice, channel, onSubmitted }: RatingFormProps) {
  const [state, dispatch] = useReducer(ratingFormReducer, undefined, () => emptyForm(newClientId()));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missing = missingAnswers(point, state);

  async function send(): Promise<void> {
    if (sending) return;
    dispatch({ type: 'tried' });
    const first = missing[0];
    if (first) {
      document.getElementById(`q-${first}`)?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
      return;
    }
    setSending(true);
    setError(null);
    const body = toResponseBody(token, point, state, channel);
    const result = await withTimeout(outbox.submit(body), FIRST_TRY_WAIT_MS, { kind: 'sending' } as const);
    setSending(false);
    if (result.kind === 'rejected') {
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
      {!point.officer && point.officers.length > 0 && (
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
      <p className="form-intro">
        Xin Ông/Bà chọn một mức cho mỗi câu dưới đây <span className="required-mark">*</span> (bắt buộc).
      </p>
      {point.form.questions.map((question, index) => (
        <QuestionBlock
          key={question.key}
          index={index}
          question={question}
          levels={point.form.levels}
          value={state.answers[question.key]}
          showMissing={state.triedToSend}
          onChange={(key, value) => dispatch({ type: 'answer', key, value })}
        />
      ))}
      {point.fields.length > 0 && (
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
      <div className="card">
        <IssueList
          issues={point.form.issues}
          checked={state.issues}
          onChange={(key, checked) => dispatch({ type: 'issue', key, checked })}
        />
      </div>
      <div className="card">
        <CommentBox value={state.comment} onChange={(text) => dispatch({ type: 'comment', text })} />
      </div>
      <p className="privacy-note">Phiếu không ghi tên, số điện thoại của Ông/Bà.</p>
      <div className="send-bar">
        {state.triedToSend && missing.length > 0 && (
          <p className="missing-summary" role="alert">
            {missingSummary(missing.length)}
          </p>
        )}
        {error && (
          <p className="send-error" role="alert">
            {error}
          </p>
        )}
        <Button htmlType="submit" fullWidth size="large" loading={sending} className="send-button">
          {sending ? 'Đang gửi…' : 'Gửi đánh giá'}
        </Button>
      </div>
    </form>
  );
}
