import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertUnits, type UnitEntry } from '../../src/db/bulk-setup.repository.ts';
import { isUnitWithin, listUnitsWithin, unitSubtreeIds } from '../../src/db/units.repository.ts';
import { useTestbed } from '../helpers/testbed.ts';

/*
 * The tree's queries at the size of a province after 1 July 2025 (a province, its departments and
 * ~3,321 communes would be the whole country; one province is ~100, the test uses the country's
 * count under two provinces to be sure the recursive queries hold at that size).
 */
const bed = useTestbed({ unit: false });

async function seedCountry(): Promise<{ a: string; b: string; communesA: string[]; communesB: string[]; department: string }> {
  const entry = (code: string, kind: UnitEntry['kind'], parentId: string | null): UnitEntry => ({ id: crypto.randomUUID(), code, name: `UBND ${code}`, kind, parentId });
  const a = entry('tinh-a', 'province', null);
  const b = entry('tinh-b', 'province', null);
  const department = entry('so-a', 'department', a.id);
  const communesA = Array.from({ length: 2000 }, (_, i) => entry(`xa-a-${i}`, i % 50 === 0 ? 'special_zone' : i % 3 === 0 ? 'ward' : 'commune', a.id));
  const communesB = Array.from({ length: 1321 }, (_, i) => entry(`xa-b-${i}`, 'commune', b.id));
  await bed.deps.db.kysely.transaction().execute((trx) => insertUnits(trx, [a, b, department, ...communesA, ...communesB], '2026-01-01T00:00:00.000Z'));
  return { a: a.id, b: b.id, communesA: communesA.map((c) => c.id), communesB: communesB.map((c) => c.id), department: department.id };
}

describe('the unit tree', () => {
  it('a province subtree holds its communes and department, none of the other province, in one query each way', async () => {
    const c = await seedCountry();
    const db = bed.deps.db.kysely;
    const reachA = await unitSubtreeIds(db, c.a);
    expect(reachA.size).toBe(1 + 1 + 2000);
    expect(c.communesB.some((id) => reachA.has(id))).toBe(false);
    expect((await unitSubtreeIds(db, c.b)).size).toBe(1322);
    expect([...(await unitSubtreeIds(db, c.communesA[7]!))]).toEqual([c.communesA[7]]);
    const listed = await listUnitsWithin(db, c.b);
    expect(listed).toHaveLength(1322);
    expect(listed.map((u) => u.code)).toEqual([...listed.map((u) => u.code)].sort());
    expect(await isUnitWithin(db, c.a, c.communesA[1999]!)).toBe(true);
    expect(await isUnitWithin(db, c.a, c.department)).toBe(true);
    expect(await isUnitWithin(db, c.a, c.communesB[0]!)).toBe(false);
    expect(await isUnitWithin(db, c.communesA[0]!, c.a)).toBe(false);
    expect(await isUnitWithin(db, c.a, 'no-such-unit')).toBe(false);
    // Every new unit got its default fields and an empty chain, as one by one.
    const heads = await db.selectFrom('chain_heads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(heads.n)).toBe(3324);
  });

  it('a loop of parents written into the database by hand still ends', async () => {
    const c = await seedCountry();
    const db = bed.deps.db.kysely;
    // tinh-a under one of its own communes: a → xa-a-5 → a.
    await sql`update units set parent_id = ${c.communesA[5]!} where id = ${c.a}`.execute(db);
    expect((await unitSubtreeIds(db, c.a)).size).toBe(2002);
    expect(await isUnitWithin(db, c.b, c.communesA[5]!)).toBe(false);
    expect(await isUnitWithin(db, c.communesA[5]!, c.department)).toBe(true);
  });
});
