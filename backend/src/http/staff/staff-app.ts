import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { staffAuth, type AuthEnv } from '../middleware/auth.ts';
import { unitScope } from '../middleware/unit-scope.ts';
import { alertsRoutes } from './alerts.routes.ts';
import { campaignsRoutes } from './campaigns.routes.ts';
import { casesRoutes } from './cases.routes.ts';
import { commentsRoutes } from './comments.routes.ts';
import { comparisonRoutes } from './comparison.routes.ts';
import { coverageRoutes } from './coverage.routes.ts';
import { paperRoutes } from './paper.routes.ts';
import { reportsRoutes } from './reports.routes.ts';
import { talliesRoutes } from './tallies.routes.ts';
import { ticketsRoutes } from './tickets.routes.ts';
import { dossierListRoutes } from './dossier-list.routes.ts';
import { trendsRoutes } from './trends.routes.ts';
import { unitsRoutes } from './units.routes.ts';

/**
 * Everything under /api/units: the staff screens' API. Sign-in and the unit's scope are checked
 * once here, for every child router (before, each router checked them itself, so a request could
 * meet staffAuth twice and read its session and unit twice).
 */
export function staffApp(deps: Deps) {
  return new Hono<AuthEnv>()
    .use(staffAuth(deps))
    .use('/:unitId/*', unitScope(deps))
    .route('/', unitsRoutes(deps))
    .route('/', talliesRoutes(deps))
    .route('/', trendsRoutes(deps))
    .route('/', commentsRoutes(deps))
    .route('/', alertsRoutes(deps))
    .route('/', casesRoutes(deps))
    .route('/', coverageRoutes(deps))
    .route('/', reportsRoutes(deps))
    .route('/', paperRoutes(deps))
    .route('/', ticketsRoutes(deps))
    .route('/', dossierListRoutes(deps))
    .route('/', campaignsRoutes(deps))
    .route('/', comparisonRoutes(deps));
}
