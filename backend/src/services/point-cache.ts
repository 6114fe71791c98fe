import { listFields, listOfficers } from '../db/officers.repository.ts';
import { findPointByTokenKey, type Point } from '../db/points.repository.ts';
import type { Db } from '../db/create-db.ts';

export interface PointContext {
  point: Point;
  activeOfficerIds: ReadonlySet<string>;
  activeFieldIds: ReadonlySet<string>;
}

/**
 * What a response needs to be checked against (its point, the unit's active officers and
 * fields), kept for a few seconds so the hot path does not re-read them per request. Changes
 * made through this process clear it at once; changes by another process or replica are seen
 * within `ttlMs`.
 */
export class PointCache {
  readonly #entries = new Map<string, { value: PointContext | null; expires: number }>();
  /** Tokens whose signature checked out → their key: one HMAC per token, not one per request. */
  readonly #verified = new Map<string, string>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(ttlMs = 5000, max = 20_000) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  async get(db: Db, tokenKey: string, nowMs: number): Promise<PointContext | null> {
    const hit = this.#entries.get(tokenKey);
    if (hit && hit.expires > nowMs) return hit.value;
    const point = await findPointByTokenKey(db.kysely, tokenKey);
    let value: PointContext | null = null;
    if (point) {
      const [officers, fields] = await Promise.all([
        listOfficers(db.kysely, point.unitId, { activeOnly: true }),
        listFields(db.kysely, point.unitId, { activeOnly: true }),
      ]);
      value = { point, activeOfficerIds: new Set(officers.map((o) => o.id)), activeFieldIds: new Set(fields.map((f) => f.id)) };
    }
    if (this.#entries.size >= this.#max) this.#entries.clear();
    this.#entries.set(tokenKey, { value, expires: nowMs + this.#ttlMs });
    return value;
  }

  /** The key of a validly signed token (`verify` runs once per distinct valid token), else null. */
  keyOf(token: string, verify: (token: string) => string | null): string | null {
    const known = this.#verified.get(token);
    if (known !== undefined) return known;
    const key = verify(token);
    // Only valid tokens are kept (forged ones are checked every time), so the map is bounded by
    // the number of real points; a secret rotation restarts the process and empties it.
    if (key !== null) {
      if (this.#verified.size >= this.#max) this.#verified.clear();
      this.#verified.set(token, key);
    }
    return key;
  }

  clear(): void {
    this.#entries.clear();
  }
}
