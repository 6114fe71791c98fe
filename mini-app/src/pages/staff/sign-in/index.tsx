import { useState, type FormEvent } from 'react';
import { Page } from 'zmp-ui';
import { signIn, StaffApiError } from '../../../services/staff-api.ts';
import { startSession, takeEndedReason } from '../../../state/staff-session.ts';

/** Username and password; the server slows repeated wrong passwords (429) and says so. */
export function SignInPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice] = useState(() => takeEndedReason());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError('Vui lòng nhập tên đăng nhập và mật khẩu.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await signIn(username.trim(), password);
      startSession({ token: r.token, role: r.role, unitId: r.unitId, username: r.username, expiresAt: r.expiresAt });
    } catch (err) {
      setError(err instanceof StaffApiError ? err.message : 'Đăng nhập không thành công.');
      setBusy(false);
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
            <button type="submit" className="staff-btn staff-btn-primary staff-btn-block" disabled={busy}>
              {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
            </button>
          </form>
          <p className="staff-muted staff-small">Phiên đăng nhập tự hết hạn; trên máy dùng chung, hãy bấm “Đăng xuất” khi xong việc.</p>
        </div>
      </main>
    </Page>
  );
}
