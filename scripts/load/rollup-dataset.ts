// The national tree of `npm run bench:rollup`: a root, 34 provinces, 3,321 communes (wards,
// special zones) under them, and N responses over one calendar year. Responses go in through the
// write path's own append (hash chain + tallies, the server's code), unit after unit in big
// transactions: a unit's chain and tally pages are written together, which is what makes ten
// million take minutes rather than hours. Nothing is inserted behind the append's back, so
// `npm run verify` accepts the database.
import { sql } from 'kysely';
import { upsertDossierCount } from '../../backend/src/db/dossier-counts.repository.ts';
import { listFields } from '../../backend/src/db/officers.repository.ts';
import type { UnitTable } from '../../backend/src/db/schema.ts';
import type { Deps } from '../../backend/src/deps.ts';
import { appendResponses, type NewResponseInput } from '../../backend/src/write-path/append.ts';
import { createOfficer, createPoint, createUnit } from '../../backend/src/services/setup.service.ts';
import { makeResponse, prng, type GeneratedUnit } from './generate-lib.ts';

export interface RollupTreeOptions {
  provinces: number;
  communes: number;
  total: number;
  /** The calendar year the responses fall in. */
  year: number;
  seed?: number;
  /** Responses per transaction. */
  batch?: number;
  onProgress?: (stage: 'units' | 'responses', done: number, of: number) => void;
}

export const ROOT_CODE = 'vn';
export const provinceCode = (p: number) => `vn-p${String(p).padStart(2, '0')}`;
const communeCode = (p: number, c: number) => `${provinceCode(p)}-c${String(c).padStart(3, '0')}`;

const OFFICER_NAMES = ['Nguyễn Thị Hoa', 'Trần Văn Nam', 'Lê Thị Thu', 'Phạm Văn Đức'];

/** Responses per unit: log-normal weights (busy wards, quiet communes), summing to `total` exactly. */
function spread(total: number, units: number, rand: () => number): number[] {
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const w = Array.from({ length: units }, () => Math.exp(0.6 * normal()));
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (x / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return out;
}

async function makeTree(deps: Deps, o: RollupTreeOptions, rand: () => number): Promise<GeneratedUnit[]> {
  await createUnit(deps, { code: ROOT_CODE, name: 'Toàn quốc (Bộ Nội vụ)', kind: 'department' });
  const units: GeneratedUnit[] = [];
  const base = Math.floor(o.communes / o.provinces);
  const extra = o.communes - base * o.provinces;
  for (let p = 1; p <= o.provinces; p++) {
    await createUnit(deps, { code: provinceCode(p), name: `Tỉnh Thử nghiệm ${p}`, kind: 'province', parentCode: ROOT_CODE });
    const count = base + (p <= extra ? 1 : 0);
    for (let c = 1; c <= count; c++) {
      const r = rand();
      const kind: UnitTable['kind'] = r < 0.7 ? 'commune' : r < 0.98 ? 'ward' : 'special_zone';
      const label = kind === 'commune' ? 'xã' : kind === 'ward' ? 'phường' : 'đặc khu';
      const unit = await createUnit(deps, { code: communeCode(p, c), name: `UBND ${label} Thử nghiệm ${p}.${c}`, kind, parentCode: provinceCode(p) });
      // A unit's level: most are fine, some are clearly worse or better than the rest (outliers).
      const unitQuality = 0.6 + rand() * 0.35;
      const officers = [];
      for (let k = 0; k < OFFICER_NAMES.length; k++) {
        const officer = await createOfficer(deps, unit.id, { name: OFFICER_NAMES[k]!, title: 'Công chức' });
        officers.push({ id: officer.id, quality: Math.min(0.98, Math.max(0.3, unitQuality + (rand() - 0.5) * 0.2)) });
      }
      const point = await createPoint(deps, unit.id, { label: 'Quầy một cửa' });
      const fields = (await listFields(deps.db.kysely, unit.id)).map((f) => f.id);
      units.push({ unitId: unit.id, code: unit.code, pointId: point.id, token: point.token, officers, fields });
      o.onProgress?.('units', units.length, o.communes);
    }
  }
  return units;
}

/** Builds the tree and its responses; returns the units (communes) in the order written. */
export async function buildRollupTree(deps: Deps, o: RollupTreeOptions): Promise<{ units: GeneratedUnit[]; responses: number }> {
  const rand = prng(o.seed ?? 29);
  if (deps.db.dialect === 'sqlite') await sql`pragma cache_size = -1000000`.execute(deps.db.kysely); // generation only: 1 GB of pages
  const units = await makeTree(deps, o, rand);
  const counts = spread(o.total, units.length, rand);
  const yearStart = Date.parse(`${o.year}-01-01T00:30:00Z`); // 07:30 in Vietnam
  const days = (Date.parse(`${o.year + 1}-01-01T00:00:00Z`) - Date.parse(`${o.year}-01-01T00:00:00Z`)) / 86_400_000;
  const batchSize = o.batch ?? 10_000;
  const now = deps.now().toISOString();
  let written = 0;
  let pending: NewResponseInput[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = [];
    await deps.db.kysely.transaction().execute((trx) => appendResponses(trx, deps.db.dialect, chunk));
    written += chunk.length;
    o.onProgress?.('responses', written, o.total);
  };
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const n = counts[i]!;
    // The unit's responses in time order, on working hours of the year's days.
    const times = Array.from({ length: n }, () => yearStart + Math.floor(rand() * days) * 86_400_000 + Math.floor(rand() * 9.5 * 3_600_000)).sort((a, b) => a - b);
    for (const t of times) pending.push(makeResponse(rand, u, new Date(t)));
    // Dossiers of the year: a unit surveys 5–15 % of them, so some meet R4.1 (10 % from 1,000) and some do not.
    await upsertDossierCount(deps.db.kysely, { unitId: u.unitId, fieldId: '', period: String(o.year), count: Math.round(n / (0.05 + rand() * 0.1)), source: 'bench', now });
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  return { units, responses: written };
}
