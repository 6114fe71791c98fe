import { findUnitByCode, listUnits } from '../db/units.repository.ts';
import { listOfficers } from '../db/officers.repository.ts';
import { listPoints } from '../db/points.repository.ts';
import { createOfficer, createPoint, createStaff, createUnit, pointLinks } from './setup.service.ts';
import type { Deps } from '../deps.ts';

export const DEMO_UNIT = { code: 'nam-dong', name: 'UBND xã Nam Dong' } as const;
export const DEMO_LOGINS = {
  clerk: { username: 'vanphong', password: 'VanPhong@2024' },
  chairman: { username: 'chutich', password: 'ChuTich@2024' },
} as const;

export interface DemoInfo {
  unitId: string;
  unitCode: string;
  counterToken: string;
  deskToken: string;
  counterWebLink: string;
  deskWebLink: string;
  counterDeepLink: string;
  clerk: { username: string; password: string };
  chairman: { username: string; password: string };
}

/** On an empty database only: a commune with officers, default fields, a counter and a desk point, a clerk and a chairman. */
export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  if ((await listUnits(deps.db.kysely)).length > 0) return false;
  const unit = await createUnit(deps, { ...DEMO_UNIT, kind: 'commune' });
  const lan = await createOfficer(deps, unit.id, { name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch' });
  await createOfficer(deps, unit.id, { name: 'Trần Văn Hùng', title: 'Công chức Địa chính – Xây dựng' });
  await createOfficer(deps, unit.id, { name: 'Lê Thị Mai', title: 'Công chức Văn hóa – Xã hội' });
  await createPoint(deps, unit.id, { label: 'Quầy tiếp nhận và trả kết quả' });
  await createPoint(deps, unit.id, { label: 'Bàn Tư pháp – Hộ tịch', officerId: lan.id });
  await createStaff(deps, unit.id, { ...DEMO_LOGINS.clerk, role: 'clerk' });
  await createStaff(deps, unit.id, { ...DEMO_LOGINS.chairman, role: 'chairman' });
  return true;
}

/** Links and logins of the demo unit, for the start-up banner and tests; undefined when it is absent. */
export async function demoInfo(deps: Deps): Promise<DemoInfo | undefined> {
  const unit = await findUnitByCode(deps.db.kysely, DEMO_UNIT.code);
  if (!unit) return undefined;
  const points = await listPoints(deps.db.kysely, unit.id);
  const counter = points.find((p) => p.officerId === null && p.active);
  const desk = points.find((p) => p.officerId !== null && p.active);
  if (!counter || !desk || (await listOfficers(deps.db.kysely, unit.id)).length === 0) return undefined;
  const c = pointLinks(deps.config, counter.tokenKey);
  const d = pointLinks(deps.config, desk.tokenKey);
  return {
    unitId: unit.id,
    unitCode: unit.code,
    counterToken: c.token,
    deskToken: d.token,
    counterWebLink: c.webLink,
    deskWebLink: d.webLink,
    counterDeepLink: c.deepLink,
    clerk: { ...DEMO_LOGINS.clerk },
    chairman: { ...DEMO_LOGINS.chairman },
  };
}
