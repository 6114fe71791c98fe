import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_LABELS } from '@hai-long/backend/domain/channels';
import { DESK_FORM, INDEX, INDEX_FORM, shares, StaffHarness, stubApi, tallies } from '../report-fixtures.tsx';
import { vietnamToday } from '../../../services/format/staff.ts';
import { TodayPage } from './index.tsx';

function serve(forms: (typeof DESK_FORM)[]) {
  return stubApi((url) => {
    if (url.pathname === '/api/units/u1/forms') return { forms };
    if (url.pathname === '/api/units/u1/tallies') return url.searchParams.get('form') === INDEX_FORM.key ? tallies(INDEX_FORM, INDEX) : tallies(DESK_FORM);
    return undefined;
  });
}

const renderToday = () =>
  render(
    <StaffHarness>
      <TodayPage />
    </StaffHarness>,
  );

const row = (id: string) => document.querySelector(`tr[data-row-id="${id}"]`) as HTMLElement;

describe('TodayPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('words the rule and labels the criteria from the API answer, and shows its flags, intervals and small-sample marks as given', async () => {
    serve([DESK_FORM]);
    renderToday();
    await screen.findByRole('heading', { name: 'Theo tiêu chí' });

    // The rule's threshold (30 % here) and small sample (5), never a figure of the screen's own.
    expect(screen.getByText(/^Cán bộ vượt 30\s?% \(theo quy định\)$/)).toBeTruthy();
    // One wording (verdictOf): 2 of 3 is over the rule, but at n = 3 chance may explain it (amber).
    expect(within(row('o1')).getByText(/^Vượt 30\s?% \(theo quy định\) – có thể do ngẫu nhiên \(ít phiếu\)$/)).toBeTruthy();
    expect(row('o1').className).toBe('is-flagged is-chance');
    expect(row('o2').className).toBe('');
    expect(within(row('o2')).getByText(/^Không vượt 30\s?%$/)).toBeTruthy();
    expect(screen.getByRole('note').textContent).toMatch(/^Vượt 30\s?% \(theo quy định\) – có thể do ngẫu nhiên \(ít phiếu\): Cán bộ A\.$/);
    expect(document.querySelector('.staff-footnote')?.textContent).toMatch(/dưới 5 phiếu/);
    expect(document.querySelector('.staff-footnote')?.textContent).toMatch(/theo câu “Câu chung từ API”/);
    expect(document.body.textContent).not.toMatch(/25\s?%/);

    // The interval and the marks are the API's, not recomputed from the counts.
    expect(within(row('o1')).getByText(/^11,1\s?% – 22,2\s?%$/)).toBeTruthy();
    expect(row('o2').querySelector('.badge-small')).toBeNull(); // 6 responses, smallSample false
    expect(row('o3').querySelector('.badge-small')).not.toBeNull(); // 1 response, smallSample true

    // The criteria in the form's order with its short labels.
    const names = [...document.querySelectorAll('section[aria-labelledby="by-question"] .row-name')].map((e) => e.textContent);
    expect(names).toEqual(['Câu chung từ API', 'Thái độ theo API']);

    // One form: no picker, and no SIPAS index.
    expect(screen.queryByLabelText('Phiếu khảo sát')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Chỉ số hài lòng SIPAS' })).toBeNull();
  });

  it("an officer's name opens the officer's page for the day shown", async () => {
    serve([DESK_FORM]);
    renderToday();
    await screen.findByRole('heading', { name: 'Theo tiêu chí' });
    await userEvent.click(within(row('o1')).getByRole('link', { name: 'Cán bộ A' }));
    const day = vietnamToday();
    expect(screen.getByTestId('landed').textContent).toBe(`/staff/officers/o1?from=${day}&to=${day}`);
  });

  it('with two forms, a picker switches the figures, the labels and shows the index of a form with groups', async () => {
    const calls = serve([DESK_FORM, INDEX_FORM]);
    renderToday();
    const picker = await screen.findByLabelText('Phiếu khảo sát');
    expect([...(picker as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([DESK_FORM.title, INDEX_FORM.title]);
    // The first form is the server's default: no `form` sent, and no second call when the list arrives.
    const talliesCalls = () => calls.filter((u) => u.pathname.endsWith('/tallies'));
    expect(talliesCalls().map((u) => u.searchParams.get('form'))).toEqual([null]);

    await userEvent.selectOptions(picker, INDEX_FORM.key);
    await screen.findByRole('heading', { name: 'Chỉ số hài lòng SIPAS' });
    expect(talliesCalls().at(-1)?.searchParams.get('form')).toBe(INDEX_FORM.key);

    const names = [...document.querySelectorAll('section[aria-labelledby="by-question"] .row-name')].map((e) => e.textContent);
    expect(names).toEqual(['Tổng quát từ API', 'Mục một', 'Mục hai']);
    expect(within(row('m1')).getByText('Yếu tố thử')).toBeTruthy(); // the factor under the item

    const index = screen.getByRole('table', { name: 'Chỉ số hài lòng SIPAS theo khía cạnh và yếu tố' });
    const rows = within(index)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.children].map((c, i) => (i === 0 ? c.textContent : c.textContent?.replace(/\s/g, ''))));
    expect(rows).toEqual([
      ['Chỉ số SIPAS chung', '80,0%', '9'],
      ['Khía cạnh thử', '70,0%', '9'],
      ['Yếu tố thử', '67,5%', '9'],
    ]);
  });

  it('says so when the tallies cannot be read', async () => {
    stubApi((url) => (url.pathname.endsWith('/forms') ? { forms: [DESK_FORM] } : undefined));
    renderToday();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Không có.'));
  });
});

describe('TodayPage by channel', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Every channel's counts on every answer (the API's `total.channels`); with `channel`, that channel's figures. */
  function serveChannels() {
    const counts = { zalo: 3, web: 2, kiosk: 4, paper: 1, enumerator: 0 };
    return stubApi((url) => {
      if (url.pathname === '/api/units/u1/forms') return { forms: [DESK_FORM] };
      if (url.pathname !== '/api/units/u1/tallies') return undefined;
      const channel = url.searchParams.get('channel');
      const r = tallies(DESK_FORM);
      const total = channel === 'kiosk' ? shares({ '5': 1, '4': 1, '3': 0, '2': 1, '1': 1 }) : { ...r.total, responses: 10 };
      return { ...r, channel, total: { ...total, channels: counts } };
    });
  }

  const chip = (name: RegExp) => screen.getByRole('button', { name });
  const tile = (id: string) => document.querySelector(`[data-stat="${id}"] .stat-value`)?.textContent;

  it("shows the responses of each channel with the backend's labels, and filters the figures by channel", async () => {
    const calls = serveChannels();
    renderToday();
    await screen.findByRole('heading', { name: 'Theo tiêu chí' });
    const group = screen.getByRole('group', { name: 'Kênh tiếp nhận' });
    const labels = within(group)
      .getAllByRole('button')
      .map((b) => [b.querySelector('.channel-chip-label')?.textContent, b.querySelector('.channel-chip-count')?.textContent, b.getAttribute('aria-pressed')]);
    expect(labels).toEqual([
      ['Tất cả kênh', '10', 'true'],
      [CHANNEL_LABELS.zalo, '3', 'false'],
      [CHANNEL_LABELS.web, '2', 'false'],
      [CHANNEL_LABELS.kiosk, '4', 'false'],
      [CHANNEL_LABELS.paper, '1', 'false'],
      [CHANNEL_LABELS.enumerator, '0', 'false'],
    ]);
    const talliesCalls = () => calls.filter((u) => u.pathname.endsWith('/tallies'));
    expect(talliesCalls().map((u) => u.searchParams.has('channel'))).toEqual([false]);
    expect(tile('total')).toBe('10');

    await userEvent.click(chip(/^Kiosk tại Bộ phận một cửa/));
    await waitFor(() => expect(tile('total')).toBe('4'));
    expect(talliesCalls().at(-1)?.searchParams.get('channel')).toBe('kiosk');
    expect(chip(/^Kiosk tại Bộ phận một cửa/).getAttribute('aria-pressed')).toBe('true');
    expect(chip(/^Tất cả kênh/).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('Số liệu dưới đây chỉ tính phiếu qua kênh “Kiosk tại Bộ phận một cửa”.')).toBeTruthy();
    // Still every channel's counts on the buttons.
    expect(chip(/^Zalo \(Mini App\)/).textContent).toBe(`${CHANNEL_LABELS.zalo}3`);

    await userEvent.click(chip(/^Tất cả kênh/));
    await waitFor(() => expect(tile('total')).toBe('10'));
    expect(talliesCalls().at(-1)?.searchParams.has('channel')).toBe(false);
    expect(screen.queryByText(/chỉ tính phiếu qua kênh/)).toBeNull();
  });
});
