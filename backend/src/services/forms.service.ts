import { AppError } from '../app-error.ts';
import type { Db } from '../db/create-db.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import { findFormVersion, formVersionHasResponses, insertFormVersion, latestFormVersion, replaceFormVersion } from '../db/forms.repository.ts';
import { sameContent, type FormContent, type FormDefinition } from '../domain/form.ts';

/**
 * Form versions as the request thread reads them. A version is read once and kept (its content
 * changes only while it has no responses, and then within `ttlMs` for other replicas); the latest
 * version of a key is read again every `ttlMs`, so a version added on another replica is served
 * within seconds.
 */
export class FormCatalog {
  readonly #versions = new Map<string, { form: FormDefinition | null; expires: number }>();
  readonly #latest = new Map<string, { form: FormDefinition | null; expires: number }>();
  readonly #ttlMs: number;

  constructor(opts: { ttlMs?: number } = {}) {
    this.#ttlMs = opts.ttlMs ?? 5000;
  }

  async version(db: Db, key: string, version: number, nowMs = Date.now()): Promise<FormDefinition | null> {
    const id = `${key}|${version}`;
    const hit = this.#versions.get(id);
    if (hit && hit.expires > nowMs) return hit.form;
    const form = (await findFormVersion(db.kysely, key, version)) ?? null;
    this.#versions.set(id, { form, expires: nowMs + this.#ttlMs });
    return form;
  }

  async latest(db: Db, key: string, nowMs = Date.now()): Promise<FormDefinition | null> {
    const hit = this.#latest.get(key);
    if (hit && hit.expires > nowMs) return hit.form;
    const form = (await latestFormVersion(db.kysely, key)) ?? null;
    this.#latest.set(key, { form, expires: nowMs + this.#ttlMs });
    return form;
  }

  /** Forget what this process read (after it changed a form itself). */
  clear(): void {
    this.#versions.clear();
    this.#latest.clear();
  }
}

export interface SavedForm {
  key: string;
  version: number;
  /** False when the content was that of the latest version already: nothing was added. */
  created: boolean;
}

/**
 * Adds a form, or its next version. Posting the latest version's content again adds nothing (an
 * import run twice is harmless).
 */
export async function addFormVersion(db: Db, catalog: FormCatalog, input: FormContent & { key: string }, now: Date): Promise<SavedForm> {
  for (let attempt = 0; ; attempt++) {
    const latest = await latestFormVersion(db.kysely, input.key);
    if (latest && sameContent(latest, input)) return { key: input.key, version: latest.version, created: false };
    const version = (latest?.version ?? 0) + 1;
    try {
      await insertFormVersion(db.kysely, { key: input.key, version, content: input, now: now.toISOString() });
      catalog.clear();
      return { key: input.key, version, created: true };
    } catch (err) {
      // Two administrators at once: the other one took this number; count again.
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

export const VERSION_IN_USE = 'Phiên bản này đã có phiếu trả lời nên không thể sửa. Hãy tạo phiên bản mới của phiếu.';

/** Replaces a version's content, which is allowed only while no response was stored with it. */
export async function replaceUnusedFormVersion(db: Db, catalog: FormCatalog, key: string, version: number, input: FormContent & { key: string }): Promise<SavedForm> {
  if (input.key !== key) throw new AppError('invalid_input', undefined, { details: [{ path: 'key', message: 'Khóa phiếu phải trùng với đường dẫn.' }] });
  const existing = await findFormVersion(db.kysely, key, version);
  if (!existing) throw new AppError('not_found', 'Không có phiên bản phiếu này.');
  if (await formVersionHasResponses(db.kysely, key, version)) throw new AppError('conflict', VERSION_IN_USE);
  if (!sameContent(existing, input)) await replaceFormVersion(db.kysely, { key, version, content: input });
  catalog.clear();
  return { key, version, created: false };
}
