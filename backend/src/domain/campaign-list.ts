/**
 * The rules of a respondent list file (seed 000 §V.5: "danh sách chính thức và danh sách dự
 * phòng", with name, phone and address): one row per person, columns by their English or
 * Vietnamese names, every problem reported with its line.
 */
import type { ListName } from './campaign-quota.ts';

export interface ListRecord {
  /** 1-based line in the file. */
  line: number;
  /** Cells by lower-cased header. */
  cells: Record<string, string>;
}

export interface ListEntry {
  line: number;
  list: ListName;
  order: number;
  name: string;
  phone: string | null;
  address: string | null;
  fieldKey: string;
  respondentKind: string;
  note: string | null;
}

export interface ListProblem {
  line: number;
  message: string;
}

export interface ListCampaign {
  fields: readonly { key: string; name: string }[];
  respondentKinds: readonly { key: string; label: string }[];
}

const COLUMNS = {
  list: ['list', 'danh sách', 'danh_sach', 'loại danh sách'],
  order: ['order', 'stt', 'thứ tự', 'số thứ tự', 'thu_tu'],
  name: ['name', 'họ và tên', 'họ tên', 'ho_ten', 'tên'],
  phone: ['phone', 'số điện thoại', 'điện thoại', 'sđt', 'so_dien_thoai'],
  address: ['address', 'địa chỉ', 'dia_chi'],
  field: ['field', 'lĩnh vực', 'linh_vuc'],
  kind: ['kind', 'đối tượng', 'doi_tuong', 'respondent_kind'],
  note: ['note', 'ghi chú', 'ghi_chu'],
} as const;
type Column = keyof typeof COLUMNS;

const squash = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

const LIST_WORDS: Record<string, ListName> = {
  official: 'official',
  'chính thức': 'official',
  'chinh thuc': 'official',
  reserve: 'reserve',
  'dự phòng': 'reserve',
  'du phong': 'reserve',
  // Seed 003 calls the reserve "dự bị".
  'dự bị': 'reserve',
  'du bi': 'reserve',
};

/** official | reserve from what a list file says ("chính thức", "dự phòng", "dự bị" too); null for anything else. */
export function parseListName(text: string): ListName | null {
  return LIST_WORDS[squash(text)] ?? null;
}

const MAX = { name: 200, phone: 40, address: 300, note: 500 };

/** A phone as people write it (spaces, dots, dashes, a leading +), 8–15 digits; null when it is not one. */
export function phoneOf(text: string): string | null {
  const t = text.trim();
  if (!/^\+?[0-9 .()-]+$/.test(t)) return null;
  const digits = t.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15 ? t.replace(/\s+/g, ' ') : null;
}

/**
 * Every row of a list file checked: `list` (official | reserve | chính thức | dự phòng | dự bị),
 * `order` (a positive whole number, once per list and field), `name` (required), `phone`,
 * `address`, `field` (a field's key or name; may be left out when the campaign has one field),
 * `kind` (a respondent kind's key or label; empty = the campaign's first kind), `note`. Returns
 * the entries, or every problem with its line (and then nothing is to be applied).
 */
export function parseRespondentList(headers: readonly string[], records: readonly ListRecord[], campaign: ListCampaign): { entries: ListEntry[]; problems: ListProblem[] } {
  if (headers.length === 0) return { entries: [], problems: [{ line: 1, message: 'Tệp trống: cần một dòng tiêu đề.' }] };
  const col = {} as Record<Column, string | undefined>;
  for (const c of Object.keys(COLUMNS) as Column[]) col[c] = headers.find((h) => (COLUMNS[c] as readonly string[]).includes(squash(h)));
  const required: Column[] = ['list', 'order', 'name', ...(campaign.fields.length > 1 ? (['field'] as const) : [])];
  const missing = required.filter((c) => !col[c]);
  if (missing.length > 0) return { entries: [], problems: [{ line: 1, message: `Thiếu cột: ${missing.join(', ')}.` }] };
  if (records.length === 0) return { entries: [], problems: [{ line: 1, message: 'Tệp không có người nào (chỉ có dòng tiêu đề).' }] };

  const fieldBy = new Map<string, string>();
  for (const f of campaign.fields) fieldBy.set(squash(f.name), f.key).set(squash(f.key), f.key);
  const kindBy = new Map<string, string>();
  for (const k of campaign.respondentKinds) kindBy.set(squash(k.label), k.key).set(squash(k.key), k.key);

  const entries: ListEntry[] = [];
  const problems: ListProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records) {
    const get = (c: Column) => (col[c] ? (cells[col[c]!] ?? '').normalize('NFC').trim() : '');
    const before = problems.length;
    const bad = (message: string) => problems.push({ line, message });

    const list = parseListName(get('list'));
    if (!list) bad(get('list') ? `Danh sách "${get('list')}" không hợp lệ: ghi "chính thức" hoặc "dự phòng" (official, reserve).` : 'Thiếu danh sách (chính thức hoặc dự phòng).');
    const orderText = get('order');
    const order = /^\d{1,6}$/.test(orderText) ? Number(orderText) : 0;
    if (order < 1) bad(orderText ? `Số thứ tự "${orderText}" không hợp lệ: cần một số nguyên dương.` : 'Thiếu số thứ tự.');
    const name = get('name');
    if (!name) bad('Thiếu họ và tên.');
    else if (name.length > MAX.name) bad(`Họ và tên quá dài (tối đa ${MAX.name} ký tự).`);
    const phoneText = get('phone');
    const phone = phoneText ? phoneOf(phoneText) : null;
    if (phoneText && !phone) bad(`Số điện thoại "${phoneText}" không hợp lệ.`);
    const address = get('address');
    if (address.length > MAX.address) bad(`Địa chỉ quá dài (tối đa ${MAX.address} ký tự).`);
    const note = get('note');
    if (note.length > MAX.note) bad(`Ghi chú quá dài (tối đa ${MAX.note} ký tự).`);
    const fieldText = get('field');
    const fieldKey = fieldText ? fieldBy.get(squash(fieldText)) : campaign.fields.length === 1 ? campaign.fields[0]!.key : undefined;
    if (!fieldKey) {
      const known = campaign.fields.map((f) => f.key).join(', ');
      bad(fieldText ? `Lĩnh vực "${fieldText}" không có trong đợt khảo sát (có: ${known}).` : `Thiếu lĩnh vực (có: ${known}).`);
    }
    const kindText = get('kind');
    const respondentKind = kindText ? kindBy.get(squash(kindText)) : campaign.respondentKinds[0]?.key;
    if (!respondentKind) bad(`Đối tượng "${kindText}" không có trong đợt khảo sát (có: ${campaign.respondentKinds.map((k) => k.key).join(', ')}).`);
    if (problems.length > before) continue;

    const key = `${list}|${fieldKey}|${order}`;
    const first = seen.get(key);
    if (first !== undefined) {
      bad(`Trùng số thứ tự ${order} của danh sách ${list === 'official' ? 'chính thức' : 'dự phòng'}, lĩnh vực ${fieldKey} với dòng ${first}.`);
      continue;
    }
    seen.set(key, line);
    entries.push({ line, list: list!, order, name, phone, address: address || null, fieldKey: fieldKey!, respondentKind: respondentKind!, note: note || null });
  }
  return problems.length > 0 ? { entries: [], problems } : { entries, problems };
}
