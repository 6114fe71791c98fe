import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CampaignProgress, CampaignSummary, ProgressRow } from '../../../services/api/campaigns.ts';
import { startSession } from '../../../state/staff-session.ts';
import { json, StaffHarness, stubFetch } from '../report-fixtures.tsx';
import { CampaignsPage } from './index.tsx';

/*
 * The progress screen against the API's figures, which on purpose do not add up the way a screen
 * computing them itself would (the screen shows what the server says, and sums only refusals).
 */
const CAMPAIGNS: CampaignSummary[] = [
  { id: 'c-old', name: 'Đợt cũ (thử)', formKey: 'phieu', formVersion: 1, opensOn: '2025-10-26', closesOn: '2025-11-05', status: 'closed', rootUnitId: 'u1' },
  { id: 'c1', name: 'Đợt đang mở (thử)', formKey: 'phieu', formVersion: 2, opensOn: '2026-03-01', closesOn: '2026-03-31', status: 'open', rootUnitId: 'u1' },
];

const row = (fieldKey: string, fieldName: string, kind: string, kindLabel: string, n: Partial<ProgressRow> = {}): ProgressRow => ({
  fieldKey,
  fieldName,
  respondentKind: kind,
  respondentKindLabel: kindLabel,
  official: 20,
  reserve: 20,
  officialDone: 10,
  reserveUsed: 2,
  done: 12,
  missing: 8,
  refused: 1,
  unreachable: 1,
  listed: { official: 20, reserve: 20 },
  ...n,
});

const PROGRESS: CampaignProgress = {
  campaignId: 'c1',
  name: 'Đợt đang mở (thử)',
  opensOn: '2026-03-01',
  closesOn: '2026-03-31',
  status: 'open',
  units: [
    {
      unitId: 'xa-a',
      code: 'xa-a',
      name: 'Xã A (thử)',
      rows: [
        row('tp', 'Tư pháp (thử)', 'citizen', 'Người dân (thử)'),
        row('ld', 'Lao động (thử)', 'business', 'Doanh nghiệp (thử)', { official: 5, reserve: 5, officialDone: 5, reserveUsed: 0, done: 5, missing: 0, refused: 0, unreachable: 2 }),
      ],
      total: { official: 25, done: 17, missing: 8, reserveUsed: 2 },
    },
    { unitId: 'xa-b', code: 'xa-b', name: 'Xã B (thử)', rows: [row('tp', 'Tư pháp (thử)', 'citizen', 'Người dân (thử)', { refused: 3 })], total: { official: 20, done: 12, missing: 8, reserveUsed: 2 } },
  ],
  total: { official: 45, done: 29, missing: 16, reserveUsed: 4 },
};

beforeEach(() => startSession({ token: 'tok', role: 'supervisor', unitId: 'u1', username: 'nv', expiresAt: '2099-01-01T00:00:00.000Z' }));
afterEach(() => vi.unstubAllGlobals());

function serve(progress = PROGRESS) {
  return stubFetch((req) => {
    const path = req.url.pathname;
    if (path === '/api/units/u1/forms') return json({ forms: [] });
    if (path === '/api/units/u1/campaigns') return json({ campaigns: CAMPAIGNS });
    if (path === `/api/campaigns/${progress.campaignId}/progress`) return json(progress);
    if (path === '/api/campaigns/c-old/progress') return json({ ...progress, campaignId: 'c-old', name: 'Đợt cũ (thử)', units: [], total: { official: 0, done: 0, missing: 0, reserveUsed: 0 } });
    return undefined;
  });
}

const cells = (tr: HTMLElement) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim());

describe('the campaign progress screen', () => {
  it('opens the open campaign and shows every unit, field and kind with the unit totals and the campaign total', async () => {
    serve();
    render(
      <StaffHarness at="/staff/campaigns">
        <CampaignsPage />
      </StaffHarness>,
    );
    await screen.findByRole('heading', { level: 2, name: 'Đợt đang mở (thử)' });
    const table = screen.getByRole('table', { name: 'Tiến độ theo đơn vị, lĩnh vực và đối tượng' });
    expect([...table.querySelectorAll('thead th')].map((h) => h.textContent)).toEqual([
      'Lĩnh vực · đối tượng',
      'Chính thức',
      'Đã khảo sát',
      'Dự phòng đã dùng',
      'Còn thiếu',
      'Từ chối',
      'Không liên lạc được',
    ]);
    const rows = within(table).getAllByRole('row').slice(1).map(cells);
    expect(rows).toEqual([
      ['Xã A (thử)'],
      ['Tư pháp (thử)Người dân (thử)', '20', '12', '2/20', '8', '1', '1'],
      ['Lao động (thử)Doanh nghiệp (thử)', '5', '5', '0/5', '0', '0', '2'],
      ['Cộng Xã A (thử)', '25', '17', '2/25', '8', '1', '3'],
      ['Xã B (thử)'],
      ['Tư pháp (thử)Người dân (thử)', '20', '12', '2/20', '8', '3', '1'],
      ['Cộng Xã B (thử)', '20', '12', '2/20', '8', '3', '1'],
      ['Tổng cộng', '45', '29', '4/45', '16', '4', '4'],
    ]);
    expect(screen.getByText(/Đã khảo sát/, { selector: '.campaigns-summary p' }).textContent).toBe('Đã khảo sát 29/45 phiếu');
  });

  it('switches campaign from the picker', async () => {
    const calls = serve();
    const user = userEvent.setup();
    render(
      <StaffHarness at="/staff/campaigns">
        <CampaignsPage />
      </StaffHarness>,
    );
    await screen.findByRole('heading', { level: 2, name: 'Đợt đang mở (thử)' });
    await user.selectOptions(screen.getByLabelText('Đợt khảo sát'), 'c-old');
    await screen.findByRole('heading', { level: 2, name: 'Đợt cũ (thử)' });
    expect(calls.map((c) => c.url.pathname)).toContain('/api/campaigns/c-old/progress');
  });

  it('says so when no campaign includes the unit', async () => {
    stubFetch((req) => (req.url.pathname === '/api/units/u1/campaigns' ? json({ campaigns: [] }) : req.url.pathname === '/api/units/u1/forms' ? json({ forms: [] }) : undefined));
    render(
      <StaffHarness at="/staff/campaigns">
        <CampaignsPage />
      </StaffHarness>,
    );
    await screen.findByText(/Chưa có đợt khảo sát nào gồm UBND xã Thử/);
  });
});
