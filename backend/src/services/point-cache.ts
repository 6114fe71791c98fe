import { listFields, listOfficers } from '../db/officers.repository.ts';
import { findPointByTokenKey, type Point } from '../db/points.repository.ts';
import type { Db } from '../db/create-db.ts';

/** How soon an unknown officer or field id may make a unit be read again. */
const REFRESH_MIN_MS = 1000;

export interface PointContext {
  point: Point;
  activeOfficerIds: ReadonlySet<string>;
  activeFieldIds: ReadonlySet<string>;
}

/** A unit's active officers and fields, and when they were read. */
interface UnitEntry {
  officerIds: ReadonlySet<string>;
  fieldIds: ReadonlySet<string>;
  readAt: number;
}

/**
 * What a response needs to be checked against (its point, the unit's active officers and
 * fields), kept in memory so that the hot path does not re-read them per request. Changes made
 * through this process clear it at once. Changes by another process or replica are seen:
 * - for a point (disabled, token rotated) within `pointTtlMs`, 5 s: a revoked QR code stops
 *   working everywhere almost at once;
 * - for a unit's officers and fields within `unitTtlMs`, 60 s, except that an id the cache does
 *   not know is re-read before it is refused (`refreshUnit`), so an officer just added on
 *   another replica is accepted at once. One kept longer only lets a just-deactivated officer be
 *   rated for up to a minute more.
 * Re-reading all three every 5 s cost PostgreSQL three queries per busy unit per 5 s: in the
 * national ingest (3,300 units) three in four of its queries (64k of 85k).
 */
export class PointCache {
  readonly #points = new Map<string, { point: Point | null; expires: number }>();
  readonly #units = new Map<string, UnitEntry>();
  /** Tokens whose signature checked out → their key: one HMAC per token, not one per request. */
  readonly #verified = new Map<string, string>();
  readonly #pointTtlMs: number;
  readonly #unitTtlMs: number;
  readonly #max: number;

  constructor(opts: { pointTtlMs?: number; unitTtlMs?: number; max?: number } = {}) {
    this.#pointTtlMs = opts.pointTtlMs ?? 5000;
    this.#unitTtlMs = opts.unitTtlMs ?? 60_000;
    this.#max = opts.max ?? 20_000;
  }

  async get(db: Db, tokenKey: string, nowMs: number): Promise<PointContext | null> {
    let hit = this.#points.get(tokenKey);
    if (!hit || hit.expires <= nowMs) {
      hit = { point: (await findPointByTokenKey(db.kysely, tokenKey)) ?? null, expires: nowMs + this.#pointTtlMs };
      if (this.#points.size >= this.#max) this.#points.clear();
      this.#points.set(tokenKey, hit);
    }
    const { point } = hit;
    if (!point) return null;
    let unit = this.#units.get(point.unitId);
    if (!unit || unit.readAt + this.#unitTtlMs <= nowMs) unit = await this.#readUnit(db, point.unitId, nowMs);
    return { point, activeOfficerIds: unit.officerIds, activeFieldIds: unit.fieldIds };
  }

  /**
   * The unit's officers and fields read again, for an id the cache does not know (added by
   * another replica?). At most once a second per unit: made-up ids must not become a query each.
   */
  async refreshUnit(db: Db, unitId: string, nowMs: number): Promise<Pick<PointContext, 'activeOfficerIds' | 'activeFieldIds'>> {
    let unit = this.#units.get(unitId);
    if (!unit || unit.readAt + REFRESH_MIN_MS <= nowMs) unit = await this.#readUnit(db, unitId, nowMs);
    return { activeOfficerIds: unit.officerIds, activeFieldIds: unit.fieldIds };
  }

  async #readUnit(db: Db, unitId: string, nowMs: number): Promise<UnitEntry> {
    const [officers, fields] = await Promise.all([listOfficers(db.kysely, unitId, { activeOnly: true }), listFields(db.kysely, unitId, { activeOnly: true })]);
    const entry = { officerIds: new Set(officers.map((o) => o.id)), fieldIds: new Set(fields.map((f) => f.id)), readAt: nowMs };
    if (this.#units.size >= this.#max) this.#units.clear();
    this.#units.set(unitId, entry);
    return entry;
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
    this.#points.clear();
    this.#units.clear();
  }
}
