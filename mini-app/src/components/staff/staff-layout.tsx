import type { ReactNode } from 'react';
import { useContext, useEffect, useState } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { Page } from 'zmp-ui';
import { signOut } from '../../services/api/staff.ts';
import { formatDay, ROLE_LABELS, vietnamToday } from '../../services/format/staff.ts';
import type { StaffSession } from '../../state/staff-session.ts';
import { StaffUnitContext } from '../../state/staff-unit.ts';
import { ComparisonReturnBar } from './comparison-return-bar.tsx';

const TABS = [
  { to: '/staff/today', label: 'Hôm nay' },
  { to: '/staff/trends', label: 'Xu hướng' },
  { to: '/staff/comments', label: 'Góp ý' },
  { to: '/staff/alerts', label: 'Cảnh báo' },
  { to: '/staff/reports', label: 'Báo cáo' },
  { to: '/staff/coverage', label: 'Số hồ sơ' },
  { to: '/staff/paper', label: 'Phiếu giấy' },
  { to: '/staff/tickets', label: 'QR hồ sơ' },
  { to: '/staff/campaigns', label: 'Đợt khảo sát' },
] as const;

/** An enumerator (điều tra viên) sees only their own screens. */
const ENUMERATOR_TABS = [{ to: '/staff/enumerator', label: 'Khảo sát hôm nay' }] as const;

/** A supervisor compares the units below them (issue 29). */
const SUPERVISOR_TABS = [{ to: '/staff/comparison', label: 'So sánh đơn vị' }] as const;

type Tab = { readonly to: string; readonly label: string };

/** What a role opens most: on a phone these stay in the bar, the rest behind "Thêm". */
const PRIMARY: Record<string, readonly string[]> = {
  supervisor: ['/staff/today', '/staff/comparison', '/staff/alerts'],
  default: ['/staff/today', '/staff/alerts', '/staff/comments'],
};

function tabsFor(role: string): readonly Tab[] {
  if (role === 'enumerator') return ENUMERATOR_TABS;
  return role === 'supervisor' ? [...TABS, ...SUPERVISOR_TABS] : TABS;
}

/**
 * The screens. A desk PC shows them all in a row; a phone shows three and "Thêm" (ten tabs in a
 * four-column grid were three rows of a sticky bar, a fifth of a 360 px screen). The "Thêm" cell
 * names the screen open behind it, so the bar always says where one is.
 */
function StaffTabs({ role }: { readonly role: string }) {
  const tabs = tabsFor(role);
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  const primary = PRIMARY[role] ?? PRIMARY['default']!;
  const hasMore = tabs.length > 4;
  const isPrimary = (t: Tab) => !hasMore || primary.includes(t.to);
  const activeSecondary = tabs.find((t) => !isPrimary(t) && pathname.startsWith(t.to));
  return (
    <nav className={`staff-tabs${open ? ' is-open' : ''}`} aria-label="Các màn hình">
      {tabs.map((t) => (
        <NavLink key={t.to} to={t.to} className={({ isActive }) => `staff-tab${isActive ? ' is-active' : ''}${isPrimary(t) ? '' : ' is-secondary'}`}>
          {t.label}
        </NavLink>
      ))}
      {hasMore && (
        <button type="button" className={`staff-tab staff-tab-more${activeSecondary ? ' is-active' : ''}`} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Thu gọn ▴' : `${activeSecondary?.label ?? 'Thêm'} ▾`}
        </button>
      )}
    </nav>
  );
}

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
      {(unitState || session.role === 'enumerator') && <StaffTabs role={session.role} />}
      {/* On paper the header and tabs are left out: this line says whose figures they are. */}
      <p className="print-only staff-print-head">
        Hài Lòng · {unitState?.unit.name ?? ''} · in ngày {formatDay(vietnamToday())}
      </p>
      <main className="staff-main">
        <ComparisonReturnBar />
        {children}
      </main>
    </Page>
  );
}
