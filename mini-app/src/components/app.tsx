import { Route, useLocation } from 'react-router-dom';
import { AnimationRoutes, App, SnackbarProvider, ZMPRouter } from 'zmp-ui';
import { RatePage } from '../pages/rate/index.tsx';
import { isInsideZalo } from '../services/zalo/env.ts';
import { StaffEntry } from './staff/staff-entry.tsx';
import { StaffHashSync } from './staff/staff-hash-sync.tsx';

/** Staff screens (/staff/…, lazy) keep their own routes outside AnimationRoutes, which remounts per path. */
function Screens() {
  const { pathname } = useLocation();
  if (pathname.startsWith('/staff')) return <StaffEntry />;
  return (
    <AnimationRoutes>
      <Route path="/" element={<RatePage />} />
      <Route path="*" element={<RatePage />} />
    </AnimationRoutes>
  );
}

/**
 * Providers stacked once, as in Zalo's templates: App > SnackbarProvider > ZMPRouter.
 * Outside Zalo (web link, kiosk, tests) the router must be a memory router: the browser router's
 * base path is /zapps/<APP_ID> in production builds and nothing would render at /app/.
 */
export function MyApp() {
  return (
    <App>
      <SnackbarProvider>
        <ZMPRouter memoryRouter={!isInsideZalo()}>
          <StaffHashSync />
          <Screens />
        </ZMPRouter>
      </SnackbarProvider>
    </App>
  );
}
