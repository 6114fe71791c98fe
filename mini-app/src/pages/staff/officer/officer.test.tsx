import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChartConfiguration } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { periodPresets } from '../../../components/staff/period-options.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { caseView, officerSummary, STAFF } from '../case-fixtures.ts';
import { DESK_FORM, json, shares, StaffHarness, stubFetch } from '../report-fixtures.tsx';
import { OfficerPage } from './index.tsx';

// jsdom has no canvas: the chart's configuration is kept instead.
const charts = vi.hoisted(() => [] as { config: ChartConfiguration; label: string }[]);
vi.mock('../../../components/staff/chart-canvas.tsx', () => ({
  ChartCanvas: (props: { config: ChartConfiguration; label: string }) => {
    charts.push(props);
    return <div role="img" aria-label={props.label} />;
  },
}));

function serve(summary = officerSummary()) {
  return stubFetch((req) => {
    const { pathname } = req.url;
    if (pathname === '/api/units/u1/forms') return json({ forms: [DESK_FORM] });
    if (pathname === '/api/units/u1/staff') return json({ staff: STAFF });
    if (pathname === '/api/units/u1/officers/o1/summary') return json(summary);
    if (pathname === '/api/units/u1/officers/nobody/summary') return json({ error: { code: 'not_found', message: 'Không tìm thấy cán bộ (thử).' } }, 404);
    if (pathname === '/api/units/u1/cases/r9' && req.method === 'POST') return json({ note: {}, case: caseView('r9', { status: 'in_progress' }) }, 201);
    return undefined;
  });
}

const renderOfficer = (at = '/staff/officers/o1?from=2026-03-01&to=2026-03-31') =>
  render(
    <StaffHarness at={at} path="/staff/officers/:officerId">
      <OfficerPage />
    </StaffHarness>,
  );

describe('OfficerPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    charts.length = 0;
  });

  it("shows the period's figures with the API's verdict, per question, the trend, the cases and the comments", async () => {
    const calls = serve();
    renderOfficer();
    await screen.findByRole('heading', { level: 1, name: /^Cán bộ A/ });
    const summaryCall = calls.find((c) => c.url.pathname.endsWith('/summary'))!;
    expect(Object.fromEntries(summaryCall.url.searchParams)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    // The verdict as the API words it, coloured as certain (8 of 12 at a 30 % threshold).
    const verdict = screen.getByRole('region', { name: 'Đánh giá trong kỳ' });
    expect(within(verdict).getByText('Nhãn kết luận từ API')).toBeTruthy();
    expect(verdict.getAttribute('data-verdict')).toBe('certain');
    expect(verdict.textContent).toMatch(/8\/12 phiếu “Không hài lòng” và “Rất không hài lòng”, tức 66,7\s?%; khoảng tin cậy 95\s?%: 39,1\s?% – 86,2\s?%/);
    expect(document.querySelector('[data-stat="total"] .stat-value')?.textContent).toBe('12');
    expect(document.querySelector('[data-stat="open-cases"] .stat-value')?.textContent).toBe('1');
    // Per question, in the API's order and labels.
    const names = [...document.querySelectorAll('section[aria-labelledby="officer-questions"] .row-name')].map((e) => e.textContent);
    expect(names).toEqual(['Câu chung từ API', 'Thái độ theo API']);
    // The trend: buckets with responses in the table, all of them on the chart.
    expect([...document.querySelectorAll('section[aria-labelledby="officer-trend"] tbody th')].map((t) => t.textContent)).toEqual(['02/03/2026 – 08/03/2026']);
    expect(charts.at(-1)?.config.data.labels).toEqual(['02/03–08/03', '09/03–15/03']);
    // The case, with its owner and due day, and the comment.
    const kase = document.querySelector('[data-case-id="r9"]') as HTMLElement;
    expect(kase.textContent).toContain('Người xử lý: vanphong.thu');
    expect(kase.textContent).toContain('Hạn xử lý: 05/03/2026');
    expect(within(kase).getByText('Gây phiền hà theo API')).toBeTruthy();
    expect(screen.getByText('Chờ lâu (thử).')).toBeTruthy();
  });

  it('decides a case there and reads the page again; another period is asked for with its days', async () => {
    const calls = serve();
    renderOfficer();
    const kase = (await screen.findByText('Bị đòi thêm tiền (thử).')).closest('article')!;
    // A new case is proposed "Đang xử lý" next.
    expect((within(kase).getByLabelText('Tình trạng hồ sơ') as HTMLSelectElement).value).toBe('in_progress');
    await userEvent.click(within(kase).getByRole('button', { name: 'Lưu quyết định' }));
    await waitFor(() => expect(calls.filter((c) => c.url.pathname.endsWith('/summary'))).toHaveLength(2));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body!)).toEqual({ status: 'in_progress', note: '' });

    const quarter = periodPresets(vietnamToday())[1]!;
    await userEvent.click(screen.getByRole('button', { name: quarter.label }));
    await waitFor(() => expect(Object.fromEntries(calls.at(-1)!.url.searchParams)).toEqual({ from: quarter.range.from, to: quarter.range.to }));
  });

  it('an officer over the rule but maybe by chance is amber; no responses says so', async () => {
    serve(officerSummary({ total: shares({ '5': 1, '4': 0, '3': 0, '2': 1, '1': 1 }), verdict: { overRule: true, certainty: 'chance', label: 'Có thể do ngẫu nhiên (API)' } }));
    renderOfficer();
    const verdict = await screen.findByRole('region', { name: 'Đánh giá trong kỳ' });
    expect(verdict.getAttribute('data-verdict')).toBe('chance');
    expect(verdict.textContent).toContain('ít dữ liệu (dưới 5 phiếu)');
  });

  it("says so when the officer is not the unit's", async () => {
    serve();
    renderOfficer('/staff/officers/nobody');
    expect((await screen.findByRole('alert')).textContent).toContain('Không tìm thấy cán bộ (thử).');
  });
});
