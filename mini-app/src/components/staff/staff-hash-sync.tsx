import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { isInsideZalo } from '../../services/zalo/env.ts';

/**
 * Outside Zalo the router is a memory router (TOOLCHAIN.md), so the address bar never changes by
 * itself. Staff screens live at /app/#/staff/…: this opens the screen the hash names (with its
 * query, e.g. ?unit=…&alert=…), and keeps the hash in step so a reload or a bookmark lands on the same screen. Tiny on purpose: it ships in the
 * citizen's bundle, the staff screens themselves do not.
 */
export function StaffHashSync() {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const started = useRef(false);

  useEffect(() => {
    if (started.current || isInsideZalo()) return;
    started.current = true;
    const hash = window.location.hash;
    if (hash.startsWith('#/staff')) navigate(hash.slice(1), { replace: true });
  }, [navigate]);

  // The query stays in the hash (#/staff/alerts?unit=…&alert=…, the form of the links in Zalo
  // alerts), so a reload keeps the unit and the highlighted alert.
  useEffect(() => {
    if (isInsideZalo() || !started.current) return;
    const target = `#${pathname}${search}`;
    if (pathname.startsWith('/staff') && window.location.hash !== target) {
      window.history.replaceState(window.history.state, '', target);
    }
  }, [pathname, search]);

  return null;
}
