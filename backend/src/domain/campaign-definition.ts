/**
 * A campaign's definition checked as a whole (R4.3, seeds 000 and 003): its fields and
 * respondent kinds, its units, and a quota per unit, field and kind.
 */
import type { QuotaCell } from './campaign-quota.ts';

export interface QuotaInput {
  /** Absent: the quota of every unit of the campaign that has no row of its own for the field and kind. */
  unitId?: string | undefined;
  fieldKey: string;
  respondentKind: string;
  official: number;
  reserve: number;
}

export interface DefinitionInput {
  unitIds: readonly string[];
  fields: readonly { key: string; name: string }[];
  respondentKinds: readonly { key: string; label: string }[];
  quotas: readonly QuotaInput[];
}

export interface Problem {
  path: string;
  message: string;
}

/** The citizen kind every campaign has unless it names its own (seed 000: "người dân"). */
export const DEFAULT_RESPONDENT_KINDS = [{ key: 'citizen', label: 'Người dân' }] as const;

function duplicates(keys: readonly string[]): Map<string, number> {
  const seen = new Map<string, number>();
  const dup = new Map<string, number>();
  keys.forEach((k, i) => (seen.has(k) ? dup.set(k, i) : seen.set(k, i)));
  return dup;
}

/** Every problem of a definition; `allowed` are the units it may name (the subtree of the unit it is made at). */
export function definitionProblems(input: DefinitionInput, allowed: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const [k, i] of duplicates(input.fields.map((f) => f.key))) problems.push({ path: `fields.${i}.key`, message: `Trùng mã lĩnh vực "${k}".` });
  for (const [k, i] of duplicates(input.respondentKinds.map((f) => f.key))) problems.push({ path: `respondentKinds.${i}.key`, message: `Trùng mã đối tượng "${k}".` });
  for (const [u, i] of duplicates(input.unitIds)) problems.push({ path: `unitIds.${i}`, message: `Đơn vị ${u} được ghi hai lần.` });
  input.unitIds.forEach((u, i) => {
    if (!allowed.has(u)) problems.push({ path: `unitIds.${i}`, message: 'Đơn vị không thuộc phạm vi của đơn vị tạo đợt khảo sát.' });
  });
  const units = new Set(input.unitIds);
  const fields = new Set(input.fields.map((f) => f.key));
  const kinds = new Set(input.respondentKinds.map((k) => k.key));
  const seen = new Map<string, number>();
  input.quotas.forEach((q, i) => {
    if (q.unitId !== undefined && !units.has(q.unitId)) problems.push({ path: `quotas.${i}.unitId`, message: 'Đơn vị không nằm trong danh sách đơn vị của đợt khảo sát.' });
    if (!fields.has(q.fieldKey)) problems.push({ path: `quotas.${i}.fieldKey`, message: `Lĩnh vực "${q.fieldKey}" không có trong đợt khảo sát.` });
    if (!kinds.has(q.respondentKind)) problems.push({ path: `quotas.${i}.respondentKind`, message: `Đối tượng "${q.respondentKind}" không có trong đợt khảo sát.` });
    const key = `${q.unitId ?? '*'}|${q.fieldKey}|${q.respondentKind}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ path: `quotas.${i}`, message: `Trùng chỉ tiêu với quotas.${first} (cùng đơn vị, lĩnh vực và đối tượng).` });
    else seen.set(key, i);
  });
  return problems;
}

/** One quota per unit, field and kind: a unit's own row, else the row for every unit; none when neither exists. */
export function expandQuotas(input: DefinitionInput): QuotaCell[] {
  const own = new Map<string, QuotaInput[]>();
  const everyUnit: QuotaInput[] = [];
  for (const q of input.quotas) {
    if (q.unitId === undefined) everyUnit.push(q);
    else (own.get(q.unitId) ?? own.set(q.unitId, []).get(q.unitId)!).push(q);
  }
  const out: QuotaCell[] = [];
  for (const unitId of input.unitIds) {
    const cells = new Map<string, QuotaCell>();
    for (const q of [...everyUnit, ...(own.get(unitId) ?? [])]) {
      cells.set(`${q.fieldKey}|${q.respondentKind}`, { unitId, fieldKey: q.fieldKey, respondentKind: q.respondentKind, official: q.official, reserve: q.reserve });
    }
    out.push(...cells.values());
  }
  return out;
}

const normName = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[–—-]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The unit's field a campaign field counts under: the one of the same name, else one whose name
 * begins with the other's followed by a separator ("Tư pháp" and the default "Tư pháp – Hộ
 * tịch"). undefined when none does (the caller adds the field to the unit).
 */
export function matchUnitField(name: string, unitFields: readonly { id: string; name: string }[]): string | undefined {
  const n = normName(name);
  const exact = unitFields.find((f) => normName(f.name) === n);
  if (exact) return exact.id;
  const extends_ = (long: string, short: string) => long.startsWith(short) && /^\s*[-,(]/.test(long.slice(short.length));
  return unitFields.find((f) => extends_(normName(f.name), n) || extends_(n, normName(f.name)))?.id;
}
