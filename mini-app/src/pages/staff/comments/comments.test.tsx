import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommentItem } from '../../../services/api/staff.ts';
import { caseComment, STAFF } from '../case-fixtures.ts';
import { DESK_FORM, INDEX_FORM, json, StaffHarness, stubApi, stubFetch, tallies } from '../report-fixtures.tsx';
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
  // No case opened (the comments API names the case a response opened, if any).
  case: null,
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

  it('a report that opened a case is decided as a case: status, owner, due day and overdue shown, the note the server asks for', async () => {
    let kase = caseComment();
    const calls = stubFetch((req) => {
      const { pathname } = req.url;
      if (pathname === '/api/units/u1/forms') return json({ forms: [DESK_FORM] });
      if (pathname === '/api/units/u1/tallies') return json(tallies(DESK_FORM));
      if (pathname === '/api/units/u1/staff') return json({ staff: STAFF });
      if (pathname === '/api/units/u1/comments') return json({ form: DESK_FORM, comments: [kase], nextBefore: null });
      if (pathname === '/api/units/u1/cases/r9' && req.method === 'POST') {
        const body = JSON.parse(req.body!) as { status: 'handled'; note: string };
        if (!body.note) return json({ error: { code: 'invalid_input', message: 'Cần ghi kết quả (thử).' } }, 400);
        kase = caseComment({
          handled: true,
          case: { ...kase.case!, status: body.status, statusLabel: 'Đã xử lý', overdue: false },
          notes: [{ id: 'n1', responseId: 'r9', staffId: 's-chair', author: 'chutich.thu', handled: true, status: body.status, note: body.note, createdAt: '2026-03-03T02:00:00.000Z' }],
        });
        return json({ note: {}, case: kase.case }, 201);
      }
      return undefined;
    });
    renderComments();
    const card = await screen.findByRole('article');
    // Its one status is the case's; overdue as the server says (due 05/03/2026); the owner by name.
    expect(within(card).getByText('Mới', { selector: '.badge' })).toBeTruthy();
    expect(card.className).toContain('is-overdue');
    expect(card.textContent).toContain('Hạn xử lý: 05/03/2026 (quá hạn)');
    expect(card.textContent).toContain('Người xử lý: vanphong.thu');
    expect(screen.queryByRole('button', { name: 'Đánh dấu đã xử lý' })).toBeNull();

    await userEvent.selectOptions(within(card).getByLabelText('Tình trạng hồ sơ'), 'handled');
    expect(within(card).getByLabelText('Kết quả, ghi chú xử lý (bắt buộc khi đóng hồ sơ)')).toBeTruthy();
    await userEvent.click(within(card).getByRole('button', { name: 'Lưu quyết định' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('Cần ghi kết quả (thử).');
    await userEvent.type(within(card).getByLabelText(/^Kết quả, ghi chú xử lý/), 'Đã hoàn trả tiền cho người dân.');
    await userEvent.click(within(card).getByRole('button', { name: 'Lưu quyết định' }));
    await waitFor(() => expect(within(screen.getByRole('article')).getByText('Đã xử lý', { selector: '.badge' })).toBeTruthy());
    const handled = screen.getByRole('article');
    expect(handled.className).toContain('is-handled');
    expect(handled.className).not.toContain('is-overdue');
    expect(within(handled).getByRole('list', { name: 'Lịch sử xử lý' }).textContent).toContain('Đã hoàn trả tiền cho người dân.');
    const posts = calls.filter((c) => c.method === 'POST').map((c) => JSON.parse(c.body!));
    expect(posts.at(-1)).toEqual({ status: 'handled', note: 'Đã hoàn trả tiền cho người dân.' });
  });
});
