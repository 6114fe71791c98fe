import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChartConfiguration } from 'chart.js';
import { useState, type ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ComparisonReturnBar } from '../../../components/staff/comparison-return-bar.tsx';
import { vietnamToday } from '../../../services/format/staff.ts';
import { getComparisonReturn, setComparisonReturn } from '../../../state/comparison-return.ts';
import { StaffFormContext } from '../../../state/staff-form.ts';
import { StaffUnitContext } from '../../../state/staff-unit.ts';
import { json, stubFetch } from '../report-fixtures.tsx';
import { comparison, PROVINCE, UNITS } from './comparison-fixture.ts';
import { ComparisonPage } from './index.tsx';

// jsdom has no canvas: the charts' configurations are kept for the assertions instead.
const charts = vi.hoisted(() => [] as { config: ChartConfiguration; label: string }[]);
vi.mock('../../../components/staff/chart-canvas.tsx', () => ({
  ChartCanvas: (props: { config: ChartConfiguration; label: string }) => {
    charts.push(props);
    return <div role="img" aria-label={props.label} />;
  },
}));

const FORMS = { forms: [], form: null, formKey: undefined, setFormKey: () => {} };

/** The signed-in contexts of a province's supervisor, the unit choice real (the drill-down changes it). */
function Harness({ children, at = '/staff/comparison' }: { readonly children: ReactNode; readonly at?: string }) {
  return (
    <MemoryRouter initialEntries={[at]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Units>
        <ComparisonReturnBar />
        <Routes>
          <Route path="/staff/comparison" element={children} />
          <Route path="*" element={<Landed />} />
        </Routes>
      </Units>
    </MemoryRouter>
  );
}

function Units({ children }: { readonly children: ReactNode }) {
  const [id, setId] = useState(PROVINCE.id);
  const unit = UNITS.find((u) => u.id === id)!;
  return (
    <StaffUnitContext.Provider value={{ units: UNITS, unit, setUnitId: setId }}>
      <StaffFormContext.Provider value={FORMS}>{children}</StaffFormContext.Provider>
      <p data-testid="unit">{unit.name}</p>
    </StaffUnitContext.Provider>
  );
}

function Landed() {
  const { pathname, search } = useLocation();
  return <p data-testid="landed">{`${pathname}${search}`}</p>;
}

function serve() {
  return stubFetch((req) => {
    const { pathname, searchParams: q } = req.url;
    if (pathname === `/api/units/${PROVINCE.id}/campaigns`) return json({ campaigns: [] });
    if (pathname === `/api/units/${PROVINCE.id}/comparison`) {
      if (q.get('format') === 'json') return json(comparison());
      return new Response('PK thử', { headers: { 'content-disposition': `attachment; filename="so-sanh_thu.${q.get('format')}"` } });
    }
    return undefined;
  });
}

/** The units' names down the table, as shown. */
const order = () => [...document.querySelectorAll('.cmp-table tbody tr')].map((tr) => tr.querySelector('.cmp-open')!.textContent);
const header = (name: RegExp) => screen.getByRole('columnheader', { name });

let saved: string[] = [];
beforeEach(() => {
  saved = [];
  URL.createObjectURL = vi.fn(() => 'blob:thu');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  charts.length = 0;
  setComparisonReturn(null);
});

describe('ComparisonPage', () => {
  it("shows every unit in the API's order with its outlier wording, small samples, ties, coverage and the ranking note", async () => {
    const calls = serve();
    render(
      <Harness>
        <ComparisonPage />
      </Harness>,
    );
    await screen.findByRole('heading', { level: 2, name: 'Bảng so sánh' });
    const first = calls.find((c) => c.url.pathname.endsWith('/comparison'))!;
    const year = vietnamToday().slice(0, 4);
    expect(Object.fromEntries(first.url.searchParams)).toEqual({ from: `${year}-01-01`, to: `${year}-12-31`, format: 'json' });
    expect(screen.getByText(/^Các đơn vị thuộc/).textContent).toBe('Các đơn vị thuộc UBND tỉnh Thử');

    expect(order()).toEqual(['Xã An Phú', 'Xã Đồng Tiến', 'Phường Bến Thủy', 'Đặc khu Hòn Ngư', 'Xã Tân Lập', 'Xã Nghĩa Đàn']);
    expect(screen.getByText('Ghi chú xếp hạng từ API.')).toBeTruthy();
    const row = (code: string) => document.querySelector(`tr[data-unit-code="${code}"]`) as HTMLElement;
    expect(within(row('x2')).getByText('Cao hơn mức chung (API)')).toBeTruthy();
    expect(row('x2').className).toContain('cmp-higher');
    expect(within(row('x2')).getByText('2 cán bộ có kết quả thấp')).toBeTruthy();
    expect(within(row('x4')).getByText('ít phiếu')).toBeTruthy();
    expect(within(row('x4')).getByText('Ít phiếu, không xếp hạng')).toBeTruthy();
    expect(within(row('x5')).getByText('Chưa có phiếu')).toBeTruthy();
    expect(within(row('x5')).queryByText('ít phiếu')).toBeNull();
    expect(within(row('x1')).getByText('đồng hạng')).toBeTruthy();
    expect(row('x1').querySelector('[data-col="coverage"]')!.textContent).toBe('20/60Thiếu 40 phiếu200 hồ sơ');
    expect(row('x3').querySelector('[data-col="coverage"]')!.textContent).toBe('20/20Đạt40 hồ sơ');
    expect(row('x1').querySelector('[data-col="sipas"]')!.textContent).toMatch(/^91,0\s?%$/);
    expect(within(row('x3')).getByText('Phường (API)')).toBeTruthy();
    // The funnel: units with responses as points by outlier wording, the API's limits as lines.
    const funnel = charts.filter((c) => c.config.type === 'scatter').at(-1)!;
    expect(funnel.config.data.datasets.slice(0, 4).map((d) => d.data)).toEqual([[{ x: 20, y: 75 }], [{ x: 20, y: 0 }], [{ x: 20, y: 5 }, { x: 20, y: 15 }], [{ x: 3, y: (1 / 3) * 100 }]]);
    expect(funnel.config.data.datasets.find((d) => d.label === 'Giới hạn 95%')!.data).toEqual([
      { x: 1, y: 40 },
      { x: 5, y: 40 },
      { x: 10, y: 40 },
      { x: 20, y: 40 },
    ]);
    expect(document.body.textContent).toContain('Cách đọc thứ nhất (API).');
  });

  it('sorts by a click or Enter on a header, with aria-sort; units without a value stay last', async () => {
    serve();
    render(
      <Harness>
        <ComparisonPage />
      </Harness>,
    );
    await screen.findByRole('heading', { level: 2, name: 'Bảng so sánh' });
    const dissatisfied = header(/^Không hài lòng/);
    expect(dissatisfied.getAttribute('aria-sort')).toBe('none');
    await userEvent.click(within(dissatisfied).getByRole('button'));
    expect(header(/^Không hài lòng/).getAttribute('aria-sort')).toBe('descending');
    expect(order()).toEqual(['Xã Đồng Tiến', 'Đặc khu Hòn Ngư', 'Xã Nghĩa Đàn', 'Xã An Phú', 'Phường Bến Thủy', 'Xã Tân Lập']);
    await userEvent.click(within(header(/^Không hài lòng/)).getByRole('button'));
    expect(header(/^Không hài lòng/).getAttribute('aria-sort')).toBe('ascending');
    expect(order()).toEqual(['Phường Bến Thủy', 'Xã An Phú', 'Xã Nghĩa Đàn', 'Đặc khu Hòn Ngư', 'Xã Đồng Tiến', 'Xã Tân Lập']);

    // The keyboard: Tab reaches the header's button, Enter sorts by rank (1 first, the ties in their order).
    within(header(/^Hạng/)).getByRole('button').focus();
    await userEvent.keyboard('{Enter}');
    expect(header(/^Hạng/).getAttribute('aria-sort')).toBe('ascending');
    expect(header(/^Không hài lòng/).getAttribute('aria-sort')).toBe('none');
    expect(order()).toEqual(['Xã An Phú', 'Phường Bến Thủy', 'Xã Nghĩa Đàn', 'Xã Đồng Tiến', 'Đặc khu Hòn Ngư', 'Xã Tân Lập']);
    // The phone's select sorts the same way.
    await userEvent.selectOptions(screen.getByLabelText('Sắp xếp theo'), 'sipas');
    expect(order()).toEqual(['Xã An Phú', 'Phường Bến Thủy', 'Xã Nghĩa Đàn', 'Đặc khu Hòn Ngư', 'Xã Đồng Tiến', 'Xã Tân Lập']);
  });

  it('a row opens the unit on Today, with the way back to the same sorted comparison', async () => {
    serve();
    render(
      <Harness at="/staff/comparison?sort=dissatisfied&dir=desc">
        <ComparisonPage />
      </Harness>,
    );
    await screen.findByRole('heading', { level: 2, name: 'Bảng so sánh' });
    expect(order()[0]).toBe('Xã Đồng Tiến');
    await userEvent.click(screen.getByRole('button', { name: 'Xã Đồng Tiến' }));
    expect(screen.getByTestId('landed').textContent).toBe('/staff/today');
    expect(screen.getByTestId('unit').textContent).toBe('Xã Đồng Tiến');
    const back = getComparisonReturn()!;
    expect(back.unitName).toBe('Xã Đồng Tiến');
    expect(Object.fromEntries(new URL(back.href, 'http://x').searchParams)).toMatchObject({ sort: 'dissatisfied', dir: 'desc', unit: PROVINCE.id });
    const bar = screen.getByRole('region', { name: 'Mở từ bảng so sánh' });
    expect(bar.textContent).toContain('Đang xem Xã Đồng Tiến, mở từ bảng so sánh các đơn vị thuộc UBND tỉnh Thử.');

    await userEvent.click(within(bar).getByRole('button', { name: '← Quay lại bảng so sánh' }));
    await screen.findByRole('heading', { level: 2, name: 'Bảng so sánh' });
    expect(header(/^Không hài lòng/).getAttribute('aria-sort')).toBe('descending');
    expect(screen.queryByRole('region', { name: 'Mở từ bảng so sánh' })).toBeNull();
    // Back on the province's comparison: the commune opened last is marked, its peers around it.
    expect(screen.getByText(/^Các đơn vị thuộc/).textContent).toBe('Các đơn vị thuộc UBND tỉnh Thử (đang chọn Xã Đồng Tiến)');
  });

  it('a point of the funnel plot opens its unit; the files download under the server names', async () => {
    const calls = serve();
    render(
      <Harness>
        <ComparisonPage />
      </Harness>,
    );
    await screen.findByRole('heading', { level: 2, name: 'Bảng so sánh' });
    await userEvent.click(screen.getByRole('button', { name: 'Tải Excel (XLSX)' }));
    await screen.findByText('Đã tải: so-sanh_thu.xlsx');
    await userEvent.click(screen.getByRole('button', { name: 'Tải PDF' }));
    await screen.findByText('Đã tải: so-sanh_thu.pdf');
    expect(saved).toEqual(['so-sanh_thu.xlsx', 'so-sanh_thu.pdf']);
    expect(calls.filter((c) => c.url.pathname.endsWith('/comparison')).map((c) => c.url.searchParams.get('format'))).toEqual(['json', 'xlsx', 'pdf']);

    const funnel = charts.filter((c) => c.config.type === 'scatter').at(-1)!;
    const onClick = funnel.config.options!.onClick as (e: unknown, els: { datasetIndex: number; index: number }[]) => void;
    act(() => onClick({}, [{ datasetIndex: 0, index: 0 }]));
    expect((await screen.findByTestId('landed')).textContent).toBe('/staff/today');
    expect(screen.getByTestId('unit').textContent).toBe('Xã Đồng Tiến');
  });
});
