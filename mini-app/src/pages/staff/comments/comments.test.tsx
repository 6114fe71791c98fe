import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommentItem } from '../../../services/api/staff.ts';
import { DESK_FORM, INDEX_FORM, StaffHarness, stubApi, tallies } from '../report-fixtures.tsx';
import { CommentsPage } from './index.tsx';

const COMMENT: CommentItem = {
  id: 'r1',
  seq: 7,
  receivedAt: '2026-03-02T02:00:00.000Z',
  day: '2026-03-02',
  channel: 'qr',
  officer: { id: 'o1', name: 'Cán bộ A' },
  field: null,
  level: 2,
  answers: { chung: 2 },
  issues: ['phien_ha'],
  comment: 'Chờ lâu.',
  handled: false,
  notes: [],
};

function serve() {
  return stubApi((url) => {
    if (url.pathname === '/api/units/u1/forms') return { forms: [DESK_FORM, INDEX_FORM] };
    if (url.pathname === '/api/units/u1/tallies') return tallies(DESK_FORM);
    if (url.pathname === '/api/units/u1/comments') {
      const form = url.searchParams.get('form') === INDEX_FORM.key ? INDEX_FORM : DESK_FORM;
      return { form, comments: form === DESK_FORM ? [COMMENT] : [], nextBefore: null };
    }
    return undefined;
  });
}

const renderComments = () =>
  render(
    <StaffHarness>
      <CommentsPage />
    </StaffHarness>,
  );

describe('CommentsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("labels levels and issues from the comments response's form and filters by its issue keys", async () => {
    const calls = serve();
    renderComments();
    const card = await screen.findByRole('article');
    expect(within(card).getByText('Không hài lòng')).toBeTruthy();
    expect(within(card).getByText('Gây phiền hà theo API')).toBeTruthy();
    // The level filter is named after the form's general question.
    expect(screen.getByLabelText('Câu chung từ API')).toBeTruthy();
    const issue = screen.getByLabelText('Phản ánh') as HTMLSelectElement;
    expect([...issue.options].map((o) => o.value)).toEqual(['', 'phien_ha']);
    await userEvent.selectOptions(issue, 'phien_ha');
    expect(calls.filter((u) => u.pathname.endsWith('/comments')).at(-1)?.searchParams.get('issue')).toBe('phien_ha');
  });

  it('another form starts unfiltered, sends its key, and hides the issue filter when it has no issues', async () => {
    const calls = serve();
    renderComments();
    await screen.findByRole('article');
    await userEvent.selectOptions(screen.getByLabelText('Phản ánh'), 'phien_ha');
    await userEvent.selectOptions(screen.getByLabelText('Phiếu khảo sát'), INDEX_FORM.key);
    await screen.findByText('Không có góp ý hay phản ánh nào phù hợp.');
    const last = calls.filter((u) => u.pathname.endsWith('/comments')).at(-1)!;
    expect(last.searchParams.get('form')).toBe(INDEX_FORM.key);
    expect(last.searchParams.get('issue')).toBeNull();
    expect(screen.queryByLabelText('Phản ánh')).toBeNull();
    expect(screen.getByLabelText('Tổng quát từ API')).toBeTruthy();
  });
});
