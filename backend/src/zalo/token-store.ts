import { createHash, randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/create-db.ts';
import { claimRefreshLease, readTokens, releaseRefreshLease, seedTokens, storeRefreshed } from '../db/zalo-tokens.repository.ts';
import type { Logger } from '../logger.ts';
import { callZalo, describeFailure, errorCodeOf } from './http.ts';

/** Refresh this long before the access token (~25 h) expires. */
const REFRESH_AHEAD_MS = 30 * 60_000;

export interface TokenStoreParts {
  db: Db;
  config: Config;
  now: () => Date;
  logger: Logger;
  /** Identifies this replica in the refresh lease. */
  owner?: string;
}

/**
 * The OA access token, shared by all replicas through the database. Refresh tokens are
 * single-use, so one replica at a time rotates the pair (a lease on the row), and the new pair
 * is stored before anyone uses it; the others wait for the new version and read it. In one
 * process, concurrent callers share one refresh (single flight).
 */
export class OaTokenStore {
  readonly #p: TokenStoreParts;
  readonly #owner: string;
  #inflight: Promise<string | null> | null = null;
  #seeded = false;

  constructor(parts: TokenStoreParts) {
    this.#p = parts;
    this.#owner = parts.owner ?? randomUUID();
  }

  /** A usable access token, refreshed ahead of expiry; null when the OA is not configured. */
  async accessToken(): Promise<string | null> {
    await this.#seed();
    const row = await readTokens(this.#p.db.kysely);
    if (!row) return null;
    const expires = row.accessExpiresAt ? Date.parse(row.accessExpiresAt) : Number.POSITIVE_INFINITY;
    const nowMs = this.#p.now().getTime();
    if (expires - nowMs < REFRESH_AHEAD_MS && this.#canRefresh()) {
      const fresh = await this.refresh(row.version);
      if (fresh) return fresh;
      if (expires <= nowMs) return null;
    }
    return row.accessToken;
  }

  /** Zalo rejected `token` (-216/-220): use a newer one if another caller already rotated, else rotate. */
  async afterRejected(token: string): Promise<string | null> {
    const row = await readTokens(this.#p.db.kysely);
    if (!row) return null;
    if (row.accessToken !== token) return row.accessToken;
    return this.#canRefresh() ? this.refresh(row.version) : null;
  }

  /** Rotates the pair unless `version` is already stale; returns the newest access token. */
  refresh(version: number): Promise<string | null> {
    this.#inflight ??= this.#refresh(version).finally(() => (this.#inflight = null));
    return this.#inflight;
  }

  #canRefresh(): boolean {
    return Boolean(this.#p.config.ZALO_APP_ID && this.#p.config.ZALO_APP_SECRET);
  }

  async #seed(): Promise<void> {
    if (this.#seeded) return;
    const { ZALO_OA_ACCESS_TOKEN: access, ZALO_OA_REFRESH_TOKEN: refresh } = this.#p.config;
    if (access && refresh) {
      const seedHash = createHash('sha256').update(`${access}\n${refresh}`).digest('hex');
      await seedTokens(this.#p.db.kysely, { accessToken: access, refreshToken: refresh, seedHash, now: this.#p.now().toISOString() });
    }
    this.#seeded = true;
  }

  async #refresh(version: number): Promise<string | null> {
    const { db, config, now, logger } = this.#p;
    const timeoutMs = config.ZALO_HTTP_TIMEOUT_MS;
    // Wall-clock bound on waiting for another replica's refresh (the lease itself uses deps.now()).
    const deadline = Date.now() + timeoutMs + 3000;
    while (Date.now() < deadline) {
      const row = await readTokens(db.kysely);
      if (!row) return null;
      if (row.version !== version) return row.accessToken;
      const at = now();
      const until = new Date(at.getTime() + timeoutMs + 10_000).toISOString();
      if (await claimRefreshLease(db.kysely, version, this.#owner, at.toISOString(), until)) {
        const answer = await callZalo({
          url: `${config.ZALO_OAUTH_URL}/v4/oa/access_token`,
          method: 'POST',
          headers: { secret_key: config.ZALO_APP_SECRET ?? '' },
          body: new URLSearchParams({ refresh_token: row.refreshToken, app_id: config.ZALO_APP_ID ?? '', grant_type: 'refresh_token' }),
          timeoutMs,
        });
        const body = answer.ok ? answer.body : undefined;
        const access = body?.['access_token'];
        const refresh = body?.['refresh_token'];
        if (body && errorCodeOf(body) === 0 && typeof access === 'string' && typeof refresh === 'string' && access && refresh) {
          const seconds = Number(body['expires_in']);
          const stamp = now();
          const expiresAt = Number.isFinite(seconds) && seconds > 0 ? new Date(stamp.getTime() + seconds * 1000).toISOString() : null;
          const stored = await storeRefreshed(db.kysely, { owner: this.#owner, version, accessToken: access, refreshToken: refresh, accessExpiresAt: expiresAt, now: stamp.toISOString() });
          if (!stored) logger.error('zalo token refresh: lease lost before the new pair was stored; re-authorise the OA');
          else logger.info('zalo token refreshed', { version: version + 1 });
          return stored ? access : null;
        }
        await releaseRefreshLease(db.kysely, this.#owner);
        const why = answer.ok ? `error ${errorCodeOf(answer.body)}` : describeFailure(answer.failure);
        logger.warn('zalo token refresh failed', { reason: why });
        return null;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }
}
