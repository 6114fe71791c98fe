import { Button } from 'zmp-ui';

export interface SendBarProps {
  /** Questions with a level, optional ones included, and all questions. */
  readonly answered: number;
  readonly total: number;
  /** Mandatory questions still without a level. */
  readonly missing: number;
  /** Every question of the form is mandatory (the summary then need not say "bắt buộc"). */
  readonly allMandatory: boolean;
  /** A long form shows how far the citizen is, and the way to what is left, from the start. */
  readonly long: boolean;
  readonly triedToSend: boolean;
  readonly sending: boolean;
  readonly error: string | null;
  readonly onJump: () => void;
}

export const JUMP_LABEL = 'Đến câu chưa trả lời';

/** "Đã trả lời 7/20 câu"; the count stays with "câu" when a narrow bar wraps the line. */
export function progressText(answered: number, total: number): string {
  return `Đã trả lời ${answered}/${total}\u00a0câu`;
}

export function missingSummary(count: number, allMandatory: boolean): string {
  return `Còn ${count} câu${allMandatory ? '' : ' bắt buộc'} chưa chọn mức đánh giá.`;
}

/** Stays at the bottom of the screen: progress, what is missing and a way to it, "Gửi đánh giá". */
export function SendBar({ answered, total, missing, allMandatory, long, triedToSend, sending, error, onJump }: SendBarProps) {
  const showJump = missing > 0 && (long || triedToSend);
  return (
    <div className="send-bar">
      {triedToSend && missing > 0 && (
        <p className="missing-summary" role="alert">
          {missingSummary(missing, allMandatory)}
        </p>
      )}
      {error && (
        <p className="send-error" role="alert">
          {error}
        </p>
      )}
      {(long || showJump) && (
        <div className="send-progress">
          {long && (
            <div className="progress">
              <p className="progress-text" id="form-progress">
                {progressText(answered, total)}
              </p>
              <progress className="progress-bar" max={total} value={answered} aria-labelledby="form-progress" />
            </div>
          )}
          {showJump && (
            <button type="button" className="jump-button" onClick={onJump}>
              {JUMP_LABEL}
            </button>
          )}
        </div>
      )}
      <Button htmlType="submit" fullWidth size="large" loading={sending} className="send-button">
        {sending ? 'Đang gửi…' : 'Gửi đánh giá'}
      </Button>
    </div>
  );
}
