import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncOp } from '../../../services/api/campaigns.ts';
import { postSync } from '../../../services/api/campaigns.ts';
import { enumeratorServices } from '../../../services/offline/enumerator-instance.ts';
import { pendingOps } from '../../../services/offline/enumerator-store.ts';
import { startSession, type StaffSession } from '../../../state/staff-session.ts';
import { dayFixture, op } from '../../../test-support/enumerator-fixture.ts';
import { memoryStorage } from '../../../test-support/memory-storage.ts';
import { json, stubFetch, type StubRequest } from '../report-fixtures.tsx';
import { EnumeratorApp } from './index.tsx';

// jsdom lacks Element.scrollTo; zmp-ui's Page calls it on mount.
window.HTMLElement.prototype.scrollTo ??= function scrollTo() {};

const SESSION: StaffSession = { token: 'tok', role: 'enumerator', unitId: 'post-office', username: 'dtv1', expiresAt: '2099-01-01T00:00:00.000Z' };
const DAY = dayFixture();
const REJECTED = 'Ngoài thời gian khảo sát (thử).';

let online = true;
let syncAnswer: (ops: SyncOp[]) => Response = (ops) => json({ results: ops.map((o) => ({ opId: o.opId, status: 'stored' })) });
let calls: StubRequest[] = [];

beforeEach(() => {
  online = true;
  syncAnswer = (ops) => json({ results: ops.map((o) => ({ opId: o.opId, status: 'stored' })) });
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  startSession(SESSION);
  calls = stubFetch((req) => {
    if (!online) throw new TypeError('Failed to fetch');
    const path = req.url.pathname;
    if (path === '/api/enumerator/assignments') return json({ assignments: [{ campaign: DAY.campaign, units: DAY.units.map((u) => ({ id: u.unitId, code: u.code, name: u.name })) }] });
    if (path === '/api/enumerator/campaigns/c1/day') return json(DAY);
    if (path === '/api/enumerator/campaigns/c1/sync' && req.method === 'POST') return syncAnswer((JSON.parse(req.body ?? '{}') as { ops: SyncOp[] }).ops);
    return undefined;
  });
});
afterEach(() => vi.unstubAllGlobals());

const syncCalls = () => calls.filter((c) => c.url.pathname.endsWith('/sync')).map((c) => JSON.parse(c.body ?? '{}') as { deviceId: string; ops: SyncOp[] });
const row = (entryId: string) => document.querySelector<HTMLElement>(`[data-entry="${entryId}"]`)!;

function renderApp(storage = memoryStorage(), at = '/staff/enumerator') {
  const services = enumeratorServices(SESSION.username, storage, postSync);
  render(
    <MemoryRouter initialEntries={[at]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <EnumeratorApp session={SESSION} services={services} />
    </MemoryRouter>,
  );
  return { storage, services };
}

/** The day downloaded from the assignments screen. */
async function downloaded(storage = memoryStorage()) {
  const user = userEvent.setup();
  const app = renderApp(storage);
  await user.click(await screen.findByRole('button', { name: 'Tải danh sách về máy' }));
  await screen.findByRole('heading', { level: 1, name: DAY.campaign.name });
  return { user, ...app };
}

describe('the enumerator’s day', () => {
  it('shows only the enumerator’s tab and the assignments, and downloads the day onto the device', async () => {
    const { storage } = await downloaded();
    const nav = screen.getByRole('navigation', { name: 'Các màn hình' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Khảo sát hôm nay']);
    expect([...storage.data.keys()].some((k) => k.includes('dtv1.campaign.c1'))).toBe(true);
    // Unit A first: its groups in the campaign's order, each with its quota.
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Tư pháp (thử) · Người dân (thử)',
      'Lao động (thử) · Người dân (thử)',
      'Lao động (thử) · Doanh nghiệp (thử)',
    ]);
    expect(screen.getByText('Chưa có danh sách người được khảo sát cho nhóm này.')).toBeTruthy();
    expect(within(row('a-o1')).getByText('Người tiếp theo')).toBeTruthy();
    expect(row('a-o2').textContent).not.toContain('Người tiếp theo');
    // Reserve entries are not offered while the officials can fill the quota.
    expect(row('a-r1')).toBeNull();
    expect(screen.getByText(/Còn 2 người trong danh sách dự phòng/)).toBeTruthy();
  });

  it('keeps an interview made offline on the device, without the name, and counts it as unsent', async () => {
    const { user, storage, services } = await downloaded();
    online = false;
    await user.click(within(row('a-o1')).getByRole('link', { name: 'Phỏng vấn' }));
    await screen.findByRole('heading', { level: 1, name: 'Người a-o1' });
    await user.click(screen.getByRole('button', { name: 'Lưu phiếu' }));
    expect(screen.getByText(`Còn ${DAY.form.questions.length} câu bắt buộc chưa chọn mức đánh giá.`).getAttribute('role')).toBe('alert');
    for (const q of DAY.form.questions) await user.click(within(document.getElementById(`q-${q.key}`)!).getByRole('radio', { name: 'Hài lòng' }));
    await user.click(screen.getByRole('button', { name: 'Lưu phiếu' }));

    await screen.findByText('Đã lưu phiếu của Người a-o1 trên máy.');
    expect(document.querySelector('.enum-unsent')?.textContent).toBe('1 phiếu chưa gửi');
    expect(within(row('a-o1')).getByText('Đã phỏng vấn')).toBeTruthy();
    expect(within(row('a-o2')).getByText('Người tiếp theo')).toBeTruthy();
    const [kept] = pendingOps(await services.store.record('c1'));
    expect(kept).toMatchObject({ kind: 'response', entryId: 'a-o1', answers: Object.fromEntries(DAY.form.questions.map((q) => [q.key, 4])) });
    expect(kept!.opId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const stored = [...storage.data.entries()].find(([k]) => k.endsWith('campaign.c1'))![1];
    expect(JSON.parse(stored).ops[0].op).not.toHaveProperty('name');
    expect(JSON.stringify(JSON.parse(stored).ops)).not.toContain('Người a-o1');
    expect(syncCalls()).toEqual([]);
  });

  it('asks before marking a refusal, then offers the next reserve entry of the same group', async () => {
    const { user, services } = await downloaded();
    online = false;
    await user.click(within(row('a-o1')).getByRole('button', { name: 'Từ chối' }));
    await user.click(within(row('a-o1')).getByRole('button', { name: 'Không' }));
    expect((await services.store.record('c1')).ops).toEqual([]);

    await user.click(within(row('a-o1')).getByRole('button', { name: 'Không liên lạc được' }));
    await user.click(within(row('a-o1')).getByRole('button', { name: 'Có, ghi không liên lạc được' }));
    const offer = await screen.findByText(/Người dự phòng tiếp theo/);
    expect(offer.textContent).toContain('Người a-r1');
    expect(within(row('a-o1')).getByText('Không liên lạc được')).toBeTruthy();
    expect(within(row('a-r1')).getByText('Dự phòng thay thế')).toBeTruthy();
    expect(document.querySelector('.enum-unsent')?.textContent).toBe('0 phiếu chưa gửi · 1 thay đổi danh sách chưa gửi');
    await user.click(screen.getByRole('link', { name: 'Phỏng vấn Người a-r1' }));
    await screen.findByRole('heading', { level: 1, name: 'Người a-r1' });
    expect(screen.getByText(/Dự phòng 1/)).toBeTruthy();
  });

  it('sends what is kept when it opens online: acknowledged ops go, a rejected one stays with its message and is not sent again', async () => {
    const storage = memoryStorage();
    const { store } = enumeratorServices(SESSION.username, storage, postSync);
    await store.saveDay('c1', DAY);
    const ops = [op('response', 'a-o1'), op('refused', 'a-o2'), op('response', 'a-o3')];
    for (const o of ops) await store.addOp('c1', o);
    syncAnswer = (sent) =>
      json({ results: sent.map((o) => (o.entryId === 'a-o3' ? { opId: o.opId, status: 'rejected', error: { code: 'outside_window', message: REJECTED } } : { opId: o.opId, status: 'already' })) });

    renderApp(storage, '/staff/enumerator/c1');
    await screen.findByText('1 mục bị từ chối');
    expect(screen.getByText(REJECTED)).toBeTruthy();
    expect(document.querySelector('.enum-unsent')?.textContent).toBe('Đã gửi hết dữ liệu');
    expect(syncCalls()).toHaveLength(1);
    expect(syncCalls()[0]!.ops.map((o) => o.opId)).toEqual(ops.map((o) => o.opId));
    expect(within(row('a-o1')).getByText('Đã phỏng vấn')).toBeTruthy();
    expect(within(row('a-o2')).getByText('Từ chối')).toBeTruthy();

    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Gửi dữ liệu' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Xoá khỏi máy' }));
    await user.click(screen.getByRole('button', { name: 'Có, xoá khỏi máy' }));
    await waitFor(() => expect(screen.queryByText(REJECTED)).toBeNull());
    expect(syncCalls()).toHaveLength(1);
  });

  it('keeps everything when the server fails, survives a reload, and sends it with the same opIds later', async () => {
    const storage = memoryStorage();
    const { store } = enumeratorServices(SESSION.username, storage, postSync);
    await store.saveDay('c1', DAY);
    const ops = [op('response', 'a-o1'), op('response', 'a-o2')];
    for (const o of ops) await store.addOp('c1', o);
    syncAnswer = () => json({ error: { code: 'internal', message: 'Lỗi (thử).' } }, 503);

    renderApp(storage, '/staff/enumerator/c1');
    await screen.findByText(/Chưa gửi được/);
    expect(document.querySelector('.enum-unsent')?.textContent).toBe('2 phiếu chưa gửi');

    // A reload: a new page on the same storage, still failing, then the server answers.
    cleanup();
    online = false;
    renderApp(storage, '/staff/enumerator/c1');
    await screen.findByText('2 phiếu chưa gửi');
    syncAnswer = (sent) => json({ results: sent.map((o) => ({ opId: o.opId, status: 'stored' })) });
    online = true;
    window.dispatchEvent(new Event('online'));
    await screen.findByText('Đã gửi hết dữ liệu');
    const sent = syncCalls().map((b) => b.ops.map((o) => o.opId));
    expect(sent.at(-1)).toEqual(ops.map((o) => o.opId));
    expect(new Set(syncCalls().map((b) => b.deviceId)).size).toBe(1);
  });

  it('works from the kept assignments and day when the network is off', async () => {
    const storage = memoryStorage();
    await downloaded(storage);
    cleanup();
    online = false;
    const user = userEvent.setup();
    renderApp(storage);
    await screen.findByText(/Không có mạng: đây là danh sách đã lưu trên máy/);
    await user.click(screen.getByRole('button', { name: 'Mở danh sách' }));
    await screen.findByRole('heading', { level: 1, name: DAY.campaign.name });
    await user.selectOptions(screen.getByLabelText('Đơn vị'), 'ub');
    expect(within(row('b-o1')).getByText('Người tiếp theo')).toBeTruthy();
  });
});
