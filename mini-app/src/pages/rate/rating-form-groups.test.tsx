import { screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MISSING_ANSWER_HINT, OPTIONAL_HINT } from '../../components/rating/question-block.tsx';
import { JUMP_LABEL, progressText } from '../../components/rating/send-bar.tsx';
import type { PublicPoint } from '../../services/api/types.ts';
import { SIPAS_POINT } from '../../test-support/point-fixture.ts';
import { questionBlock, renderRatingForm } from '../../test-support/render-rating-form.tsx';

type User = ReturnType<typeof userEvent.setup>;
const { form } = SIPAS_POINT;
const mandatory = form.questions.filter((q) => q.mandatory);
const optional = form.questions.filter((q) => !q.mandatory);

async function answer(user: User, keys: readonly string[], label = 'Hài lòng') {
  for (const key of keys) await user.click(within(questionBlock(key)).getByRole('radio', { name: label }));
}

const send = (user: User) => user.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));

afterEach(() => vi.restoreAllMocks());

describe('RatingForm with a form in groups (SIPAS-like)', () => {
  it('shows top-level groups as sections with their child groups inside, questions under their group, in form order', () => {
    renderRatingForm(SIPAS_POINT);
    const aspects = form.groups.filter((g) => g.parent === null);
    const sections = screen.getAllByRole('region');
    expect(sections.map((s) => within(s).getAllByRole('heading', { level: 2 })[0]?.textContent)).toEqual(aspects.map((a) => a.label));
    for (const [i, aspect] of aspects.entries()) {
      const factors = form.groups.filter((g) => g.parent === aspect.key);
      const section = sections[i]!;
      expect(within(section).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(factors.map((f) => f.label));
      for (const factor of factors) {
        const group = within(section).getByRole('group', { name: factor.label });
        const inside = [...group.querySelectorAll('[data-question]')].map((el) => el.getAttribute('data-question'));
        expect(inside).toEqual(form.questions.filter((q) => q.group === factor.key).map((q) => q.key));
        for (const key of inside) expect(within(questionBlock(key!)).getByRole('heading', { level: 4 })).toBeTruthy();
      }
    }
    // The general question (no group) comes first, before any section, numbered 1; numbers run on in reading order.
    const blocks = [...document.querySelectorAll('[data-question]')];
    expect(blocks.map((b) => b.getAttribute('data-question'))).toEqual(form.questions.map((q) => q.key));
    expect(blocks[0]!.compareDocumentPosition(sections[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(questionBlock(form.questions[0]!.key)).getByRole('heading', { level: 2 })).toBeTruthy();
    expect(blocks.map((b) => b.querySelector('.question-number')?.textContent)).toEqual(form.questions.map((_, i) => `${i + 1}.`));
  });

  it('marks only mandatory questions with *, says which are optional, and shows the help line', () => {
    renderRatingForm(SIPAS_POINT);
    for (const q of mandatory) {
      const block = questionBlock(q.key);
      expect(block.querySelector('.required-mark')).not.toBeNull();
      expect(within(block).queryByText(OPTIONAL_HINT, { exact: false })).toBeNull();
      expect(within(block).getByRole('radiogroup').getAttribute('aria-required')).toBe('true');
    }
    for (const q of optional) {
      const block = questionBlock(q.key);
      expect(block.querySelector('.required-mark')).toBeNull();
      expect(within(block).getByRole('heading').textContent).toContain(OPTIONAL_HINT);
      expect(within(block).getByRole('radiogroup').getAttribute('aria-required')).toBe('false');
    }
    const intro = document.querySelector('.form-intro')?.textContent ?? '';
    expect(intro).toContain('Câu có dấu * là bắt buộc');
    expect(intro).not.toContain('mỗi câu');
    const helped = form.questions.find((q) => q.help)!;
    const help = within(questionBlock(helped.key)).getByText(helped.help!);
    expect(within(questionBlock(helped.key)).getByRole('radiogroup').getAttribute('aria-describedby')).toContain(help.id);
  });

  it('shows the comment box only when the form offers one, and the issue list only when it has issues', () => {
    renderRatingForm(SIPAS_POINT);
    expect(screen.getByLabelText('Góp ý thêm (không bắt buộc)')).toBeTruthy();
    expect(screen.queryByText('Ý kiến khác (nếu có)')).toBeNull();
  });

  it('leaves the comment box out of a form without comments', () => {
    renderRatingForm({ ...SIPAS_POINT, form: { ...form, comment: false } });
    expect(screen.queryByLabelText('Góp ý thêm (không bắt buộc)')).toBeNull();
  });

  it('sends with the optional questions left blank, only the answers given and the form version', async () => {
    const { sent, onSubmitted, user } = renderRatingForm(SIPAS_POINT);
    await answer(user, mandatory.map((q) => q.key));
    await send(user);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      token: 'tok-1',
      clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      formVersion: form.version,
      answers: Object.fromEntries(mandatory.map((q) => [q.key, 4])),
    });
    expect(onSubmitted).toHaveBeenCalled();
  });

  it('lets the citizen take back an answer to an optional question, not to a mandatory one', async () => {
    const { sent, user } = renderRatingForm(SIPAS_POINT);
    const [first] = optional;
    await answer(user, [first!.key], 'Rất không hài lòng');
    expect(within(questionBlock(mandatory[0]!.key)).queryByRole('button', { name: 'Bỏ chọn câu này' })).toBeNull();
    await user.click(within(questionBlock(first!.key)).getByRole('button', { name: 'Bỏ chọn câu này' }));
    expect(within(questionBlock(first!.key)).queryByRole('radio', { checked: true })).toBeNull();
    expect(document.activeElement?.closest('[data-question]')?.getAttribute('data-question')).toBe(first!.key);
    await answer(user, mandatory.map((q) => q.key));
    await send(user);
    expect(sent[0]?.answers).not.toHaveProperty(first!.key);
  });

  it('counts the answers given, optional ones included, in the send bar', async () => {
    const { user } = renderRatingForm(SIPAS_POINT);
    const total = form.questions.length;
    expect(screen.getByText(`Đã trả lời 0/${total} câu`)).toBeTruthy();
    await answer(user, [mandatory[0]!.key, optional[0]!.key, mandatory[1]!.key]);
    expect(screen.getByText(`Đã trả lời 3/${total} câu`)).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: progressText(3, total) });
    expect(bar.getAttribute('value')).toBe('3');
    expect(bar.getAttribute('max')).toBe(String(total));
  });

  it('jumps to the first missing mandatory answer, skipping optional ones, and hides the control when none is left', async () => {
    const scrolled: string[] = [];
    vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this.id);
    });
    const { user } = renderRatingForm(SIPAS_POINT);
    await answer(user, [mandatory[0]!.key]);
    await user.click(screen.getByRole('button', { name: JUMP_LABEL }));
    const target = mandatory[1]!.key;
    expect(optional.some((q) => form.questions.indexOf(q) < form.questions.findIndex((x) => x.key === target))).toBe(true);
    expect(scrolled).toEqual([`q-${target}`]);
    expect(document.activeElement).toBe(within(questionBlock(target)).getAllByRole('radio')[0]);
    await answer(user, mandatory.slice(1).map((q) => q.key));
    expect(screen.queryByRole('button', { name: JUMP_LABEL })).toBeNull();
  });

  it('on "Gửi" with mandatory answers missing, marks only those, counts them as mandatory and sends nothing', async () => {
    const { sent, user } = renderRatingForm(SIPAS_POINT);
    await answer(user, [mandatory[0]!.key]);
    await send(user);
    expect(sent).toHaveLength(0);
    expect(screen.getByText(`Còn ${mandatory.length - 1} câu bắt buộc chưa chọn mức đánh giá.`)).toBeTruthy();
    for (const q of mandatory.slice(1)) expect(within(questionBlock(q.key)).getByText(MISSING_ANSWER_HINT)).toBeTruthy();
    for (const q of [mandatory[0]!, ...optional]) expect(within(questionBlock(q.key)).queryByText(MISSING_ANSWER_HINT)).toBeNull();
  });

  it('shows a group whose questions are apart once, with its questions together', () => {
    const [overall, a, b, c] = form.questions;
    const scattered: PublicPoint = {
      ...SIPAS_POINT,
      form: {
        ...form,
        groups: [{ key: 'g1', label: 'Nhóm một', parent: null }],
        questions: [
          { ...a!, group: 'g1' },
          { ...overall!, group: null },
          { ...b!, group: 'g1' },
          { ...c!, group: null },
        ],
      },
    };
    renderRatingForm(scattered);
    expect(screen.getAllByRole('heading', { name: 'Nhóm một' })).toHaveLength(1);
    const order = [...document.querySelectorAll('[data-question]')].map((el) => el.getAttribute('data-question'));
    expect(order).toEqual([a!.key, b!.key, overall!.key, c!.key]);
  });
});
