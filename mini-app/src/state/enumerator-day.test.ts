import { describe, expect, it } from 'vitest';
import { dayFixture, entry, op } from '../test-support/enumerator-fixture.ts';
import { addProgress, groupEntries, groupOf, isActionable, planGroup, withLocalOps } from './enumerator-day.ts';

const ids = (list: readonly { entryId: string }[]) => list.map((e) => e.entryId);

describe('planGroup', () => {
  it('queues the officials in their order, offers no reserve while they can fill the quota, and names the next one', () => {
    const g = planGroup('f', 'k', [entry('r1', 'reserve', 1), entry('o2', 'official', 2), entry('o1', 'official', 1)]);
    expect(ids(g.official)).toEqual(['o1', 'o2']);
    expect(ids(g.queue)).toEqual(['o1', 'o2']);
    expect(ids(g.offered)).toEqual([]);
    expect(ids(g.unused)).toEqual(['r1']);
    expect(g.next?.entryId).toBe('o1');
    expect(g.progress).toEqual({ official: 2, reserve: 1, done: 0, officialDone: 0, reserveUsed: 0, refused: 0, unreachable: 0, missing: 2 });
  });

  it('moves on to the next pending official when one is done', () => {
    const g = planGroup('f', 'k', [entry('o1', 'official', 1, { status: 'done' }), entry('o2', 'official', 2), entry('o3', 'official', 3)]);
    expect(g.next?.entryId).toBe('o2');
    expect(g.progress.done).toBe(1);
    expect(g.progress.missing).toBe(2);
  });

  it('offers the first reserve entry for a refused official, and the next for an unreachable one', () => {
    const entries = [entry('o1', 'official', 1, { status: 'refused' }), entry('o2', 'official', 2), entry('r1', 'reserve', 1), entry('r2', 'reserve', 2), entry('r3', 'reserve', 3)];
    let g = planGroup('f', 'k', entries);
    expect(ids(g.queue)).toEqual(['o2', 'r1']);
    expect(ids(g.unused)).toEqual(['r2', 'r3']);
    g = planGroup('f', 'k', entries.map((e) => (e.entryId === 'o2' ? { ...e, status: 'unreachable' as const } : e)));
    expect(ids(g.queue)).toEqual(['r1', 'r2']);
    expect(g.next?.entryId).toBe('r1');
    expect(g.progress.refused).toBe(1);
    expect(g.progress.unreachable).toBe(1);
  });

  it('replaces a refused reserve entry with the next one, and counts as used the reserve entries that gave a response', () => {
    const g = planGroup('f', 'k', [
      entry('o1', 'official', 1, { status: 'refused' }),
      entry('o2', 'official', 2, { status: 'done' }),
      entry('r1', 'reserve', 1, { status: 'refused' }),
      entry('r2', 'reserve', 2),
      entry('r3', 'reserve', 3),
    ]);
    expect(ids(g.queue)).toEqual(['r2']);
    expect(g.progress.reserveUsed).toBe(0);
    const after = planGroup('f', 'k', [...g.official, ...g.reserve.map((e) => (e.entryId === 'r2' ? { ...e, status: 'done' as const } : e))]);
    expect(after.progress).toMatchObject({ done: 2, officialDone: 1, reserveUsed: 1, missing: 0 });
    expect(after.next).toBeNull();
    expect(ids(after.queue)).toEqual([]);
  });

  it("takes the quota's sizes over the lists' when the campaign sets them", () => {
    const entries = [entry('o1', 'official', 1, { status: 'done' }), entry('o2', 'official', 2), entry('o3', 'official', 3), entry('r1', 'reserve', 1)];
    const g = planGroup('f', 'k', entries, { official: 2, reserve: 5 });
    expect(g.progress).toMatchObject({ official: 2, reserve: 5, done: 1, missing: 1 });
    expect(g.next?.entryId).toBe('o2');
    const met = planGroup('f', 'k', entries.map((e) => (e.entryId === 'o2' ? { ...e, status: 'done' as const } : e)), { official: 2, reserve: 5 });
    expect(met.progress.missing).toBe(0);
    expect(met.next).toBeNull();
  });

  it('has no one to offer when the reserve list runs out', () => {
    const g = planGroup('f', 'k', [entry('o1', 'official', 1, { status: 'refused' }), entry('r1', 'reserve', 1, { status: 'unreachable' })]);
    expect(g.next).toBeNull();
    expect(g.progress.missing).toBe(1);
  });
});

describe('withLocalOps', () => {
  it("writes the device's ops over pending entries only", () => {
    const entries = [entry('o1', 'official', 1), entry('o2', 'official', 2, { status: 'done' }), entry('o3', 'official', 3)];
    const out = withLocalOps(entries, [op('response', 'o1'), op('refused', 'o2'), op('unreachable', 'o3')]);
    expect(out.map((e) => e.status)).toEqual(['done', 'done', 'unreachable']);
    expect(entries[0]!.status).toBe('pending');
  });
});

describe('groupEntries', () => {
  it("groups a unit's list by field and respondent kind in the campaign's order", () => {
    const day = dayFixture();
    const groups = groupEntries(day, day.units[0]!.entries, day.units[0]!.quotas);
    expect(groups.map((g) => `${g.fieldKey}/${g.respondentKind}`)).toEqual(['tu_phap/citizen', 'lao_dong/citizen', 'lao_dong/business']);
    expect(groups[1]!.progress).toMatchObject({ official: 2, reserve: 2, missing: 2 });
    expect(groups[1]!.next).toBeNull();
    expect(ids(groups[0]!.official)).toEqual(['a-o1', 'a-o2', 'a-o3']);
    expect(ids(groups[0]!.reserve)).toEqual(['a-r1', 'a-r2']);
    expect(groupOf(groups, 'a-b2')?.fieldKey).toBe('lao_dong');
    expect(isActionable(groups[2]!, 'a-b1')).toBe(true);
    expect(isActionable(groups[2]!, 'a-b2')).toBe(false);
    expect(addProgress(groups.map((g) => g.progress))).toMatchObject({ official: 6, reserve: 5, missing: 6 });
  });

  it('puts a field the campaign does not list last', () => {
    const day = dayFixture();
    const groups = groupEntries(day, [entry('x', 'official', 1, { fieldKey: 'khac' }), entry('y', 'official', 1, { fieldKey: 'lao_dong' })]);
    expect(groups.map((g) => g.fieldKey)).toEqual(['lao_dong', 'khac']);
  });
});
