// Realistic responses written straight through the repository code (hash chain + tallies in the
// same transactions as the real server), many per transaction: millions in minutes, no HTTP.
import { newRowId } from '../../backend/src/db/ids.ts';
import { COUNTER_FORM_V1 } from '../../backend/src/domain/built-in-forms.ts';
import { vietnamDay } from '../../backend/src/domain/day.ts';
import { appendResponses, type NewResponseInput } from '../../backend/src/write-path/append.ts';
import { listFields } from '../../backend/src/db/officers.repository.ts';
import { createOfficer, createPoint, createUnit } from '../../backend/src/services/setup.service.ts';
import type { Deps } from '../../backend/src/deps.ts';

/** Small, fast, seeded PRNG (mulberry32): the same seed gives the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedUnit {
  unitId: string;
  code: string;
  pointId: string;
  token: string;
  officers: { id: string; quality: number }[];
  fields: string[];
}

const OFFICER_NAMES = ['Nguyễn Thị Hoa', 'Trần Văn Nam', 'Lê Thị Thu', 'Phạm Văn Đức', 'Hoàng Thị Lan', 'Vũ Văn Hải'];

/** Units named `<prefix>-00001`…, each with officers of varied quality and one counter point. */
export async function createUnits(deps: Deps, count: number, opts: { prefix?: string; officers?: number; seed?: number; onProgress?: (n: number) => void } = {}): Promise<GeneratedUnit[]> {
  const rand = prng(opts.seed ?? 1);
  const out: GeneratedUnit[] = [];
  for (let i = 1; i <= count; i++) {
    const code = `${opts.prefix ?? 'gen'}-${String(i).padStart(5, '0')}`;
    const unit = await createUnit(deps, { code, name: `UBND xã Thử nghiệm ${i}` });
    const officers = [];
    for (let k = 0; k < (opts.officers ?? 4); k++) {
      const o = await createOfficer(deps, unit.id, { name: OFFICER_NAMES[k % OFFICER_NAMES.length]!, title: 'Công chức' });
      // quality 0.55–0.97: most officers are fine, a few are not.
      officers.push({ id: o.id, quality: 0.55 + rand() * 0.42 });
    }
    const point = await createPoint(deps, unit.id, { label: 'Quầy một cửa' });
    const fields = (await listFields(deps.db.kysely, unit.id)).map((f) => f.id);
    out.push({ unitId: unit.id, code, pointId: point.id, token: point.token, officers, fields });
    opts.onProgress?.(i);
  }
  return out;
}

/** A level drawn around an officer's quality: good officers get mostly 4–5. */
export function drawLevel(rand: () => number, quality: number): number {
  const r = rand();
  if (r < quality * 0.55) return 5;
  if (r < quality) return 4;
  if (r < quality + (1 - quality) * 0.5) return 3;
  if (r < quality + (1 - quality) * 0.8) return 2;
  return 1;
}

export function makeResponse(rand: () => number, u: GeneratedUnit, at: Date): NewResponseInput {
  const officer = u.officers[Math.floor(rand() * u.officers.length)]!;
  const overall = drawLevel(rand, officer.quality);
  const answers: Record<string, number> = {};
  for (const q of COUNTER_FORM_V1.questions) answers[q.key] = q.key === 'overall' ? overall : drawLevel(rand, officer.quality);
  const issues = overall <= 2 && rand() < 0.2 ? ['harassment'] : [];
  return {
    id: newRowId(),
    unitId: u.unitId,
    pointId: u.pointId,
    officerId: rand() < 0.9 ? officer.id : null,
    fieldId: rand() < 0.7 ? u.fields[Math.floor(rand() * u.fields.length)]! : null,
    clientId: crypto.randomUUID(),
    formKey: COUNTER_FORM_V1.key,
    formVersion: COUNTER_FORM_V1.version,
    overallKey: COUNTER_FORM_V1.overallKey,
    issueLabels: issues.map((k) => COUNTER_FORM_V1.issues.find((i) => i.key === k)?.label ?? k),
    answers,
    issues,
    comment: rand() < 0.05 ? 'Cán bộ hướng dẫn tận tình, thủ tục nhanh gọn.' : null,
    dossierCode: null,
    channel: 'zalo',
    receivedAt: at.toISOString(),
    day: vietnamDay(at),
  };
}

/**
 * `perUnit` responses for every unit, spread over `days` Vietnam working hours from `firstDay`,
 * written in chronological order in transactions of `batch`.
 */
export async function generateResponses(
  deps: Deps,
  units: GeneratedUnit[],
  opts: { perUnit: number; firstDay: string; days: number; seed?: number; batch?: number; onProgress?: (written: number) => void },
): Promise<number> {
  const rand = prng(opts.seed ?? 7);
  const batchSize = opts.batch ?? 2000;
  const perDay = opts.perUnit / opts.days;
  const start = Date.parse(`${opts.firstDay}T00:30:00Z`); // 07:30 in Vietnam
  let written = 0;
  let carry = 0;
  for (let d = 0; d < opts.days; d++) {
    carry += perDay;
    const today = Math.floor(carry);
    carry -= today;
    const dayBatch: NewResponseInput[] = [];
    for (const u of units) {
      for (let k = 0; k < today; k++) dayBatch.push(makeResponse(rand, u, new Date(start + d * 86_400_000 + Math.floor(rand() * 9.5 * 3_600_000))));
    }
    dayBatch.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
    for (let i = 0; i < dayBatch.length; i += batchSize) {
      const chunk = dayBatch.slice(i, i + batchSize);
      await deps.db.kysely.transaction().execute((trx) => appendResponses(trx, deps.db.dialect, chunk));
      written += chunk.length;
      opts.onProgress?.(written);
    }
  }
  return written;
}
