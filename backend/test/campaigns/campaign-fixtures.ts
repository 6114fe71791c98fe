import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { createStaff, createUnit } from '../../src/services/setup.service.ts';
import type { testApp } from '../helpers/fixtures.ts';
import type { TestDeps } from '../helpers/test-deps.ts';

export type App = ReturnType<typeof testApp>;
export type Headers = Record<string, string>;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The test clock reads 2026-11-25 (Vietnam); the window spans it. */
export const WINDOW = { opensOn: '2026-11-16', closesOn: '2026-11-30' };
/** 09:00 in Vietnam on a day of the window, plus i minutes. */
export const atInWindow = (i = 0, day = '2026-11-24') => new Date(Date.parse(`${day}T02:00:00Z`) + i * 60_000).toISOString();

export const FIELDS = [
  { key: 'tu_phap', name: 'Tư pháp' },
  { key: 'ldtbxh', name: 'Lao động – Thương binh và Xã hội' },
];
export const KINDS = [
  { key: 'citizen', label: 'Người dân' },
  { key: 'business', label: 'Doanh nghiệp' },
];

export interface Town {
  townId: string;
  communes: { id: string; code: string }[];
  supervisor: { username: string; password: string };
}

/** A town (kind district) with its communes and a supervisor (Phòng Nội vụ); seed 000 has 23. */
export async function seedTown(deps: TestDeps, code: string, communes: number, parentCode?: string): Promise<Town> {
  const town = await createUnit(deps, { code, name: `Thị xã ${code}`, kind: 'district', parentCode });
  const out: Town['communes'] = [];
  for (let i = 1; i <= communes; i++) {
    const c = await createUnit(deps, { code: `${code}-xa-${String(i).padStart(2, '0')}`, name: `UBND xã ${i} (${code})`, parentCode: code });
    out.push({ id: c.id, code: c.code });
  }
  const supervisor = { username: `pnv-${code}`, password: 'supervisor-password' };
  await createStaff(deps, town.id, { ...supervisor, role: 'supervisor' });
  return { townId: town.id, communes: out, supervisor };
}

export async function newEnumerator(deps: TestDeps, unitId: string, username: string): Promise<{ id: string; username: string; password: string }> {
  const password = 'enumerator-password';
  const s = await createStaff(deps, unitId, { username, password, role: 'enumerator' });
  return { id: s.id, username, password };
}

export interface ListRow {
  list: 'official' | 'reserve' | string;
  order: number | string;
  name: string;
  phone?: string;
  address?: string;
  field?: string;
  kind?: string;
  note?: string;
}

const COLUMNS = ['list', 'order', 'name', 'phone', 'address', 'field', 'kind', 'note'] as const;
const cell = (v: string | number | undefined) => {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function csvOf(rows: ListRow[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/** The same table as a workbook, with Vietnamese headers (as a commune would send it). */
export async function xlsxOf(rows: ListRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['Danh sách', 'STT', 'Họ và tên', 'Số điện thoại', 'Địa chỉ', 'Lĩnh vực', 'Đối tượng', 'Ghi chú']);
  for (const r of rows) ws.addRow(COLUMNS.map((c) => (c === 'order' && typeof r.order === 'number' ? r.order : String(r[c] ?? ''))));
  // Phones as text, as a careful clerk types them (a number would lose its leading 0).
  ws.getColumn(4).numFmt = '@';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function putList(t: App, h: Headers, campaignId: string, unitId: string, body: string | Uint8Array, type = 'text/csv'): Promise<Response> {
  return t.app.request(`/api/campaigns/${campaignId}/units/${unitId}/respondents`, { method: 'PUT', headers: { ...h, 'content-type': type }, body });
}

export interface DayEntry {
  entryId: string;
  list: 'official' | 'reserve';
  order: number;
  name: string;
  phone: string | null;
  fieldKey: string;
  respondentKind: string;
  status: string;
}
export interface Day {
  campaign: { id: string; status: string };
  form: { key: string; version: number; questions: { key: string; mandatory: boolean }[] };
  units: { unitId: string; code: string; entries: DayEntry[] }[];
}

export async function getDay(t: App, h: Headers, campaignId: string): Promise<Day> {
  const res = await t.get(`/api/enumerator/campaigns/${campaignId}/day`, h);
  expect(res.status).toBe(200);
  return (await res.json()) as Day;
}

export type Op = { opId: string; kind: 'response'; entryId: string; answers: Record<string, number>; at: string; comment?: string; issues?: string[] } | { opId: string; kind: 'refused' | 'unreachable'; entryId: string; at: string; note?: string };
export interface SyncResult {
  opId: string;
  status: 'stored' | 'already' | 'rejected';
  error?: { code: string; message: string };
}

export async function sync(t: App, h: Headers, campaignId: string, ops: Op[], deviceId = 'device-1'): Promise<SyncResult[]> {
  const res = await t.post(`/api/enumerator/campaigns/${campaignId}/sync`, { deviceId, ops }, h);
  if (res.status !== 200) throw new Error(`sync: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { results: SyncResult[] }).results;
}

/** A full SIPAS form: every question of the form answered, the general one at `overall`. */
export function sipasAnswers(form: Day['form'], overall: number, others = 4): Record<string, number> {
  return Object.fromEntries(form.questions.map((q) => [q.key, q.key === 'overall' ? overall : others]));
}

export const responseOp = (entryId: string, answers: Record<string, number>, at = atInWindow()): Op => ({ opId: crypto.randomUUID(), kind: 'response', entryId, answers, at });
export const outcomeOp = (entryId: string, kind: 'refused' | 'unreachable' = 'refused', at = atInWindow()): Op => ({ opId: crypto.randomUUID(), kind, entryId, at });
