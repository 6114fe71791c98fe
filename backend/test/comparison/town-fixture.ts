import { newRowId } from '../../src/db/ids.ts';
import { SIPAS_FORM_V1 } from '../../src/domain/built-in-forms.ts';
import { vietnamDay } from '../../src/domain/day.ts';
import { createOfficer, createPoint, createStaff, createUnit } from '../../src/services/setup.service.ts';
import { appendResponses, type NewResponseInput } from '../../src/write-path/append.ts';
import type { TestDeps } from '../helpers/test-deps.ts';

/**
 * Seed 000's town (Kinh Môn, 2023): a town (a district, kept for history) of 23 communes, each
 * surveyed with 20 SIPAS forms in two fields (Tư pháp, Lao động – TBXH), from January to
 * November. Its province A holds it; a province B with two communes of its own stands beside.
 * Answers are drawn from a seeded generator and kept here, so that tests can work the figures
 * out by themselves. Commune 6 is built to be an outlier (every general answer dissatisfied);
 * communes 11 and 12 get the same answers (a tie).
 */
export const OUTLIER = 6;
export const TWINS = [11, 12] as const;
export const OFFICER_NAMES = ['Nguyễn Văn Kiểm', 'Trần Thị Sát'];
export const SECRET_COMMENT = 'Góp ý riêng tư không được in ra';

export interface TownResponse {
  answers: Record<string, number>;
  officer: number;
}

export interface Town {
  provinceA: string;
  provinceB: string;
  town: string;
  communes: { id: string; code: string; name: string; officers: string[]; fields: string[]; pointId: string }[];
  bCommunes: { id: string; code: string }[];
  /** The answers given, per commune (index as in `communes`). */
  answers: TownResponse[][];
  staff: Record<'supA' | 'supB' | 'supTown' | 'townClerk' | 'clerk1' | 'chair1' | 'clerk2', { username: string; password: string }>;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 20 forms of a commune of quality q (0–1): higher q, more 4s and 5s; policy items sometimes blank. */
function draw(rand: () => number, q: number, outlier: boolean): TownResponse[] {
  const level = () => {
    const r = rand();
    return r < q * 0.5 ? 5 : r < q ? 4 : r < q + (1 - q) * 0.4 ? 3 : r < q + (1 - q) * 0.8 ? 2 : 1;
  };
  return Array.from({ length: 20 }, (_, i) => {
    const answers: Record<string, number> = {};
    for (const question of SIPAS_FORM_V1.questions) {
      if (question.key.startsWith('cs') && rand() < 0.15) continue; // a policy item left blank
      answers[question.key] = level();
    }
    if (outlier) answers['overall'] = rand() < 0.5 ? 1 : 2;
    return { answers, officer: i % 2 };
  });
}

export async function seedTown(deps: TestDeps): Promise<Town> {
  const rand = prng(2023);
  const unit = (code: string, name: string, kind: 'province' | 'district' | 'commune', parentCode?: string) => createUnit(deps, { code, name, kind, parentCode });
  const a = await unit('tinh-hd', 'Tỉnh Hải Dương', 'province');
  const b = await unit('tinh-b', 'Tỉnh Bên Cạnh', 'province');
  const town = await unit('tx-km', 'Thị xã Kinh Môn', 'district', 'tinh-hd');
  const communes: Town['communes'] = [];
  const answers: TownResponse[][] = [];
  const records: NewResponseInput[] = [];
  for (let c = 1; c <= 23; c++) {
    const u = await unit(`km-${pad(c)}`, `UBND xã Kinh Môn ${c}`, 'commune', 'tx-km');
    const officers: string[] = [];
    for (const name of OFFICER_NAMES) officers.push((await createOfficer(deps, u.id, { name, title: 'Công chức' })).id);
    const point = await createPoint(deps, u.id, { label: 'Điều tra xã hội học', formKey: 'sipas' });
    const fields = (await deps.db.kysely.selectFrom('fields').select(['id', 'name']).where('unit_id', '=', u.id).orderBy('sort_order').execute()).filter((f) => f.name.startsWith('Tư pháp') || f.name.startsWith('Lao động')).map((f) => f.id);
    communes.push({ id: u.id, code: u.code, name: u.name, officers, fields, pointId: point.id });
    const drawn = c === TWINS[1] ? answers[TWINS[0] - 1]!.map((r) => ({ answers: { ...r.answers }, officer: r.officer })) : draw(rand, 0.55 + rand() * 0.4, c === OUTLIER);
    answers.push(drawn);
    drawn.forEach((r, i) => {
      // January to November 2025, one form every ~16 days, 09:00 in Vietnam.
      const at = new Date(Date.UTC(2025, 0, 3 + i * 16, 2, c));
      records.push({
        id: newRowId(at.getTime()),
        unitId: u.id,
        pointId: point.id,
        officerId: officers[r.officer]!,
        fieldId: fields[i % 2]!,
        clientId: crypto.randomUUID(),
        formKey: 'sipas',
        formVersion: SIPAS_FORM_V1.version,
        overallKey: 'overall',
        answers: r.answers,
        issues: [],
        comment: i === 0 ? `${SECRET_COMMENT} ${c}` : null,
        dossierCode: null,
        channel: 'enumerator',
        receivedAt: at.toISOString(),
        day: vietnamDay(at),
      });
    });
  }
  const bCommunes = [];
  for (let c = 1; c <= 2; c++) {
    const u = await unit(`b-${pad(c)}`, `UBND xã Bên Cạnh ${c}`, 'commune', 'tinh-b');
    const point = await createPoint(deps, u.id, { label: 'Quầy', formKey: 'sipas' });
    bCommunes.push({ id: u.id, code: u.code });
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.UTC(2025, 2, 1 + i, 2, c));
      const answers = Object.fromEntries(SIPAS_FORM_V1.questions.map((q) => [q.key, 4]));
      records.push({ id: newRowId(at.getTime()), unitId: u.id, pointId: point.id, officerId: null, fieldId: null, clientId: crypto.randomUUID(), formKey: 'sipas', formVersion: 1, overallKey: 'overall', answers, issues: [], comment: null, dossierCode: null, channel: 'enumerator', receivedAt: at.toISOString(), day: vietnamDay(at) });
    }
  }
  records.sort((x, y) => (x.receivedAt < y.receivedAt ? -1 : 1));
  await deps.db.kysely.transaction().execute((trx) => appendResponses(trx, deps.db.dialect, records));

  const staff: Town['staff'] = {
    supA: { username: 'so-noi-vu-a', password: 'password-sup-a' },
    supB: { username: 'so-noi-vu-b', password: 'password-sup-b' },
    supTown: { username: 'phong-noi-vu-km', password: 'password-sup-km' },
    townClerk: { username: 'van-thu-km', password: 'password-clerk-km' },
    clerk1: { username: 'clerk-km-01', password: 'password-clerk-1' },
    chair1: { username: 'chair-km-01', password: 'password-chair-1' },
    clerk2: { username: 'clerk-km-02', password: 'password-clerk-2' },
  };
  await createStaff(deps, a.id, { ...staff.supA, role: 'supervisor' });
  await createStaff(deps, b.id, { ...staff.supB, role: 'supervisor' });
  await createStaff(deps, town.id, { ...staff.supTown, role: 'supervisor' });
  await createStaff(deps, town.id, { ...staff.townClerk, role: 'clerk' });
  await createStaff(deps, communes[0]!.id, { ...staff.clerk1, role: 'clerk' });
  await createStaff(deps, communes[0]!.id, { ...staff.chair1, role: 'chairman' });
  await createStaff(deps, communes[1]!.id, { ...staff.clerk2, role: 'clerk' });
  return { provinceA: a.id, provinceB: b.id, town: town.id, communes, bCommunes, answers, staff };
}
