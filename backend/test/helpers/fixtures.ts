import { newRowId } from '../../src/db/ids.ts';
import type { NewResponseInput } from '../../src/write-path/append.ts';
import { vietnamDay } from '../../src/domain/day.ts';
import { createApp } from '../../src/http/create-app.ts';
import { createOfficer, createPoint, createStaff, createUnit } from '../../src/services/setup.service.ts';
import { TEST_ADMIN_TOKEN, type TestDeps } from './test-deps.ts';

export interface SeededUnit {
  unitId: string;
  code: string;
  officers: string[];
  fields: string[];
  counterToken: string;
  counterPointId: string;
  deskToken: string;
  deskOfficerId: string;
  clerk: { username: string; password: string };
  chairman: { username: string; password: string };
}

/** A unit with three officers, a counter point, a desk point for officer 0, a clerk and a chairman. */
export async function seedUnit(deps: TestDeps, code = 'xa-a', opts: { parentCode?: string; staff?: boolean } = {}): Promise<SeededUnit> {
  const unit = await createUnit(deps, { code, name: `UBND xã ${code}`, parentCode: opts.parentCode });
  const officers = [];
  for (const name of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']) officers.push(await createOfficer(deps, unit.id, { name, title: 'Công chức' }));
  const counter = await createPoint(deps, unit.id, { label: 'Quầy một cửa' });
  const desk = await createPoint(deps, unit.id, { label: 'Bàn 1', officerId: officers[0]!.id });
  const fields = await deps.db.kysely.selectFrom('fields').select('id').where('unit_id', '=', unit.id).orderBy('sort_order').execute();
  const clerk = { username: `clerk-${code}`, password: 'clerk-password' };
  const chairman = { username: `chair-${code}`, password: 'chair-password' };
  if (opts.staff !== false) {
    await createStaff(deps, unit.id, { ...clerk, role: 'clerk' });
    await createStaff(deps, unit.id, { ...chairman, role: 'chairman' });
  }
  return {
    unitId: unit.id,
    code,
    officers: officers.map((o) => o.id),
    fields: fields.map((f) => f.id),
    counterToken: counter.token,
    counterPointId: counter.id,
    deskToken: desk.token,
    deskOfficerId: officers[0]!.id,
    clerk,
    chairman,
  };
}

/**
 * The i-th of a run of responses at the unit's counter, as the writer takes them (one second
 * apart from 2026-11-25 10:00 in Vietnam, officers and levels in turn).
 */
export function newResponseRecord(unit: SeededUnit, i: number, over: Partial<NewResponseInput> = {}): NewResponseInput {
  const now = new Date(Date.parse('2026-11-25T03:00:00Z') + i * 1000);
  const level = (i % 5) + 1;
  return {
    id: newRowId(now.getTime()),
    unitId: unit.unitId,
    pointId: unit.counterPointId,
    officerId: unit.officers[i % 3]!,
    fieldId: null,
    clientId: crypto.randomUUID(),
    formKey: 'counter',
    formVersion: 1,
    overallKey: 'overall',
    answers: { overall: level, access: 5, attitude: 4, responsibility: level, guidance: 3 },
    issues: [],
    comment: null,
    dossierCode: null,
    channel: 'zalo',
    receivedAt: now.toISOString(),
    day: vietnamDay(now),
    ...over,
  };
}

export function responseBody(token: string, overrides: Record<string, unknown> = {}) {
  return {
    token,
    clientId: crypto.randomUUID(),
    answers: { overall: 5, access: 4, attitude: 5, responsibility: 4, guidance: 5 },
    ...overrides,
  };
}

/** The real app plus JSON request helpers. */
export function testApp(deps: TestDeps) {
  const app = createApp(deps);
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    app,
    json,
    post: (path: string, body: unknown, headers?: Record<string, string>) => json('POST', path, body, headers),
    get: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers }),
    admin: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    async login(username: string, password: string): Promise<Record<string, string>> {
      const res = await json('POST', '/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      const { token } = (await res.json()) as { token: string };
      return { authorization: `Bearer ${token}` };
    },
  };
}

export async function expectErrorShape(res: Response, status: number, code?: string): Promise<{ error: { code: string; message: string; details?: unknown[] } }> {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.clone().text()}`);
  const body = (await res.json()) as { error: { code: string; message: string; details?: unknown[] } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || body.error.message.length === 0) {
    throw new Error(`not the JSON error shape: ${JSON.stringify(body)}`);
  }
  if (code && body.error.code !== code) throw new Error(`expected code ${code}, got ${body.error.code}`);
  return body;
}
