import type { DayEntry, DayQuota, EntryStatus, EnumeratorDay, SyncOp } from '../services/api/campaigns.ts';

/*
 * The enumerator's list, pure: the downloaded entries with the device's own ops written over
 * them, grouped by field and respondent kind, the official list first in its order, and the
 * reserve entries offered as officials are refused or unreachable.
 */

const OUTCOME: Record<SyncOp['kind'], EntryStatus> = { response: 'done', refused: 'refused', unreachable: 'unreachable' };

/** Entries as the device knows them: the server's status, then the ops not yet acknowledged. */
export function withLocalOps(entries: readonly DayEntry[], ops: readonly SyncOp[]): DayEntry[] {
  const status = new Map(ops.map((op) => [op.entryId, OUTCOME[op.kind]]));
  return entries.map((e) => {
    const local = status.get(e.entryId);
    return local && e.status === 'pending' ? { ...e, status: local } : e;
  });
}

export interface GroupProgress {
  /** The quota's official size (the official list's size where the campaign sets no quota). */
  readonly official: number;
  readonly reserve: number;
  /** Responses from either list. */
  readonly done: number;
  readonly officialDone: number;
  /** Responses from the reserve list (as the server's progress counts them). */
  readonly reserveUsed: number;
  readonly refused: number;
  readonly unreachable: number;
  /** max(0, official − done). */
  readonly missing: number;
}

/** One field × respondent kind of a unit's list. */
export interface ListGroup {
  readonly fieldKey: string;
  readonly respondentKind: string;
  readonly official: readonly DayEntry[];
  readonly reserve: readonly DayEntry[];
  /** Pending reserve entries offered in place of closed ones, in their order. */
  readonly offered: readonly DayEntry[];
  /** Reserve entries not (yet) needed. */
  readonly unused: readonly DayEntry[];
  /** Whom to visit: pending officials in order, then the offered reserves. */
  readonly queue: readonly DayEntry[];
  readonly next: DayEntry | null;
  readonly progress: GroupProgress;
}

const byOrder = (a: DayEntry, b: DayEntry) => a.order - b.order;
const count = (entries: readonly DayEntry[], status: EntryStatus) => entries.filter((e) => e.status === status).length;

type Quota = Pick<DayQuota, 'official' | 'reserve'>;

/**
 * A group's queue and progress against its quota (the official list's size when there is none):
 * a reserve entry is offered for each response still missing that the pending officials cannot
 * give (an official refused or unreachable, or a reserve entry that was), next in the reserve's order.
 */
export function planGroup(fieldKey: string, respondentKind: string, entries: readonly DayEntry[], quota?: Quota): ListGroup {
  const official = entries.filter((e) => e.list === 'official').sort(byOrder);
  const reserve = entries.filter((e) => e.list === 'reserve').sort(byOrder);
  const done = count(entries, 'done');
  const target = quota?.official ?? official.length;
  const missing = Math.max(0, target - done);
  const pendingOfficial = official.filter((e) => e.status === 'pending');
  const pendingReserve = reserve.filter((e) => e.status === 'pending');
  const offered = pendingReserve.slice(0, Math.max(0, missing - pendingOfficial.length));
  const queue = [...pendingOfficial, ...offered];
  return {
    fieldKey,
    respondentKind,
    official,
    reserve,
    offered,
    unused: pendingReserve.slice(offered.length),
    queue,
    next: missing > 0 ? (queue[0] ?? null) : null,
    progress: {
      official: target,
      reserve: quota?.reserve ?? reserve.length,
      done,
      officialDone: count(official, 'done'),
      reserveUsed: count(reserve, 'done'),
      refused: count(entries, 'refused'),
      unreachable: count(entries, 'unreachable'),
      missing,
    },
  };
}

/**
 * A unit's groups, one per quota and one per field and kind with entries but no quota, in the
 * campaign's order of fields, then of respondent kinds; unknown keys last.
 */
export function groupEntries(
  day: Pick<EnumeratorDay, 'fields' | 'respondentKinds'>,
  entries: readonly DayEntry[],
  quotas: readonly DayQuota[] = [],
): ListGroup[] {
  const rank = (keys: readonly { key: string }[], key: string) => {
    const i = keys.findIndex((k) => k.key === key);
    return i < 0 ? keys.length : i;
  };
  const id = (fieldKey: string, kind: string) => `${fieldKey}\u0000${kind}`;
  const groups = new Map<string, { fieldKey: string; kind: string; entries: DayEntry[]; quota?: Quota }>();
  const cell = (fieldKey: string, kind: string) => {
    const key = id(fieldKey, kind);
    return groups.get(key) ?? groups.set(key, { fieldKey, kind, entries: [] }).get(key)!;
  };
  for (const q of quotas) cell(q.fieldKey, q.respondentKind).quota = q;
  for (const e of entries) cell(e.fieldKey, e.respondentKind).entries.push(e);
  return [...groups.values()]
    .map((g) => planGroup(g.fieldKey, g.kind, g.entries, g.quota))
    .sort(
      (a, b) =>
        rank(day.fields, a.fieldKey) - rank(day.fields, b.fieldKey) ||
        rank(day.respondentKinds, a.respondentKind) - rank(day.respondentKinds, b.respondentKind),
    );
}

/** Whether the enumerator may act on this entry now: a pending official, or a reserve entry offered. */
export function isActionable(group: ListGroup, entryId: string): boolean {
  return group.queue.some((e) => e.entryId === entryId);
}

/** The group holding an entry. */
export function groupOf(groups: readonly ListGroup[], entryId: string): ListGroup | undefined {
  return groups.find((g) => g.official.some((e) => e.entryId === entryId) || g.reserve.some((e) => e.entryId === entryId));
}

/** The progress of several groups added up (a unit's total). */
export function addProgress(list: readonly GroupProgress[]): GroupProgress {
  const sum = (k: keyof GroupProgress) => list.reduce((n, p) => n + p[k], 0);
  return {
    official: sum('official'),
    reserve: sum('reserve'),
    done: sum('done'),
    officialDone: sum('officialDone'),
    reserveUsed: sum('reserveUsed'),
    refused: sum('refused'),
    unreachable: sum('unreachable'),
    missing: sum('missing'),
  };
}
