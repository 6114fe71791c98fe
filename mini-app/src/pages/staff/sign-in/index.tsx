import { useState, type FormEvent } from 'react';
import { Page } from 'zmp-ui';
import { signIn, signInWithZalo, StaffApiError, usesCookieSession, type LoginResult } from '../../../services/api/staff.ts';
import { getZaloAccessToken } from '../../../services/zalo/auth.ts';
import { isInsideZalo } from '../../../services/zalo/env.ts';
import { startSession, takeEndedReason } from '../../../state/staff-session.ts';
import './sign-in.css';

export const ZALO_TOKEN_MISSING = 'Không lấy được thông tin đăng nhập từ Zalo. Vui lòng thử lại hoặc đăng nhập bằng tên đăng nhập và mật khẩu.';

// A cookie session keeps no token on the device: the HttpOnly cookie carries it.
const start = (r: LoginResult, cookie = false) =>
  startSession({ token: cookie ? null : r.token, role: r.role, unitId: r.unitId, username: r.username, expiresAt: r.expiresAt });

/**
 * Inside Zalo: "Đăng nhập bằng Zalo" first (the staff account linked to this Zalo user), the
 * username and password below it. In a browser: username and password only. The server slows
 * repeated failures (429) and says so.
 */
export function SignInPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'zalo' | 'password' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice] = useState(() => takeEndedReason());
  const [inZalo] = useState(() => isInsideZalo());

  async function zaloSubmit() {
    setBusy('zalo');
    setError(null);
    try {
      const token = await getZaloAccessToken();
      if (!token) {
        setError(ZALO_TOKEN_MISSING);
        setBusy(null);
        return;
      }
      start(await signInWithZalo(token));
    } catch (err) {
      setError(err instanceof StaffApiError ? err.message : 'Đăng nhập bằng Zalo không thành công.');
      setBusy(null);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError('Vui lòng nhập tên đăng nhập và mật khẩu.');
      return;
    }
    setBusy('password');
    setError(null);
    try {
      start(await signIn(username.trim(), password), usesCookieSession());
    } catch (err) {
      setError(err instanceof StaffApiError ? err.message : 'Đăng nhập không thành công.');
      setBusy(null);
    }
  }

  return (
    <Page className="staff-page staff-signin-page">
      <main className="staff-signin">
        <div className="staff-signin-card">
          <p className="staff-logo staff-logo-big" aria-hidden="true">
            HL
          </p>
          <h1>Đăng nhập cán bộ</h1>
          <p className="staff-muted">Theo dõi kết quả đánh giá sự hài lòng tại Bộ phận tiếp nhận và trả kết quả.</p>
          {notice && (
            <p className="staff-notice" role="status">
              {notice}
            </p>
          )}
          {inZalo && (
            <>
              <button type="button" className="staff-btn staff-btn-primary staff-btn-block staff-zalo-btn" disabled={busy !== null} onClick={() => void zaloSubmit()}>
                {busy === 'zalo' ? 'Đang đăng nhập bằng Zalo…' : 'Đăng nhập bằng Zalo'}
              </button>
              <p className="staff-muted staff-small">Dùng tài khoản Zalo đã liên kết với tài khoản cán bộ.</p>
              <p className="staff-signin-or">hoặc đăng nhập bằng tên đăng nhập và mật khẩu</p>
            </>
          )}
          <form onSubmit={(e) => void submit(e)} noValidate>
            <label className="staff-field">
              <span>Tên đăng nhập</span>
              <input name="username" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} />
            </label>
            <label className="staff-field">
              <span>Mật khẩu</span>
              <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            {error && (
              <p className="staff-error-text" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className={`staff-btn${inZalo ? '' : ' staff-btn-primary'} staff-btn-block`} disabled={busy !== null}>
              {busy === 'password' ? 'Đang đăng nhập…' : 'Đăng nhập'}
            </button>
          </form>
          <p className="staff-muted staff-small">Phiên đăng nhập tự hết hạn; trên máy dùng chung, hãy bấm “Đăng xuất” khi xong việc.</p>
        </div>
      </main>
    </Page>
  );
}
