import type { PointKind } from '../../domain/channels.ts';
import { Hono } from 'hono';
import { listUnits, setShowOfficerNames } from '../../db/units.repository.ts';
import { z } from 'zod';
import { findOfficer, listOfficers } from '../../db/officers.repository.ts';
import { findPoint, listPoints } from '../../db/points.repository.ts';
import { findStaffById, listStaff, setStaffActive } from '../../db/staff.repository.ts';
import {
  createOfficer,
  createPoint,
  createStaff,
  createUnit,
  pointLinks,
  requireUnit,
  rotatePointToken,
  setOfficerEnabled,
  setPointEnabled,
} from '../../services/setup.service.ts';
import type { Deps } from '../../deps.ts';
import { adminAuth, type AuthEnv } from '../middleware/auth.ts';
import { AppError } from '../../app-error.ts';
import { jsonBody, requireJson } from '../middleware/validation.ts';
import { formInputSchema } from '../../domain/form.ts';
import { findFormVersion, listForms } from '../../db/forms.repository.ts';
import { addFormVersion, replaceUnusedFormVersion } from '../../services/forms.service.ts';
import { formView } from '../../services/form-view.ts';
import { activeSchema, createOfficerSchema, createPointSchema, createStaffSchema, createUnitSchema } from './admin.schemas.ts';

export function adminRoutes(deps: Deps) {
  const withLinks = <P extends { tokenKey: string; kind: PointKind }>({ tokenKey, ...p }: P) => ({ ...p, ...pointLinks(deps.config, tokenKey, p.kind) });
  const notFound = (what: string) => new AppError('not_found', `${what} not found`);

  return new Hono<AuthEnv>()
    .use(adminAuth(deps))
    .post('/units', requireJson, jsonBody(createUnitSchema), async (c) => {
      const u = await createUnit(deps, c.req.valid('json'));
      return c.json({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId }, 201);
    })
    .get('/units', async (c) => c.json({ units: await listUnits(deps.db.kysely) }))
    .patch('/units/:unitId', requireJson, jsonBody(z.strictObject({ showOfficerNames: z.boolean() })), async (c) => {
      const unit = await requireUnit(deps, c.req.param('unitId'));
      await setShowOfficerNames(deps.db.kysely, unit.id, c.req.valid('json').showOfficerNames);
      return c.json({ ...unit, showOfficerNames: c.req.valid('json').showOfficerNames });
    })
    .post('/units/:unitId/officers', requireJson, jsonBody(createOfficerSchema), async (c) => {
      return c.json(await createOfficer(deps, c.req.param('unitId'), c.req.valid('json')), 201);
    })
    .get('/units/:unitId/officers', async (c) => {
      const unit = await requireUnit(deps, c.req.param('unitId'));
      return c.json({ officers: await listOfficers(deps.db.kysely, unit.id) });
    })
    .patch('/officers/:officerId', requireJson, jsonBody(activeSchema), async (c) => {
      const officer = await findOfficer(deps.db.kysely, c.req.param('officerId'));
      if (!officer) throw notFound('officer');
      await setOfficerEnabled(deps, officer.id, c.req.valid('json').active);
      return c.json({ ...officer, active: c.req.valid('json').active });
    })
    .post('/units/:unitId/points', requireJson, jsonBody(createPointSchema), async (c) => {
      const p = await createPoint(deps, c.req.param('unitId'), c.req.valid('json'));
      return c.json(withLinks(p), 201);
    })
    .get('/units/:unitId/points', async (c) => {
      const unit = await requireUnit(deps, c.req.param('unitId'));
      return c.json({ points: (await listPoints(deps.db.kysely, unit.id)).map(withLinks) });
    })
    .patch('/points/:pointId', requireJson, jsonBody(activeSchema), async (c) => {
      const point = await findPoint(deps.db.kysely, c.req.param('pointId'));
      if (!point) throw notFound('point');
      await setPointEnabled(deps, point.id, c.req.valid('json').active);
      return c.json(withLinks({ ...point, active: c.req.valid('json').active }));
    })
    .post('/points/:pointId/rotate', async (c) => {
      const point = await findPoint(deps.db.kysely, c.req.param('pointId'));
      if (!point) throw notFound('point');
      return c.json(withLinks(await rotatePointToken(deps, point)));
    })
    .post('/units/:unitId/staff', requireJson, jsonBody(createStaffSchema), async (c) => {
      return c.json(await createStaff(deps, c.req.param('unitId'), c.req.valid('json')), 201);
    })
    .get('/units/:unitId/staff', async (c) => {
      const unit = await requireUnit(deps, c.req.param('unitId'));
      return c.json({ staff: await listStaff(deps.db.kysely, unit.id) });
    })
    // Forms as data (issue 24): a new form, or the next version of one; a version never changes once it has responses.
    .post('/forms', requireJson, jsonBody(formInputSchema), async (c) => {
      const saved = await addFormVersion(deps.db, deps.forms, c.req.valid('json'), deps.now());
      return c.json(saved, saved.created ? 201 : 200);
    })
    .get('/forms', async (c) => c.json({ forms: await listForms(deps.db.kysely) }))
    .get('/forms/:key/:version{[0-9]+}', async (c) => {
      const form = await findFormVersion(deps.db.kysely, c.req.param('key'), Number(c.req.param('version')));
      if (!form) throw notFound('form version');
      return c.json(formView(form));
    })
    .put('/forms/:key/:version{[0-9]+}', requireJson, jsonBody(formInputSchema), async (c) => {
      return c.json(await replaceUnusedFormVersion(deps.db, deps.forms, c.req.param('key'), Number(c.req.param('version')), c.req.valid('json')));
    })
    .patch('/staff/:staffId', requireJson, jsonBody(activeSchema), async (c) => {
      const staff = await findStaffById(deps.db.kysely, c.req.param('staffId'));
      if (!staff) throw notFound('staff');
      await setStaffActive(deps.db.kysely, staff.id, c.req.valid('json').active);
      return c.json({ ...staff, active: c.req.valid('json').active });
    });
}
