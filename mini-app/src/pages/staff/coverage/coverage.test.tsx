import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { periodOf } from '@hai-long/backend/domain/periods';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { periodPresets } from '../../../components/staff/period-options.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { coverage, COVERAGE_NOTE } from '../report-data-fixtures.ts';
import { blobText, DESK_FORM, json, StaffHarness, stubFetch, type StubRequest } from '../report-fixtures.tsx';
import { templateCsv } from './dossier-import.tsx';
import { CoveragePage } from './index.tsx';

const today = vietnamToday();
const month = periodPresets(today)[0]!;
const year = periodPresets(today)[3]!;

function serve(onImport?: (req: StubRequest) => Response) {
  return stubFetch((req) => {
    const { pathname, searchParams: q } = req.url;
    if (pathname === '/api/units/u1/forms') return json({ forms: [DESK_FORM] });
    if (pathname === '/api/units/u1/coverage') return json(coverage(q.get('period')!));
    if (pathname === '/api/units/u1/dossier-counts' && req.method === 'PUT') return json(JSON.parse(req.body!));
    if (pathname === '/api/units/u1/dossier-counts/import') return onImport?.(req) ?? json({ rows: 2, inserted: 1, updated: 1, unchanged: 0 });
    return undefined;
  });
}

const renderCoverage = () =>
  render(
    <StaffHarness>
      <CoveragePage />
    </StaffHarness>,
  );

const row = (id: string) => document.querySelector(`tr[data-field="${id}"]`) as HTMLElement;

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:thu');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('CoveragePage', () => {
  it("shows this month's coverage per field and for the unit as the API computes it, and switches period", async () => {
    const calls = serve();
    renderCoverage();
    await screen.findByRole('heading', { level: 2, name: `UBND xã Thử: ${periodOf(month.key)!.label}` });
    expect(calls.find((c) => c.url.pathname.endsWith('/coverage'))?.url.searchParams.get('period')).toBe(month.key);
    // Months, quarters and years: no half-year, and no range of days.
    expect(screen.queryByRole('button', { name: '6 tháng đầu năm' })).toBeNull();
    expect(screen.queryByLabelText(/^Từ/)).toBeNull();

    expect((within(row('f1')).getByLabelText('Số hồ sơ: Hộ tịch thử') as HTMLInputElement).value).toBe('100');
    expect(within(row('f1')).getByText('Còn thiếu 1 phiếu')).toBeTruthy();
    expect(row('f1').querySelector('[data-col="required"]')?.textContent).toMatch(/^30 \(30\s?%\)$/);
    // A count the API adds up from the months is a placeholder, not a typed value.
    const f2 = within(row('f2')).getByLabelText('Số hồ sơ: Đất đai thử') as HTMLInputElement;
    expect([f2.value, f2.placeholder]).toEqual(['', '20']);
    expect(within(row('f2')).getByText('cộng từ các tháng')).toBeTruthy();
    expect(within(row('f3')).getByText('Chưa có số hồ sơ')).toBeTruthy();
    const unitRow = row('unit');
    expect(within(unitRow).getByText('Cả đơn vị')).toBeTruthy();
    expect(within(unitRow).getByText('Còn thiếu 6 phiếu')).toBeTruthy();
    expect(within(unitRow).getByText('cộng từ các lĩnh vực')).toBeTruthy();
    expect(document.body.textContent).toContain(COVERAGE_NOTE);

    await userEvent.click(screen.getByRole('button', { name: 'Năm nay' }));
    await screen.findByRole('heading', { level: 2, name: `UBND xã Thử: ${periodOf(year.key)!.label}` });
    expect(calls.filter((c) => c.url.pathname.endsWith('/coverage')).at(-1)?.url.searchParams.get('period')).toBe(year.key);
  });

  it('saves a typed count with PUT (a field, then the whole unit) and reads the coverage again', async () => {
    const calls = serve();
    renderCoverage();
    const input = await screen.findByLabelText('Số hồ sơ: Đất đai thử');
    await userEvent.type(input, '25{Enter}');
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(JSON.parse(calls.find((c) => c.method === 'PUT')!.body!)).toEqual({ period: month.key, fieldId: 'f2', count: 25 });
    await waitFor(() => expect(calls.filter((c) => c.url.pathname.endsWith('/coverage'))).toHaveLength(2));

    await userEvent.type(screen.getByLabelText('Số hồ sơ: Cả đơn vị'), '130');
    await userEvent.click(within(row('unit')).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(JSON.parse(calls.filter((c) => c.method === 'PUT')[1]!.body!)).toEqual({ period: month.key, count: 130 });
  });

  it('imports a CSV as it is; a refused file shows each wrong line and that nothing was stored', async () => {
    let refuse = true;
    const calls = serve(() =>
      refuse
        ? json({ error: { code: 'invalid_input', message: 'Tệp có 2 dòng không hợp lệ (thử).', details: [{ path: 'dòng 3', message: 'lỗi thử một' }, { path: 'dòng 5', message: 'lỗi thử hai' }] } }, 400)
        : json({ rows: 2, inserted: 1, updated: 1, unchanged: 0 }),
    );
    renderCoverage();
    await screen.findByLabelText('Số hồ sơ: Hộ tịch thử');
    const file = new File(['lĩnh vực,kỳ,số hồ sơ\nHộ tịch thử,2026-03,x\n'], 'so-ho-so.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByLabelText('Tệp số hồ sơ'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Nhập tệp' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Tệp có 2 dòng không hợp lệ (thử).');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['dòng 3: lỗi thử một', 'dòng 5: lỗi thử hai']);
    expect(alert.textContent).toContain('Không có số liệu nào từ tệp này được lưu');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('content-type')).toBe('text/csv');
    expect(post.body).toBe('lĩnh vực,kỳ,số hồ sơ\nHộ tịch thử,2026-03,x\n');

    refuse = false;
    await userEvent.click(screen.getByRole('button', { name: 'Nhập tệp' }));
    expect((await screen.findByText(/^Đã nhập 2 dòng/)).textContent).toBe('Đã nhập 2 dòng: 1 mới, 1 cập nhật, 0 không đổi.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers a template of the period in the columns the import reads', async () => {
    serve();
    renderCoverage();
    await screen.findByLabelText('Số hồ sơ: Hộ tịch thử');
    let blob: Blob | undefined;
    URL.createObjectURL = vi.fn((b: Blob) => {
      blob = b;
      return 'blob:thu';
    });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await userEvent.click(screen.getByRole('button', { name: 'Tải tệp mẫu (CSV)' }));
    expect(names).toEqual([`so-ho-so_${month.key}.csv`]);
    // UTF-8 with a byte-order mark, for Excel (FileReader drops the mark when it reads the text).
    expect(templateCsv(coverage(month.key)).startsWith('\uFEFFlĩnh vực,kỳ,số hồ sơ\r\n')).toBe(true);
    const text = await blobText(blob!);
    expect(text).toBe(`lĩnh vực,kỳ,số hồ sơ\r\n"Hộ tịch thử",${month.key},100\r\n"Đất đai thử",${month.key},20\r\n"Chứng thực thử",${month.key},0\r\n`);
  });
});
