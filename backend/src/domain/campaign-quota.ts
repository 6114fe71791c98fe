/**
 * Progress against a campaign's quotas (R4.3; seeds 000 and 003): per unit, field and
 * respondent kind, the official sample size, the reserve, and what the lists have given so far.
 */

export type EntryStatus = 'pending' | 'done' | 'refused' | 'unreachable';
export type ListName = 'official' | 'reserve';

export interface QuotaCell {
  unitId: string;
  fieldKey: string;
  respondentKind: string;
  official: number;
  reserve: number;
}

/** How many entries of a unit's list, field and kind are in a status. */
export interface EntryCount {
  unitId: string;
  fieldKey: string;
  respondentKind: string;
  list: ListName;
  status: EntryStatus;
  n: number;
}

export interface ProgressCell {
  fieldKey: string;
  respondentKind: string;
  official: number;
  reserve: number;
  /** Responses from official-list entries. */
  officialDone: number;
  /** Reserve entries used: responses from reserve-list entries. */
  reserveUsed: number;
  /** Responses from both lists. */
  done: number;
  /** max(0, official − done): a cell over its quota makes up for no other. */
  missing: number;
  refused: number;
  unreachable: number;
  /** Entries on each list (what was imported). */
  listed: { official: number; reserve: number };
}

export interface ProgressTotal {
  official: number;
  done: number;
  /** The sum of the cells' missing. */
  missing: number;
  reserveUsed: number;
}

const cellKey = (fieldKey: string, kind: string) => `${fieldKey}\u0000${kind}`;

function emptyCell(fieldKey: string, respondentKind: string, official = 0, reserve = 0): ProgressCell {
  return { fieldKey, respondentKind, official, reserve, officialDone: 0, reserveUsed: 0, done: 0, missing: 0, refused: 0, unreachable: 0, listed: { official: 0, reserve: 0 } };
}

export function totalOf(cells: readonly ProgressCell[]): ProgressTotal {
  const t: ProgressTotal = { official: 0, done: 0, missing: 0, reserveUsed: 0 };
  for (const c of cells) {
    t.official += c.official;
    t.done += c.done;
    t.missing += c.missing;
    t.reserveUsed += c.reserveUsed;
  }
  return t;
}

/**
 * Each unit's cells: one per quota, and one per field and kind that has entries without a quota
 * (official 0), in the campaign's order of fields, then of kinds.
 */
export function progressByUnit(
  unitIds: readonly string[],
  quotas: readonly QuotaCell[],
  counts: readonly EntryCount[],
  order: { fields: readonly string[]; kinds: readonly string[] },
): Map<string, ProgressCell[]> {
  const byUnit = new Map<string, Map<string, ProgressCell>>(unitIds.map((u) => [u, new Map()]));
  for (const q of quotas) {
    byUnit.get(q.unitId)?.set(cellKey(q.fieldKey, q.respondentKind), emptyCell(q.fieldKey, q.respondentKind, q.official, q.reserve));
  }
  for (const c of counts) {
    const cells = byUnit.get(c.unitId);
    if (!cells) continue;
    const key = cellKey(c.fieldKey, c.respondentKind);
    const cell = cells.get(key) ?? cells.set(key, emptyCell(c.fieldKey, c.respondentKind)).get(key)!;
    cell.listed[c.list] += c.n;
    if (c.status === 'done') {
      if (c.list === 'official') cell.officialDone += c.n;
      else cell.reserveUsed += c.n;
    } else if (c.status === 'refused') cell.refused += c.n;
    else if (c.status === 'unreachable') cell.unreachable += c.n;
  }
  const rank = (list: readonly string[], k: string) => {
    const i = list.indexOf(k);
    return i === -1 ? list.length : i;
  };
  const out = new Map<string, ProgressCell[]>();
  for (const [unitId, cells] of byUnit) {
    const rows = [...cells.values()];
    for (const r of rows) {
      r.done = r.officialDone + r.reserveUsed;
      r.missing = Math.max(0, r.official - r.done);
    }
    rows.sort((a, b) => rank(order.fields, a.fieldKey) - rank(order.fields, b.fieldKey) || rank(order.kinds, a.respondentKind) - rank(order.kinds, b.respondentKind) || a.fieldKey.localeCompare(b.fieldKey) || a.respondentKind.localeCompare(b.respondentKind));
    out.set(unitId, rows);
  }
  return out;
}
