import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../backend/src/db/schema.ts';
import {
  insertOfficers,
  insertPoints,
  insertStaffAccounts,
  insertUnits,
  officersOfUnits,
  pointLabelsOfUnits,
  staffUnitsByUsername,
  unitsByCode,
  type UnitEntry,
} from '../../../backend/src/db/bulk-setup.repository.ts';
import { hashPassword } from '../../../backend/src/security/passwords.ts';
import { newTokenKey } from '../../../backend/src/security/point-token.ts';
import type { Deps } from '../../../backend/src/deps.ts';
import { DEFAULT_FORM_KEY } from '../../../backend/src/domain/built-in-forms.ts';
import type { Progress } from '../cli/progress.ts';
import { FileErrors, type LineError, type SetupPlan } from './setup-plan.ts';

export interface Counts {
  units: number;
  officers: number;
  points: number;
  staff: number;
}

export interface SetupSummary {
  created: Counts;
  existing: Counts;
  /** Passwords generated for new accounts whose row gave none: shown once, never stored in clear. */
  generatedPasswords: { username: string; password: string }[];
  warnings: string[];
  dryRun: boolean;
}

export interface ApplyOptions {
  dryRun?: boolean;
  progress?: Progress;
}

const fold = (s: string) => s.normalize('NFC').toLowerCase();
const zero = (): Counts => ({ units: 0, officers: 0, points: 0, staff: 0 });
// scrypt runs on libuv's thread pool (4 threads): a few at once, not hundreds.
const HASHING_AT_ONCE = 4;

class DryRunRollback extends Error {}

/** What the database holds that the plan touches: a handful of queries, whatever the file's size. */
interface Snapshot {
  units: Map<string, UnitEntry>;
  /** `${unitId}|${folded name}` → officer, for the plan's existing units. */
  officers: Map<string, { id: string; active: boolean }>;
  /** `${unitId}|${folded label}`. */
  points: Set<string>;
  /** username → unit id. */
  staff: Map<string, string>;
}

async function readSnapshot(db: Kysely<Database> | Transaction<Database>, plan: SetupPlan): Promise<Snapshot> {
  const units = await unitsByCode(db);
  const codes = new Set([...plan.units.map((u) => u.code), ...[...plan.officers, ...plan.points, ...plan.staff].map((r) => r.unitCode)]);
  const ids = [...codes].flatMap((c) => units.get(c)?.id ?? []);
  const officers = new Map((await officersOfUnits(db, ids)).map((o) => [`${o.unitId}|${fold(o.name)}`, { id: o.id, active: o.active }]));
  const points = new Set((await pointLabelsOfUnits(db, ids)).map((p) => `${p.unitId}|${fold(p.label)}`));
  const staff = await staffUnitsByUsername(db, plan.staff.map((s) => s.username));
  return { units, officers, points, staff };
}

/** Parents before children: a file may list a commune before the province it belongs to. */
export function unitsInOrder(plan: SetupPlan): SetupPlan['units'] {
  const byCode = new Map(plan.units.map((u) => [u.code, u]));
  const out: SetupPlan['units'] = [];
  const done = new Set<string>();
  const visit = (code: string, depth: number) => {
    const u = byCode.get(code);
    if (!u || done.has(code) || depth > plan.units.length) return;
    if (u.parentCode) visit(u.parentCode, depth + 1);
    done.add(code);
    out.push(u);
  };
  for (const u of plan.units) visit(u.code, 0);
  return out;
}

/** Checks against what the database already holds; returns line-numbered problems (and warnings for what stays as it is). */
function checkAgainstDatabase(plan: SetupPlan, snap: Snapshot, warnings: string[]): LineError[] {
  const errors: LineError[] = [];
  const planned = new Map(plan.units.map((u) => [u.code, u]));
  const byId = new Map([...snap.units.values()].map((u) => [u.id, u]));
  const unitKnown = (code: string) => planned.has(code) || snap.units.has(code);
  for (const u of plan.units) {
    if (u.parentCode && !unitKnown(u.parentCode)) {
      errors.push({ line: u.line, message: `parent unit "${u.parentCode}" is neither in this file nor in the database` });
    }
    const existing = snap.units.get(u.code);
    if (!existing) continue;
    // An existing unit is kept as it is: a set-up file never renames or moves what others use.
    if (existing.name !== u.name) warnings.push(`line ${u.line}: unit "${u.code}" exists as "${existing.name}"; its name is left unchanged`);
    if (existing.kind !== u.kind) warnings.push(`line ${u.line}: unit "${u.code}" exists as a ${existing.kind}; its kind is left unchanged`);
    const parentCode = existing.parentId === null ? null : (byId.get(existing.parentId)?.code ?? null);
    if (parentCode !== u.parentCode) {
      warnings.push(`line ${u.line}: unit "${u.code}" exists under ${parentCode === null ? 'no parent' : `"${parentCode}"`}; its parent is left unchanged`);
    }
  }
  for (const r of [...plan.officers, ...plan.points, ...plan.staff]) {
    if (!unitKnown(r.unitCode)) errors.push({ line: r.line, message: `unit "${r.unitCode}" is neither in this file nor in the database` });
  }
  const officersInFile = new Set(plan.officers.map((o) => `${o.unitCode}|${fold(o.name)}`));
  for (const p of plan.points) {
    if (p.officerName === null || !unitKnown(p.unitCode)) continue;
    const unitId = snap.units.get(p.unitCode)?.id;
    const inDb = unitId !== undefined && snap.officers.get(`${unitId}|${fold(p.officerName)}`)?.active === true;
    if (!officersInFile.has(`${p.unitCode}|${fold(p.officerName)}`) && !inDb) {
      errors.push({ line: p.line, message: `officer "${p.officerName}" is not an officer of ${p.unitCode}` });
    }
  }
  for (const s of plan.staff) {
    const owner = snap.staff.get(s.username);
    if (owner !== undefined && owner !== snap.units.get(s.unitCode)?.id) {
      errors.push({ line: s.line, message: `username "${s.username}" already belongs to another unit` });
    }
  }
  return errors;
}

async function hashNewPasswords(plan: SetupPlan, snap: Snapshot, opts: ApplyOptions) {
  const generatedPasswords: SetupSummary['generatedPasswords'] = [];
  const hashes = new Map<string, string>();
  const todo = plan.staff.filter((s) => !snap.staff.has(s.username));
  for (let i = 0; i < todo.length; i += HASHING_AT_ONCE) {
    await Promise.all(
      todo.slice(i, i + HASHING_AT_ONCE).map(async (s) => {
        const password = s.password ?? randomBytes(9).toString('base64url');
        if (s.password === null) generatedPasswords.push({ username: s.username, password });
        hashes.set(s.username, opts.dryRun ? '' : await hashPassword(password));
        opts.progress?.tick();
      }),
    );
  }
  // In file order, whatever order the hashes finished in.
  const order = new Map(plan.staff.map((s, i) => [s.username, i]));
  generatedPasswords.sort((a, b) => order.get(a.username)! - order.get(b.username)!);
  return { generatedPasswords, hashes, count: todo.length };
}

/**
 * Applies a set-up plan: everything it describes that does not exist yet is created, in one
 * transaction (all or nothing). Matching: units by code, officers by name within the unit,
 * points by label within the unit, staff by username. Running the same file again creates nothing;
 * what exists is kept as it is (a different name, kind or parent is a warning, not a change).
 * Each table is read once and written in a few multi-row statements, so a province of 3,321
 * communes takes about as many statements as a commune.
 */
export async function applySetup(deps: Deps, plan: SetupPlan, file: string, opts: ApplyOptions = {}): Promise<SetupSummary> {
  const warnings: string[] = [];
  const before = await readSnapshot(deps.db.kysely, plan);
  const problems = checkAgainstDatabase(plan, before, warnings);
  if (problems.length > 0) throw new FileErrors(file, problems);

  const newStaffCount = plan.staff.filter((s) => !before.staff.has(s.username)).length;
  opts.progress?.start(newStaffCount + plan.units.length + plan.officers.length + plan.points.length + plan.staff.length, file);
  // Password hashing is slow (scrypt) and needs no lock: done before the write transaction.
  const { generatedPasswords, hashes } = await hashNewPasswords(plan, before, opts);

  const created = zero();
  const existing = zero();
  const now = deps.now().toISOString();
  try {
    await deps.db.kysely.transaction().execute(async (trx: Transaction<Database>) => {
      // Read again inside the transaction: what changed since the check is seen here.
      const snap = await readSnapshot(trx, plan);
      const unitIds = new Map([...snap.units.values()].map((u) => [u.code, u.id]));
      const unitId = (code: string): string => {
        const id = unitIds.get(code);
        if (!id) throw new Error(`unit ${code} vanished during set-up`);
        return id;
      };

      const newUnits: UnitEntry[] = [];
      for (const u of unitsInOrder(plan)) {
        if (unitIds.has(u.code)) existing.units++;
        else {
          const entry = { id: crypto.randomUUID(), code: u.code, name: u.name, kind: u.kind, parentId: u.parentCode ? unitId(u.parentCode) : null };
          unitIds.set(u.code, entry.id);
          newUnits.push(entry);
        }
      }
      created.units = newUnits.length;
      await insertUnits(trx, newUnits, now);
      opts.progress?.tick(plan.units.length);

      const activeOfficers = new Map([...snap.officers].filter(([, o]) => o.active).map(([k, o]) => [k, o.id]));
      const newOfficers: { id: string; unitId: string; name: string; title: string | null }[] = [];
      for (const o of plan.officers) {
        const id = unitId(o.unitCode);
        const key = `${id}|${fold(o.name)}`;
        if (snap.officers.has(key)) existing.officers++;
        else {
          const officer = { id: crypto.randomUUID(), unitId: id, name: o.name, title: o.title };
          newOfficers.push(officer);
          activeOfficers.set(key, officer.id);
        }
      }
      created.officers = newOfficers.length;
      await insertOfficers(trx, newOfficers, now);
      opts.progress?.tick(plan.officers.length);

      const newPoints: Parameters<typeof insertPoints>[1][number][] = [];
      for (const p of plan.points) {
        const id = unitId(p.unitCode);
        if (snap.points.has(`${id}|${fold(p.label)}`)) {
          existing.points++;
          continue;
        }
        let officerId: string | null = null;
        if (p.officerName !== null) {
          officerId = activeOfficers.get(`${id}|${fold(p.officerName)}`) ?? null;
          if (!officerId) throw new FileErrors(file, [{ line: p.line, message: `officer "${p.officerName}" is not an active officer of ${p.unitCode}` }]);
        }
        newPoints.push({ id: crypto.randomUUID(), unitId: id, officerId, label: p.label, tokenKey: newTokenKey(), formKey: DEFAULT_FORM_KEY, kind: 'counter' });
      }
      created.points = newPoints.length;
      await insertPoints(trx, newPoints, now);
      opts.progress?.tick(plan.points.length);

      const newStaff: Parameters<typeof insertStaffAccounts>[1][number][] = [];
      for (const s of plan.staff) {
        const id = unitId(s.unitCode);
        if (snap.staff.has(s.username)) existing.staff++;
        else {
          const passwordHash = hashes.get(s.username);
          if (passwordHash === undefined) throw new Error(`username ${s.username} appeared during set-up; run it again`);
          newStaff.push({ id: crypto.randomUUID(), unitId: id, username: s.username, passwordHash, role: s.role });
        }
      }
      created.staff = newStaff.length;
      await insertStaffAccounts(trx, newStaff, now);
      opts.progress?.tick(plan.staff.length);
      if (opts.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  } finally {
    opts.progress?.stop();
  }
  return { created, existing, generatedPasswords, warnings, dryRun: opts.dryRun ?? false };
}
