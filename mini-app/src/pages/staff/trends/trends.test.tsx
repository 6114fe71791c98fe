import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChartConfiguration } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DESK_FORM, INDEX_FORM, RULE, StaffHarness, stubApi, trends } from '../report-fixtures.tsx';
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
    if (url.pathname === '/api/units/u1/trends') return trends(url.searchParams.get('form') === INDEX_FORM.key ? INDEX_FORM : DESK_FORM);
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
    expect(funnel.label).toMatch(/1 cán bộ trên 30\s?% không hài lòng/);
    const officers = screen.getByRole('region', { name: 'Bảng so sánh cán bộ' });
    expect(within(officers).getByText(/^Cao hơn 30\s?% \(ngoài giới hạn 95\s?%\)$/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/25\s?%/);

    await userEvent.selectOptions(criterion, 'thai_do');
    await screen.findByRole('heading', { level: 2, name: /^Thái độ theo API:/ });
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
});
