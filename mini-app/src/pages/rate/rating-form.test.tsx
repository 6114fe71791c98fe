import { fireEvent, screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../services/api/public.ts';
import { COMMENT_MAX } from '../../state/rating-form.ts';
import { COUNTER_POINT, DESK_POINT } from '../../test-support/point-fixture.ts';
import { questionBlock as question, renderRatingForm, SENT } from '../../test-support/render-rating-form.tsx';
import { JUMP_LABEL } from '../../components/rating/send-bar.tsx';
import { MISSING_ANSWER_HINT } from '../../components/rating/question-block.tsx';

function setup(point = COUNTER_POINT, outcome: SendOutcome = SENT) {
  return renderRatingForm(point, outcome);
}

async function answerAll(user: ReturnType<typeof userEvent.setup>, label = 'Hài lòng', except: string[] = []) {
  for (const q of COUNTER_POINT.form.questions) {
    if (except.includes(q.key)) continue;
    await user.click(within(question(q.key)).getByRole('radio', { name: label }));
  }
}

describe('RatingForm', () => {
  it('shows every question and the five levels with the labels exactly as the API gives them', () => {
    setup();
    for (const q of COUNTER_POINT.form.questions) {
      const block = question(q.key);
      expect(within(block).getByRole('heading').textContent).toContain(q.label);
      const radios = within(block).getAllByRole('radio');
      expect(radios.map((r) => r.textContent)).toEqual(COUNTER_POINT.form.levels.map((l) => l.label));
    }
    for (const issue of COUNTER_POINT.form.issues) expect(screen.getByLabelText(issue.label)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('UBND xã Nam Đông');
  });

  it('looks as before for the counter form: no sections, every question marked *, no progress line until "Gửi"', async () => {
    const { user } = setup();
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(COUNTER_POINT.form.questions.length);
    expect(document.querySelectorAll('.form-section, .form-subsection')).toHaveLength(0);
    expect(document.querySelectorAll('.required-mark')).toHaveLength(COUNTER_POINT.form.questions.length + 1);
    expect(screen.queryByText('(không bắt buộc)', { exact: false, selector: '.optional-hint' })).toBeNull();
    expect(document.querySelector('.form-intro')?.textContent).toBe('Xin Ông/Bà chọn một mức cho mỗi câu dưới đây * (bắt buộc).');
    expect(screen.queryByText(/^Đã trả lời/)).toBeNull();
    expect(screen.queryByRole('button', { name: JUMP_LABEL })).toBeNull();
    // After a send with answers missing, the way to them appears, as on a long form.
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(screen.getByRole('button', { name: JUMP_LABEL })).toBeTruthy();
  });

  it('sends in six taps: one level per question, then "Gửi đánh giá"', async () => {
    const { sent, onSubmitted, user } = setup();
    await answerAll(user, 'Rất hài lòng');
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      token: 'tok-1',
      clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      formVersion: 1,
      answers: { overall: 5, access: 5, attitude: 5, responsibility: 5, guidance: 5 },
    });
    expect(onSubmitted).toHaveBeenCalledWith(sent[0]?.clientId, { kind: 'sent', receipt: SENT.kind === 'sent' ? SENT.receipt : null });
  });

  it('sends nothing while a question is unanswered and says which one, in Vietnamese', async () => {
    const { sent, user } = setup();
    await answerAll(user, 'Bình thường', ['attitude']);
    expect(screen.queryByText(MISSING_ANSWER_HINT)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(sent).toHaveLength(0);
    expect(within(question('attitude')).getByText(MISSING_ANSWER_HINT)).toBeTruthy();
    expect(within(question('overall')).queryByText(MISSING_ANSWER_HINT)).toBeNull();
    expect(screen.getByText('Còn 1 câu chưa chọn mức đánh giá.')).toBeTruthy();

    await user.click(within(question('attitude')).getByRole('radio', { name: 'Không hài lòng' }));
    expect(screen.queryByText(MISSING_ANSWER_HINT)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.answers['attitude']).toBe(2);
  });

  it('keeps the last tap on a question and marks it checked', async () => {
    const { user } = setup();
    const block = question('overall');
    await user.click(within(block).getByRole('radio', { name: 'Rất không hài lòng' }));
    await user.click(within(block).getByRole('radio', { name: 'Hài lòng' }));
    const checked = within(block).getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true');
    expect(checked.map((r) => r.textContent)).toEqual(['Hài lòng']);
  });

  it('limits the comment to 1000 characters and shows the count', async () => {
    const { sent, user } = setup();
    const box = screen.getByLabelText('Góp ý thêm (không bắt buộc)');
    expect(box.getAttribute('maxlength')).toBe(String(COMMENT_MAX));
    fireEvent.change(box, { target: { value: 'ý'.repeat(1200) } });
    expect((box as HTMLTextAreaElement).value).toHaveLength(COMMENT_MAX);
    expect(screen.getByText(`${COMMENT_MAX}/${COMMENT_MAX} ký tự`)).toBeTruthy();
    fireEvent.change(box, { target: { value: '  Cán bộ tận tình.  ' } });
    expect(screen.getByText(`20/${COMMENT_MAX} ký tự`)).toBeTruthy();
    await answerAll(user);
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(sent[0]?.comment).toBe('Cán bộ tận tình.');
  });

  it('lets the citizen choose the officer at a counter point, optionally, and change their mind', async () => {
    const { sent, user } = setup();
    const hung = screen.getByRole('radio', { name: /Trần Văn Hùng/ });
    const lan = screen.getByRole('radio', { name: /Nguyễn Thị Lan/ });
    await user.click(hung);
    expect(hung.getAttribute('aria-checked')).toBe('true');
    await user.click(lan);
    expect(hung.getAttribute('aria-checked')).toBe('false');
    expect(lan.getAttribute('aria-checked')).toBe('true');
    await user.click(screen.getByRole('radio', { name: 'Chứng thực' }));
    await user.click(screen.getByLabelText('Phải trả chi phí ngoài quy định'));
    await answerAll(user);
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(sent[0]).toMatchObject({ officerId: 'off-1', fieldId: 'f-2', issues: ['extra_cost'] });

    // Tapping the chosen officer again clears the choice.
    await user.click(lan);
    expect(lan.getAttribute('aria-checked')).toBe('false');
  });

  it('shows the desk officer without a picker and sends no officerId (the token implies it)', async () => {
    const { sent, user } = setup(DESK_POINT);
    expect(screen.getByText('Nguyễn Thị Lan')).toBeTruthy();
    expect(screen.queryByText('Cán bộ tiếp nhận hồ sơ của Ông/Bà')).toBeNull();
    await answerAll(user);
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(sent[0]).not.toHaveProperty('officerId');
  });

  it("shows the server's Vietnamese message when the response is refused (409) and keeps the answers", async () => {
    const message = 'Ông/Bà đã đánh giá tại quầy này trong thời gian gần đây.';
    const { onSubmitted, user } = setup(COUNTER_POINT, { kind: 'rejected', status: 409, code: 'duplicate', message });
    await answerAll(user);
    await user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(screen.getByText(message)).toBeTruthy();
    expect(onSubmitted).not.toHaveBeenCalled();
    expect(within(question('overall')).getByRole('radio', { name: 'Hài lòng' }).getAttribute('aria-checked')).toBe('true');
  });
});
