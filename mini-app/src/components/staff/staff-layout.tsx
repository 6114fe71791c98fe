import type { ReactNode } from 'react';
import { useContext } from 'react';
import { NavLink } from 'react-router-dom';
import { Page } from 'zmp-ui';
import { signOut } from '../../services/api/staff.ts';
import { formatDay, ROLE_LABELS, vietnamToday } from '../../services/format/staff.ts';
import type { StaffSession } from '../../state/staff-session.ts';
import { StaffUnitContext } from '../../state/staff-unit.ts';

const TABS = [
  { to: '/staff/today', label: 'Hôm nay' },
  { to: '/staff/trends', label: 'Xu hướng' },
  { to: '/staff/comments', label: 'Góp ý' },
  { to: '/staff/alerts', label: 'Cảnh báo' },
  { to: '/staff/reports', label: 'Báo cáo' },
  { to: '/staff/coverage', label: 'Số hồ sơ' },
  { to: '/staff/paper', label: 'Phiếu giấy' },
] as const;

/** Header (unit, who is signed in, the Zalo link, sign-out), the screen tabs, and the screen. */
export function StaffLayout({ session, children }: { readonly session: StaffSession; readonly children: ReactNode }) {
  const unitState = useContext(StaffUnitContext);
  return (
    <Page className="staff-page">
      <header className="staff-top">
        <div className="staff-brand">
          <span className="staff-logo" aria-hidden="true">
            HL
          </span>
          <div className="staff-brand-text">
            <p className="staff-app-name">Hài Lòng · Cán bộ</p>
            {unitState && unitState.units.length > 1 ? (
              <label className="staff-unit-pick">
                <span className="sr-only">Đơn vị</span>
                <select value={unitState.unit.id} onChange={(e) => unitState.setUnitId(e.target.value)}>
                  {unitState.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <p className="staff-unit-name">{unitState?.unit.name ?? ''}</p>
            )}
          </div>
        </div>
        <div className="staff-user">
          <span className="staff-user-name">
            {session.username}
            <span className="staff-user-role"> · {ROLE_LABELS[session.role] ?? session.role}</span>
          </span>
          {unitState && (
            <NavLink to="/staff/zalo" className={({ isActive }) => `staff-btn staff-btn-ghost staff-zalo-link${isActive ? ' is-active' : ''}`}>
              <span className="staff-zalo-long">{'Liên kết\u00a0'}</span>Zalo
            </NavLink>
          )}
          <button type="button" className="staff-btn staff-btn-ghost" onClick={() => void signOut()}>
            Đăng xuất
          </button>
        </div>
      </header>
      {unitState && (
        <nav className="staff-tabs" aria-label="Các màn hình">
          {TABS.map((t) => (
            <NavLink key={t.to} to={t.to} className={({ isActive }) => `staff-tab${isActive ? ' is-active' : ''}`}>
              {t.label}
            </NavLink>
          ))}
        </nav>
      )}
      {/* On paper the header and tabs are left out: this line says whose figures they are. */}
      <p className="print-only staff-print-head">
        Hài Lòng · {unitState?.unit.name ?? ''} · in ngày {formatDay(vietnamToday())}
      </p>
      <main className="staff-main">{children}</main>
    </Page>
  );
}
