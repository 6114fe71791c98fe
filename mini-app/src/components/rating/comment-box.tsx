import { Input } from 'zmp-ui';
import { COMMENT_MAX } from '../../state/rating-form.ts';

export interface CommentBoxProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
}

/** The optional comment, at most COMMENT_MAX characters, with a counter. */
export function CommentBox({ value, onChange }: CommentBoxProps) {
  const left = COMMENT_MAX - value.length;
  return (
    <div className="comment-box">
      <label className="section-title" htmlFor="comment">
        Góp ý thêm (không bắt buộc)
      </label>
      <Input.TextArea
        id="comment"
        name="comment"
        className="comment-input"
        placeholder="Ông/Bà có thể ghi thêm ý kiến tại đây"
        value={value}
        maxLength={COMMENT_MAX}
        aria-describedby="comment-count"
        onChange={(event) => onChange(event.target.value)}
      />
      <p className={`comment-count${left <= 50 ? ' is-low' : ''}`} id="comment-count">
        {value.length}/{COMMENT_MAX} ký tự
      </p>
    </div>
  );
}
