import { sql, type Kysely, type Transaction } from 'kysely';
import { BUILT_IN_FORMS } from '../domain/built-in-forms.ts';
import { contentJson, type FormContent, type FormDefinition } from '../domain/form.ts';
import type { Db } from './create-db.ts';
import { isUniqueViolation } from './db-errors.ts';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

const toDefinition = (r: { key: string; version: number; content: string }): FormDefinition => ({ key: r.key, version: r.version, ...(JSON.parse(r.content) as FormContent) });

export async function findFormVersion(db: Executor, key: string, version: number): Promise<FormDefinition | undefined> {
  const row = await db.selectFrom('forms').select(['key', 'version', 'content']).where('key', '=', key).where('version', '=', version).executeTakeFirst();
  return row && toDefinition(row);
}

export async function latestFormVersion(db: Executor, key: string): Promise<FormDefinition | undefined> {
  const row = await db.selectFrom('forms').select(['key', 'version', 'content']).where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row && toDefinition(row);
}

export interface FormSummary {
  key: string;
  title: string;
  versions: number[];
}

/** Every form with its versions, newest title first per key. */
export async function listForms(db: Executor): Promise<FormSummary[]> {
  const rows = await db.selectFrom('forms').select(['key', 'version', 'title']).orderBy('key').orderBy('version').execute();
  const out = new Map<string, FormSummary>();
  for (const r of rows) {
    const f = out.get(r.key) ?? { key: r.key, title: r.title, versions: [] };
    f.versions.push(r.version);
    f.title = r.title;
    out.set(r.key, f);
  }
  return [...out.values()];
}

export async function insertFormVersion(db: Executor, f: { key: string; version: number; content: FormContent; now: string }): Promise<void> {
  await db.insertInto('forms').values({ key: f.key, version: f.version, title: f.content.title, content: contentJson(f.content), created_at: f.now }).execute();
}

export async function replaceFormVersion(db: Executor, f: { key: string; version: number; content: FormContent }): Promise<void> {
  await db.updateTable('forms').set({ title: f.content.title, content: contentJson(f.content) }).where('key', '=', f.key).where('version', '=', f.version).execute();
}

/**
 * Whether any response was stored with this form version. No index serves it (one more index on
 * responses costs every response a page write): a rare administrator's action pays a scan.
 */
export async function formVersionHasResponses(db: Executor, key: string, version: number): Promise<boolean> {
  const row = await db.selectFrom('responses').select(sql<number>`1`.as('one')).where('form_key', '=', key).where('form_version', '=', version).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** `key|version` → the general question of every stored form version (verify). */
export async function overallKeysByForm(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('forms').select(['key', 'version', 'content']).execute();
  return new Map(rows.map((r) => [`${r.key}|${r.version}`, (JSON.parse(r.content) as FormContent).overallKey]));
}

/** Adds the built-in forms (counter, SIPAS) a database lacks; a stored version is never overwritten. */
export async function ensureBuiltInForms(db: Db, now: Date = new Date()): Promise<void> {
  for (const f of BUILT_IN_FORMS) {
    if (await findFormVersion(db.kysely, f.key, f.version)) continue;
    try {
      await insertFormVersion(db.kysely, { key: f.key, version: f.version, content: f, now: now.toISOString() });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another process added it meanwhile
    }
  }
}

/** The forms a unit uses: those its points serve and those it has counts of, counter first. */
export async function formKeysOfUnit(db: Executor, unitId: string): Promise<string[]> {
  const [points, counted] = await Promise.all([
    db.selectFrom('points').select('form_key').distinct().where('unit_id', '=', unitId).execute(),
    db.selectFrom('tallies').select('form_key').distinct().where('unit_id', '=', unitId).execute(),
  ]);
  const keys = new Set(['counter', ...points.map((p) => p.form_key), ...counted.map((t) => t.form_key)]);
  return [...keys];
}
