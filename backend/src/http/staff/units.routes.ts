import { Hono } from 'hono';
import { listUnits, unitSubtreeIds } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import type { AuthEnv } from '../middleware/auth.ts';

/** GET /api/units: the units this sign-in may open (the screens' unit picker); GET …/:unitId/staff: who may own a case. */
export function unitsRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .get('/:unitId/staff', async (c) => {
      const rows = await deps.db.kysely.selectFrom('staff').select(['id', 'username', 'role']).where('unit_id', '=', c.req.param('unitId')).where('active', '=', 1).orderBy('role').orderBy('username').execute();
      return c.json({ staff: rows });
    })
    .get('/', async (c) => {
    const p = c.get('principal');
    const all = await listUnits(deps.db.kysely);
    let visible = all;
    if (p.kind === 'staff') {
      const reach = p.staff.role === 'supervisor' ? await unitSubtreeIds(deps.db.kysely, p.staff.unitId) : new Set([p.staff.unitId]);
      visible = all.filter((u) => reach.has(u.id));
    }
    return c.json({ units: visible.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId, showOfficerNames: u.showOfficerNames })) });
    });
}
