import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { periodOf } from '@hai-long/backend/domain/periods';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { periodPresets } from '../../../components/staff/period-options.ts';
import type { Publication } from '../../../services/api/reports.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { calendar, COVERAGE_NOTE, publication, report } from '../report-data-fixtures.ts';
import { DESK_FORM, json, StaffHarness, stubFetch, type StubRequest } from '../report-fixtures.tsx';
import { ReportsPage } from './index.tsx';

const today = vietnamToday();
const month = periodPresets(today)[0]!;
const quarter = periodPresets(today)[1]!;
const monthLabel = periodOf(month.key)!.label;

/** The API of the Reports screen: its publications kept across calls, a POST answered by `publish`. */
function serve(opts: { published?: Publication[]; publish?: (req: StubRequest) => Response } = {}) {
  const published = [...(opts.published ?? [])];
  const calls = stubFetch((req) => {
    const { pathname, searchParams: q } = req.url;
    if (pathname === '/api/units/u1/forms') return json({ forms: [DESK_FORM] });
    if (pathname === '/api/units/u1/report') {
      const period = q.get('from') === quarter.range.from ? quarter.key : month.key;
      if (q.get('format') === 'json') return json(report(period, q.get('audience') === 'public' ? 'public' : 'internal'));
      const format = q.get('format') ?? 'pdf';
      return new Response(format === 'pdf' ? '%PDF-1.7 thử' : 'PK thử', { headers: { 'content-disposition': `attachment; filename="bao-cao_thu_${period}_${q.get('audience')}.${format}"` } });
    }
    if (pathname === '/api/units/u1/responses.csv') return new Response('seq,thu\n', { headers: { 'content-disposition': 'attachment; filename="phieu-thu.csv"' } });
    if (pathname === '/api/units/u1/calendar') return json(calendar(today, published[0] ?? null));
    if (pathname === '/api/units/u1/publications' && req.method === 'GET') return json({ publications: published });
    if (pathname === '/api/units/u1/publications' && req.method === 'POST') {
      const res = opts.publish?.(req) ?? json(publication(month.key), 201);
      if (res.status === 201) published.unshift(publication(month.key));
      return res;
    }
    return undefined;
  });
  return calls;
}

const renderReports = () =>
  render(
    <StaffHarness>
      <ReportsPage />
    </StaffHarness>,
  );

/** Downloads land on a temporary <a download>: its names, in order. */
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
});

describe('ReportsPage', () => {
  it('opens on "Tháng này" and shows the JSON report: totals, criteria, fields, officers with n and interval, trend, coverage, issues', async () => {
    const calls = serve();
    renderReports();
    await screen.findByRole('heading', { level: 2, name: `UBND xã Thử: ${monthLabel}` });
    const first = calls.find((c) => c.url.pathname.endsWith('/report'))!;
    expect(Object.fromEntries(first.url.searchParams)).toEqual({ from: month.range.from, to: month.range.to, format: 'json', audience: 'internal' });
    expect(screen.getByRole('button', { name: 'Tháng này' }).getAttribute('aria-pressed')).toBe('true');

    expect(document.querySelector('[data-stat="total"] .stat-value')?.textContent).toBe('21');
    // The officer over the API's threshold (30 % here), with n and the interval as the API gives them.
    expect(screen.getByRole('note').textContent).toMatch(/^Vượt 30\s?% \(theo quy định\) – có thể do ngẫu nhiên \(ít phiếu\): Cán bộ A \(9 phiếu\)\.$/);
    const officer = document.querySelector('section[aria-labelledby="report-officers"] tr[data-row-id="o1"]') as HTMLElement;
    expect(officer.className).toBe('is-flagged is-chance');
    expect(within(officer).getByText(/^14,1\s?% – 71,2\s?%$/)).toBeTruthy();
    // Its name opens the officer's page over the report's period.
    expect(within(officer).getByRole('link', { name: 'Cán bộ A' }).getAttribute('href')).toBe(`/staff/officers/o1?from=${month.range.from}&to=${month.range.to}`);
    // Trend rows with responses only, named by the API.
    expect([...document.querySelectorAll('section[aria-labelledby="report-trend"] tbody th')].map((t) => t.textContent)).toEqual(['Ngày một', 'Ngày ba']);
    // Coverage: the API's verdict and its note on Decision 766.
    const cov = document.querySelector('section[aria-labelledby="report-coverage"]') as HTMLElement;
    expect(within(cov).getByText('Còn thiếu 6 phiếu')).toBeTruthy();
    expect(cov.textContent).toContain(COVERAGE_NOTE);
    expect(document.querySelector('tr[data-issue="phien_ha"]')?.textContent).toBe('Gây phiền hà theo API31');
    expect(document.querySelector('.report-hash')?.textContent).toBe('ab'.repeat(32));
  });

  it('"Bản công khai" reads the public version: no officers', async () => {
    const calls = serve();
    renderReports();
    await screen.findByRole('heading', { level: 3, name: 'Theo cán bộ, công chức' });
    await userEvent.click(screen.getByLabelText('Bản công khai'));
    await waitFor(() => expect(screen.queryByRole('heading', { level: 3, name: 'Theo cán bộ, công chức' })).toBeNull());
    expect(calls.filter((c) => c.url.pathname.endsWith('/report')).at(-1)?.url.searchParams.get('audience')).toBe('public');
  });

  it('downloads PDF, XLSX, CSV of the chosen version and the raw responses under the names the server gives', async () => {
    const calls = serve();
    renderReports();
    await screen.findByRole('heading', { level: 2, name: `UBND xã Thử: ${monthLabel}` });
    await userEvent.click(screen.getByRole('button', { name: 'Tải PDF' }));
    await screen.findByText(`Đã tải: bao-cao_thu_${month.key}_internal.pdf`);
    await userEvent.click(screen.getByLabelText('Bản công khai'));
    await userEvent.click(screen.getByRole('button', { name: 'Tải Excel (XLSX)' }));
    await screen.findByText(`Đã tải: bao-cao_thu_${month.key}_public.xlsx`);
    await userEvent.click(screen.getByRole('button', { name: 'Tải CSV' }));
    await screen.findByText(`Đã tải: bao-cao_thu_${month.key}_public.csv`);
    await userEvent.click(screen.getByRole('button', { name: 'Tải phiếu gốc (CSV)' }));
    await screen.findByText('Đã tải: phieu-thu.csv');
    expect(saved).toEqual([`bao-cao_thu_${month.key}_internal.pdf`, `bao-cao_thu_${month.key}_public.xlsx`, `bao-cao_thu_${month.key}_public.csv`, 'phieu-thu.csv']);
    const files = calls.filter((c) => c.url.pathname.endsWith('/report') && c.url.searchParams.get('format') !== 'json');
    expect(files.map((c) => `${c.url.searchParams.get('format')}|${c.url.searchParams.get('audience')}|${c.url.searchParams.get('from')}`)).toEqual([
      `pdf|internal|${month.range.from}`,
      `xlsx|public|${month.range.from}`,
      `csv|public|${month.range.from}`,
    ]);
    const raw = calls.find((c) => c.url.pathname.endsWith('/responses.csv'))!;
    expect([raw.url.searchParams.get('from'), raw.url.searchParams.get('to')]).toEqual([month.range.from, month.range.to]);
  });

  it('publishes the named period after a confirmation, then shows its SHA-256 and lists it', async () => {
    const calls = serve();
    renderReports();
    await userEvent.click(await screen.findByRole('button', { name: 'Công bố kết quả kỳ này' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Xác nhận công bố' }));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body!)).toEqual({ period: month.key });
    await waitFor(() => expect(document.querySelector('.publish-done')?.textContent).toContain(`SHA-256: ${'c0ffee'.padEnd(64, '0')}`));
    const list = screen.getByRole('region', { name: 'Kết quả đã công bố' });
    await waitFor(() => expect(within(list).getByRole('link', { name: monthLabel }).getAttribute('href')).toBe(`${window.location.origin}/board/xa-thu/publications/pub-${month.key}.pdf`));
    expect(list.textContent).toContain(`SHA-256: ${'c0ffee'.padEnd(64, '0')}`);
  });

  it('shows the server\u2019s message when the period was published meanwhile (409)', async () => {
    serve({ publish: () => json({ error: { code: 'conflict', message: 'Kỳ này đã được công bố (thông báo thử).' } }, 409) });
    renderReports();
    await userEvent.click(await screen.findByRole('button', { name: 'Công bố kết quả kỳ này' }));
    await userEvent.click(screen.getByRole('button', { name: 'Xác nhận công bố' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Kỳ này đã được công bố (thông báo thử).');
  });

  it('a period already published shows its publication instead of the button; a custom range cannot be published', async () => {
    serve({ published: [publication(month.key)] });
    renderReports();
    await waitFor(() => expect(document.querySelector(`[data-published="pub-${month.key}"]`)).not.toBeNull());
    expect(screen.queryByRole('button', { name: 'Công bố kết quả kỳ này' })).toBeNull();

    // "Quý này" is a named period too; a range of days that is none is not.
    await userEvent.click(screen.getByRole('button', { name: 'Quý này' }));
    await screen.findByRole('button', { name: 'Công bố kết quả kỳ này' });
    const from = screen.getByLabelText(/^Từ/) as HTMLInputElement;
    // The native date input: one change event with the new value.
    fireEvent.change(from, { target: { value: quarter.range.from.replace(/-01$/, '-02') } });
    await screen.findByText(/Chỉ công bố được theo tháng, quý, 6 tháng hoặc năm/);
    expect(screen.queryByRole('button', { name: 'Công bố kết quả kỳ này' })).toBeNull();
  });

  it('lists the publication calendar: due date, days left, the weekend note, published or not', async () => {
    serve({ published: [publication('2026-Q1')] });
    renderReports();
    const cal = await screen.findByRole('region', { name: 'Lịch công bố kết quả' });
    await waitFor(() => expect(cal.querySelectorAll('li').length).toBe(2));
    const [a, b] = [...cal.querySelectorAll('li')] as HTMLElement[];
    expect(a!.textContent).toContain('27/03/2026');
    expect(a!.textContent).toContain('Còn 2 ngày');
    expect(a!.textContent).toContain('Ghi chú cuối tuần thử');
    expect(within(a!).getByText('Chưa công bố').className).toContain('badge-flag'); // within the reminder window
    expect(a!.className).toBe('is-soon');
    expect(b!.textContent).toContain('Còn 10 ngày');
    expect(within(b!).getByText(/^Đã công bố 31\/03\/2026$/)).toBeTruthy();
  });
});
