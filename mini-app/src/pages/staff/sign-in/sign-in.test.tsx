import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, getSession } from '../../../state/staff-session.ts';
import { SignInPage, ZALO_TOKEN_MISSING } from './index.tsx';

// jsdom lacks Element.scrollTo; zmp-ui's Page calls it on mount.
window.HTMLElement.prototype.scrollTo ??= function scrollTo() {};

// The Zalo environment and the zmp-sdk wrapper are mocked: jsdom is never inside Zalo.
const zalo = vi.hoisted(() => ({ inside: false, token: 'zalo-user-token' as string | undefined }));
vi.mock('../../../services/zalo/env.ts', () => ({ isInsideZalo: () => zalo.inside }));
vi.mock('../../../services/zalo/auth.ts', () => ({ getZaloAccessToken: vi.fn(async () => zalo.token) }));

const NOT_LINKED = 'Tài khoản Zalo này chưa được liên kết với tài khoản cán bộ nào. Vui lòng đăng nhập bằng tên đăng nhập và mật khẩu.';
const SESSION = { token: 'session-token', role: 'chairman', unitId: 'unit-1', username: 'chair-xa-a', expiresAt: '2099-01-01T00:00:00.000Z' };

type Call = { url: string; body: unknown; headers: Headers };

function stubServer(answer: { status: number; body: unknown }): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      calls.push({ url, body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null, headers: new Headers(input instanceof Request ? input.headers : init?.headers) });
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

/** zmp-ui's Page reads the router's location. */
const renderPage = () =>
  render(
    <MemoryRouter initialEntries={['/staff/today']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <SignInPage />
    </MemoryRouter>,
  );

const zaloButton = () => screen.queryByRole('button', { name: 'Đăng nhập bằng Zalo' });

describe('SignInPage', () => {
  beforeEach(() => {
    zalo.inside = false;
    zalo.token = 'zalo-user-token';
    endSession();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('outside Zalo: username and password only, no Zalo button', () => {
    renderPage();
    expect(zaloButton()).toBeNull();
    expect(screen.getByLabelText('Tên đăng nhập')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Đăng nhập' }).className).toContain('staff-btn-primary');
  });

  it('inside Zalo: "Đăng nhập bằng Zalo" first as the primary button, the password form below it', () => {
    zalo.inside = true;
    renderPage();
    const button = zaloButton();
    expect(button).not.toBeNull();
    expect(button!.className).toContain('staff-btn-primary');
    const username = screen.getByLabelText('Tên đăng nhập');
    expect(button!.compareDocumentPosition(username) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Đăng nhập' }).className).not.toContain('staff-btn-primary');
  });

  it('a linked Zalo account signs in: the token from zmp-sdk goes to /api/auth/zalo-login and the session is stored', async () => {
    zalo.inside = true;
    const calls = stubServer({ status: 200, body: SESSION });
    const user = userEvent.setup();
    renderPage();
    await user.click(zaloButton()!);
    await vi.waitFor(() => expect(getSession()).toEqual(SESSION));
    expect(calls).toHaveLength(1);
    expect(new URL(calls[0]!.url).pathname).toBe('/api/auth/zalo-login');
    expect(calls[0]!.body).toEqual({ zaloAccessToken: 'zalo-user-token' });
    expect(JSON.parse(localStorage.getItem('hailong.staff.session.v1') ?? 'null')).toEqual(SESSION);
  });

  it('in a browser: asks for the HttpOnly cookie session and keeps no token on the device', async () => {
    const calls = stubServer({ status: 200, body: SESSION });
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'chair-xa-a');
    await user.type(screen.getByLabelText('Mật khẩu'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await vi.waitFor(() => expect(getSession()).toEqual({ ...SESSION, token: null }));
    expect(new URL(calls[0]!.url).pathname).toBe('/api/auth/login');
    expect(calls[0]!.headers.get('x-session-cookie')).toBe('1');
    expect(localStorage.getItem('hailong.staff.session.v1')).not.toContain('session-token');
  });

  it('401 (not linked) shows the server\'s Vietnamese message and stores no session', async () => {
    zalo.inside = true;
    stubServer({ status: 401, body: { error: { code: 'unauthorized', message: NOT_LINKED } } });
    const user = userEvent.setup();
    renderPage();
    await user.click(zaloButton()!);
    expect((await screen.findByRole('alert')).textContent).toBe(NOT_LINKED);
    expect(getSession()).toBeNull();
    expect(zaloButton()!.hasAttribute('disabled')).toBe(false); // they can try again or use the password
  });

  it('Zalo gives no token in time: a Vietnamese message, no request to the server', async () => {
    zalo.inside = true;
    zalo.token = undefined;
    const calls = stubServer({ status: 200, body: SESSION });
    const user = userEvent.setup();
    renderPage();
    await user.click(zaloButton()!);
    expect((await screen.findByRole('alert')).textContent).toBe(ZALO_TOKEN_MISSING);
    expect(calls).toHaveLength(0);
    expect(getSession()).toBeNull();
  });
});
