import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../../backend/src/db/schema.ts';
import { findUnitByCode, insertUnit } from '../../../backend/src/db/units.repository.ts';
import { insertOfficer, listOfficers } from '../../../backend/src/db/officers.repository.ts';
import { insertPoint, listPoints } from '../../../backend/src/db/points.repository.ts';
import { findStaffByUsername, insertStaff } from '../../../backend/src/db/staff.repository.ts';
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

const same = (a: string, b: string) => a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
const zero = (): Counts => ({ units: 0, officers: 0, points: 0, staff: 0 });

class DryRunRollback extends Error {}

/** Parents before children, so a commune can name a district described later in the file. */
function unitsInOrder(plan: SetupPlan): SetupPlan['units'] {
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

/** Checks against what the database already holds; returns line-numbered problems. */
async function checkAgainstDatabase(deps: Deps, plan: SetupPlan, warnings: string[]): Promise<LineError[]> {
  const db = deps.db.kysely;
  const errors: LineError[] = [];
  const planned = new Set(plan.units.map((u) => u.code));
  const unitIds = new Map<string, string>();
  for (const code of new Set([...planned, ...plan.units.flatMap((u) => (u.parentCode ? [u.parentCode] : []))])) {
    const found = await findUnitByCode(db, code);
    if (found) unitIds.set(code, found.id);
  }
  for (const u of plan.units) {
    if (u.parentCode && !planned.has(u.parentCode) && !unitIds.has(u.parentCode)) {
      errors.push({ line: u.line, message: `parent unit "${u.parentCode}" is neither in this file nor in the database` });
    }
    const existing = await findUnitByCode(db, u.code);
    if (existing && existing.name !== u.name) {
      warnings.push(`line ${u.line}: unit "${u.code}" exists as "${existing.name}"; its name is left unchanged`);
    }
  }
  const unitKnown = (code: string) => planned.has(code) || unitIds.has(code);
  const records: { line: number; unitCode: string }[] = [...plan.officers, ...plan.points, ...plan.staff];
  for (const r of records) {
    if (!unitKnown(r.unitCode)) errors.push({ line: r.line, message: `unit "${r.unitCode}" is neither in this file nor in the database` });
  }
  for (const p of plan.points) {
    if (p.officerName === null || !unitKnown(p.unitCode)) continue;
    const inFile = plan.officers.some((o) => o.unitCode === p.unitCode && same(o.name, p.officerName!));
    const unitId = unitIds.get(p.unitCode);
    const inDb = unitId !== undefined && (await listOfficers(db, unitId, { activeOnly: true })).some((o) => same(o.name, p.officerName!));
    if (!inFile && !inDb) errors.push({ line: p.line, message: `officer "${p.officerName}" is not an officer of ${p.unitCode}` });
  }
  for (const s of plan.staff) {
    const existing = await findStaffByUsername(db, s.username);
    if (existing && existing.unitId !== unitIds.get(s.unitCode)) {
      errors.push({ line: s.line, message: `username "${s.username}" already belongs to another unit` });
    }
  }
  return errors;
}

/**
 * Applies a set-up plan: everything it describes that does not exist yet is created, in one
 * transaction (all or nothing). Matching: units by code, officers by name within the unit,
 * points by label within the unit, staff by username. Running the same file again creates nothing.
 */
export async function applySetup(deps: Deps, plan: SetupPlan, file: string, opts: ApplyOptions = {}): Promise<SetupSummary> {
  const warnings: string[] = [];
  const problems = await checkAgainstDatabase(deps, plan, warnings);
  if (problems.length > 0) throw new FileErrors(file, problems);

  // Password hashing is slow (scrypt) and needs no lock: do it before the write transaction.
  const generatedPasswords: SetupSummary['generatedPasswords'] = [];
  const hashes = new Map<string, string>();
  const newStaff: SetupPlan['staff'] = [];
  for (const s of plan.staff) if (!(await findStaffByUsername(deps.db.kysely, s.username))) newStaff.push(s);
  opts.progress?.start(newStaff.length + plan.units.length + plan.officers.length + plan.points.length + plan.staff.length, file);
  for (const s of newStaff) {
    const password = s.password ?? randomBytes(9).toString('base64url');
    if (s.password === null) generatedPasswords.push({ username: s.username, password });
    hashes.set(s.username, opts.dryRun ? '' : await hashPassword(password));
    opts.progress?.tick();
  }

  const created = zero();
  const existing = zero();
  const now = deps.now().toISOString();
  try {
    await deps.db.kysely.transaction().execute(async (trx: Transaction<Database>) => {
      const unitIds = new Map<string, string>();
      const unitId = async (code: string): Promise<string> => {
        const known = unitIds.get(code) ?? (await findUnitByCode(trx, code))?.id;
        if (!known) throw new Error(`unit ${code} vanished during set-up`);
        unitIds.set(code, known);
        return known;
      };
      for (const u of unitsInOrder(plan)) {
        const found = await findUnitByCode(trx, u.code);
        if (found) existing.units++;
        else {
          const parentId = u.parentCode ? await unitId(u.parentCode) : null;
          await insertUnit(trx, { id: crypto.randomUUID(), code: u.code, name: u.name, kind: u.kind, parentId, now });
          created.units++;
        }
        opts.progress?.tick();
      }
      for (const o of plan.officers) {
        const id = await unitId(o.unitCode);
        if ((await listOfficers(trx, id)).some((x) => same(x.name, o.name))) existing.officers++;
        else {
          await insertOfficer(trx, { id: crypto.randomUUID(), unitId: id, name: o.name, title: o.title, now });
          created.officers++;
        }
        opts.progress?.tick();
      }
      for (const p of plan.points) {
        const id = await unitId(p.unitCode);
        if ((await listPoints(trx, id)).some((x) => same(x.label, p.label))) existing.points++;
        else {
          let officerId: string | null = null;
          if (p.officerName !== null) {
            const officer = (await listOfficers(trx, id, { activeOnly: true })).find((x) => same(x.name, p.officerName!));
            if (!officer) throw new FileErrors(file, [{ line: p.line, message: `officer "${p.officerName}" is not an active officer of ${p.unitCode}` }]);
            officerId = officer.id;
          }
          await insertPoint(trx, { id: crypto.randomUUID(), unitId: id, officerId, label: p.label, tokenKey: newTokenKey(), formKey: DEFAULT_FORM_KEY, kind: 'counter', now });
          created.points++;
        }
        opts.progress?.tick();
      }
      for (const s of plan.staff) {
        const id = await unitId(s.unitCode);
        if (await findStaffByUsername(trx, s.username)) existing.staff++;
        else {
          const passwordHash = hashes.get(s.username);
          if (passwordHash === undefined) throw new Error(`username ${s.username} appeared during set-up; run it again`);
          await insertStaff(trx, { id: crypto.randomUUID(), unitId: id, username: s.username, passwordHash, role: s.role, now });
          created.staff++;
        }
        opts.progress?.tick();
      }
      if (opts.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  } finally {
    opts.progress?.stop();
  }
  return { created, existing, generatedPasswords, warnings, dryRun: opts.dryRun ?? false };
}
