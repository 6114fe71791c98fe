import { Hono } from 'hono';
import { findUnitById, listUnits, listUnitsWithin } from '../../db/units.repository.ts';
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
      // A supervisor: their whole subtree in one query; a clerk or chairman: their own unit.
      const own = async (unitId: string) => {
        const unit = await findUnitById(deps.db.kysely, unitId);
        return unit ? [unit] : [];
      };
      const units =
        p.kind !== 'staff'
          ? await listUnits(deps.db.kysely)
          : p.staff.role === 'supervisor'
            ? await listUnitsWithin(deps.db.kysely, p.staff.unitId)
            : p.staff.role === 'enumerator'
              ? [] // their units come with their assignments (/api/enumerator/assignments)
              : await own(p.staff.unitId);
      return c.json({ units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId, showOfficerNames: u.showOfficerNames })) });
    });
}
