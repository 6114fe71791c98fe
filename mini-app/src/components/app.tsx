import { Route } from 'react-router-dom';
import { AnimationRoutes, App, SnackbarProvider, ZMPRouter } from 'zmp-ui';
import { RatePage } from '../pages/rate/index.tsx';
import { isInsideZalo } from '../services/zalo-env.ts';

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
          <AnimationRoutes>
            <Route path="/" element={<RatePage />} />
            <Route path="*" element={<RatePage />} />
          </AnimationRoutes>
        </ZMPRouter>
      </SnackbarProvider>
    </App>
  );
}
