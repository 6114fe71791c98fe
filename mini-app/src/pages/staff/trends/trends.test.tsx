import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChartConfiguration } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DESK_FORM, INDEX_FORM, RULE, StaffHarness, stubApi, trends } from '../report-fixtures.tsx';
import { vietnamToday } from '../../../services/format/staff.ts';
import { TrendsPage } from './index.tsx';

// jsdom has no canvas: the charts' configurations are kept for the assertions instead.
const charts = vi.hoisted(() => [] as { config: ChartConfiguration; label: string }[]);
vi.mock('../../../components/staff/chart-canvas.tsx', () => ({
  ChartCanvas: (props: { config: ChartConfiguration; label: string }) => {
    charts.push(props);
    return <div role="img" aria-label={props.label} />;
  },
}));

function serve() {
  return stubApi((url) => {
    if (url.pathname === '/api/units/u1/forms') return { forms: [DESK_FORM, INDEX_FORM] };
    // A year comes back by month, as the server cuts it; anything shorter by day.
    const unit = url.searchParams.get('from')?.endsWith('-01-01') && url.searchParams.get('to')?.endsWith('-12-31') ? 'month' : 'day';
    if (url.pathname === '/api/units/u1/trends') return trends(url.searchParams.get('form') === INDEX_FORM.key ? INDEX_FORM : DESK_FORM, unit);
    return undefined;
  });
}

const renderTrends = () =>
  render(
    <StaffHarness>
      <TrendsPage />
    </StaffHarness>,
  );

describe('TrendsPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    charts.length = 0;
  });

  it("opens on the form's general question, lists the report's criteria and draws the threshold at funnel.target", async () => {
    serve();
    renderTrends();
    await screen.findByRole('heading', { level: 2, name: /^Câu chung từ API:/ });
    const criterion = screen.getByLabelText('Tiêu chí') as HTMLSelectElement;
    expect(criterion.value).toBe(DESK_FORM.overallKey);
    expect([...criterion.options].map((o) => o.textContent)).toEqual(['Câu chung từ API', 'Thái độ theo API']);

    const funnel = charts.filter((c) => c.config.type === 'scatter').at(-1)!;
    const threshold = funnel.config.data.datasets.find((d) => d.label?.startsWith('Ngưỡng'))!;
    expect(threshold.label).toMatch(/^Ngưỡng 30\s?%$/);
    expect(threshold.data).toEqual([
      { x: 1, y: RULE.thresholdShare * 100 },
      { x: 10, y: RULE.thresholdShare * 100 },
    ]);
    // One wording (verdictOf), on the chart and in the table: 2 of 3 is over the rule, maybe by chance.
    expect(funnel.label).toMatch(/^Biểu đồ phễu: 1 cán bộ\. Vượt 30\s?% \(theo quy định\) – có thể do ngẫu nhiên \(ít phiếu\): 1\./);
    expect(funnel.config.data.datasets.map((d) => d.label).slice(0, 3)).toEqual([
      expect.stringMatching(/^Vượt 30\s?% \(theo quy định\) – chắc chắn$/),
      expect.stringMatching(/^Vượt 30\s?% \(theo quy định\) – có thể do ngẫu nhiên \(ít phiếu\)$/),
      expect.stringMatching(/^Không vượt 30\s?%$/),
    ]);
    expect(funnel.config.data.datasets[1]!.data).toEqual([{ x: 3, y: (2 / 3) * 100 }]);
    const officers = screen.getByRole('region', { name: 'Bảng so sánh cán bộ' });
    expect(within(officers).getByText(/^Vượt 30\s?% \(theo quy định\) – có thể do ngẫu nhiên \(ít phiếu\)$/)).toBeTruthy();
    expect(officers.querySelector('tr[data-officer-id="o1"]')?.className).toBe('is-flagged is-chance');
    expect(document.body.textContent).not.toMatch(/Trong giới hạn|Cao hơn/);
    expect(document.body.textContent).not.toMatch(/25\s?%/);

    await userEvent.selectOptions(criterion, 'thai_do');
    await screen.findByRole('heading', { level: 2, name: /^Thái độ theo API:/ });
  });

  it("a point of the funnel plot and a name in its table open the officer's page for the range shown", async () => {
    serve();
    renderTrends();
    await screen.findByRole('heading', { level: 2, name: /^Câu chung từ API:/ });
    const funnel = charts.filter((c) => c.config.type === 'scatter').at(-1)!;
    const link = within(screen.getByRole('region', { name: 'Bảng so sánh cán bộ' })).getByRole('link', { name: 'Cán bộ A' });
    expect(link.getAttribute('href')).toBe('/staff/officers/o1?from=2026-03-01&to=2026-03-02');
    // A click on the point (chart.js hands the clicked elements to onClick).
    const onClick = funnel.config.options!.onClick as (e: unknown, els: { datasetIndex: number; index: number }[]) => void;
    act(() => onClick({}, [{ datasetIndex: 1, index: 0 }]));
    expect((await screen.findByTestId('landed')).textContent).toBe('/staff/officers/o1?from=2026-03-01&to=2026-03-02');
  });

  it('switches form: the criteria and the default question follow the new report', async () => {
    const calls = serve();
    renderTrends();
    await userEvent.selectOptions(await screen.findByLabelText('Phiếu khảo sát'), INDEX_FORM.key);
    await screen.findByRole('heading', { level: 2, name: /^Tổng quát từ API:/ });
    expect(calls.filter((u) => u.pathname.endsWith('/trends')).at(-1)?.searchParams.get('form')).toBe(INDEX_FORM.key);
    const criterion = screen.getByLabelText('Tiêu chí') as HTMLSelectElement;
    expect(criterion.value).toBe(INDEX_FORM.overallKey);
    expect([...criterion.options].map((o) => o.textContent)).toEqual(['Tổng quát từ API', 'Mục một', 'Mục hai']);
  });

  it('draws the buckets the API cuts (a year by month) with lines that cannot swing below 0 %, and totals the range', async () => {
    const calls = serve();
    renderTrends();
    await screen.findByRole('heading', { level: 2, name: /^Câu chung từ API:/ });
    await userEvent.click(screen.getByRole('button', { name: 'Năm nay' }));
    const year = vietnamToday().slice(0, 4);
    await waitFor(() => expect(calls.at(-1)?.searchParams.get('from')).toBe(`${year}-01-01`));
    await screen.findByRole('columnheader', { name: 'Tháng' });

    const chart = charts.filter((c) => c.config.type === 'bar').at(-1)!;
    expect(chart.config.data.labels).toEqual(['01/2026', '02/2026', '03/2026']);
    expect(chart.label).toMatch(/theo tháng, tổng 7 phiếu/);
    const lines = chart.config.data.datasets.filter((d) => d.type === 'line');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      // Monotone interpolation never overshoots its points; a Bézier "tension" would dip under 0 %.
      expect(line).toMatchObject({ cubicInterpolationMode: 'monotone' });
      expect('tension' in line ? line.tension : 0).toBe(0);
    }
    // An empty month is a gap, not a 0 % point.
    expect(lines[0]!.data).toEqual([80, null, 50]);
    const scales = chart.config.options?.scales as Record<string, { min?: number; max?: number }>;
    expect([scales['share']?.min, scales['share']?.max]).toEqual([0, 100]);

    // The table: months with data, newest first, and the range's total.
    const rows = [...document.querySelectorAll('tr[data-bucket]')].map((r) => [...r.children].map((c) => c.textContent?.replace(/\s/g, '')));
    expect(rows).toEqual([
      ['Tháng03/2026', '2', '50,0%', '50,0%'],
      ['Tháng01/2026', '5', '80,0%', '20,0%'],
      ['Cảkỳ', '7', '71,4%', '28,6%'],
    ]);
    expect(document.querySelector('[data-total="responses"] dd')?.textContent).toBe('7');
  });
});
