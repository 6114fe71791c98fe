import type { DayEntry, EnumeratorDay, SyncOp } from '../services/api/campaigns.ts';
import { COUNTER_POINT } from './point-fixture.ts';

/*
 * A day as GET /api/enumerator/campaigns/:id/day sends it, with field and kind keys and labels of
 * the test's own (a screen that writes them itself shows the wrong text).
 */
export const FIELDS = [
  { key: 'tu_phap', name: 'Tư pháp (thử)' },
  { key: 'lao_dong', name: 'Lao động (thử)' },
];
export const KINDS = [
  { key: 'citizen', label: 'Người dân (thử)' },
  { key: 'business', label: 'Doanh nghiệp (thử)' },
];

export function entry(entryId: string, list: DayEntry['list'], order: number, over: Partial<DayEntry> = {}): DayEntry {
  return {
    entryId,
    list,
    order,
    name: `Người ${entryId}`,
    phone: '0900000000',
    address: `Thôn ${order}`,
    fieldKey: 'tu_phap',
    respondentKind: 'citizen',
    note: null,
    status: 'pending',
    ...over,
  };
}

/** Unit A: 3 official + 2 reserve in Tư pháp (citizens), 1 + 1 in Lao động (businesses), a Lao động quota for citizens with no list yet; unit B: 2 + 1, no quotas. */
export function dayFixture(over: Partial<EnumeratorDay> = {}): EnumeratorDay {
  return {
    campaign: { id: 'c1', name: 'Khảo sát thử 2026', formKey: COUNTER_POINT.form.key, formVersion: 1, opensOn: '2026-03-01', closesOn: '2026-03-31', status: 'open', rootUnitId: 'huyen' },
    form: COUNTER_POINT.form,
    fields: FIELDS,
    respondentKinds: KINDS,
    units: [
      {
        unitId: 'ua',
        code: 'xa-a',
        name: 'UBND xã A (thử)',
        entries: [
          entry('a-r2', 'reserve', 2),
          entry('a-o1', 'official', 1),
          entry('a-o2', 'official', 2),
          entry('a-o3', 'official', 3),
          entry('a-r1', 'reserve', 1),
          entry('a-b1', 'official', 1, { fieldKey: 'lao_dong', respondentKind: 'business' }),
          entry('a-b2', 'reserve', 1, { fieldKey: 'lao_dong', respondentKind: 'business' }),
        ],
        quotas: [
          { fieldKey: 'tu_phap', respondentKind: 'citizen', official: 3, reserve: 2 },
          { fieldKey: 'lao_dong', respondentKind: 'business', official: 1, reserve: 1 },
          // A quota whose list was not imported yet.
          { fieldKey: 'lao_dong', respondentKind: 'citizen', official: 2, reserve: 2 },
        ],
      },
      { unitId: 'ub', code: 'xa-b', name: 'UBND xã B (thử)', entries: [entry('b-o1', 'official', 1), entry('b-o2', 'official', 2), entry('b-r1', 'reserve', 1)], quotas: [] },
    ],
    serverTime: '2026-03-10T01:00:00.000Z',
    ...over,
  };
}

let n = 0;
/** An op with a fresh opId. */
export function op(kind: SyncOp['kind'], entryId: string): SyncOp {
  n += 1;
  const opId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const at = '2026-03-10T02:00:00.000Z';
  return kind === 'response' ? { opId, kind, entryId, answers: { a: 5 }, at } : { opId, kind, entryId, at };
}
