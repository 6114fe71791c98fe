import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** The OA's token pair is one row: every replica reads and rotates the same pair. */
const ROW = 'oa';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: string | null;
  seedHash: string;
  version: number;
}

export async function readTokens(db: Executor): Promise<StoredTokens | undefined> {
  const r = await db.selectFrom('zalo_tokens').selectAll().where('id', '=', ROW).executeTakeFirst();
  return r && { accessToken: r.access_token, refreshToken: r.refresh_token, accessExpiresAt: r.access_expires_at, seedHash: r.seed_hash, version: r.version };
}

/** Seeds from the environment, or replaces a rotated pair when the operator set a new one. */
export async function seedTokens(db: Executor, t: { accessToken: string; refreshToken: string; seedHash: string; now: string }): Promise<void> {
  await db
    .insertInto('zalo_tokens')
    .values({ id: ROW, access_token: t.accessToken, refresh_token: t.refreshToken, access_expires_at: null, seed_hash: t.seedHash, version: 1, updated_at: t.now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .updateTable('zalo_tokens')
    .set((eb) => ({ access_token: t.accessToken, refresh_token: t.refreshToken, access_expires_at: null, seed_hash: t.seedHash, version: eb('version', '+', 1), updated_at: t.now }))
    .where('id', '=', ROW)
    .where('seed_hash', '!=', t.seedHash)
    .execute();
}

/** Takes the refresh lease if nobody rotated the pair since `version` and no live lease exists. */
export async function claimRefreshLease(db: Executor, version: number, owner: string, now: string, until: string): Promise<boolean> {
  const r = await db
    .updateTable('zalo_tokens')
    .set({ lease_owner: owner, lease_until: until })
    .where('id', '=', ROW)
    .where('version', '=', version)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Stores the rotated pair (only while holding the lease) and releases it. */
export async function storeRefreshed(
  db: Executor,
  t: { owner: string; version: number; accessToken: string; refreshToken: string; accessExpiresAt: string | null; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('zalo_tokens')
    .set({
      access_token: t.accessToken,
      refresh_token: t.refreshToken,
      access_expires_at: t.accessExpiresAt,
      version: t.version + 1,
      lease_owner: null,
      lease_until: null,
      updated_at: t.now,
    })
    .where('id', '=', ROW)
    .where('version', '=', t.version)
    .where('lease_owner', '=', t.owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseRefreshLease(db: Executor, owner: string): Promise<void> {
  await db.updateTable('zalo_tokens').set({ lease_owner: null, lease_until: null }).where('id', '=', ROW).where('lease_owner', '=', owner).execute();
}
