import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ZaloLinkTable, ZaloSubjectKind } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ZaloLink {
  subjectKind: ZaloSubjectKind;
  subjectId: string;
  unitId: string;
  zaloUserId: string;
  appUserHash: string | null;
  phone: string | null;
  linkedAt: string;
}

export interface LinkCode {
  subjectKind: ZaloSubjectKind;
  subjectId: string;
  unitId: string;
  phone: string | null;
}

export async function insertLinkCode(db: Executor, c: LinkCode & { codeHash: string; expiresAt: string; now: string }): Promise<void> {
  await db
    .insertInto('zalo_link_codes')
    .values({ code_hash: c.codeHash, subject_kind: c.subjectKind, subject_id: c.subjectId, unit_id: c.unitId, phone: c.phone, expires_at: c.expiresAt, used_at: null, created_at: c.now })
    .execute();
}

/** Marks an unexpired, unused code used and returns whom it links; at most one caller wins. */
export async function consumeLinkCode(db: Executor, codeHash: string, now: string): Promise<LinkCode | undefined> {
  const r = await db
    .updateTable('zalo_link_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return undefined;
  const row = await db.selectFrom('zalo_link_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirstOrThrow();
  return { subjectKind: row.subject_kind, subjectId: row.subject_id, unitId: row.unit_id, phone: row.phone };
}

export async function deleteExpiredLinkCodes(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('zalo_link_codes').where('expires_at', '<', before).execute();
}

/** Links (or re-links) a staff account or officer to a Zalo user. */
export async function upsertLink(db: Executor, l: ZaloLink): Promise<void> {
  await db
    .insertInto('zalo_links')
    .values({ subject_kind: l.subjectKind, subject_id: l.subjectId, unit_id: l.unitId, zalo_user_id: l.zaloUserId, app_user_hash: l.appUserHash, phone: l.phone, linked_at: l.linkedAt })
    .onConflict((oc) =>
      oc.columns(['subject_kind', 'subject_id']).doUpdateSet({ unit_id: l.unitId, zalo_user_id: l.zaloUserId, app_user_hash: l.appUserHash, phone: l.phone, linked_at: l.linkedAt }),
    )
    .execute();
}

export async function deleteLink(db: Executor, subjectKind: ZaloSubjectKind, subjectId: string): Promise<boolean> {
  const r = await db.deleteFrom('zalo_links').where('subject_kind', '=', subjectKind).where('subject_id', '=', subjectId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

const toLink = (r: Selectable<ZaloLinkTable>): ZaloLink => ({
  subjectKind: r.subject_kind,
  subjectId: r.subject_id,
  unitId: r.unit_id,
  zaloUserId: r.zalo_user_id,
  appUserHash: r.app_user_hash,
  phone: r.phone,
  linkedAt: r.linked_at,
});

export async function findLink(db: Executor, subjectKind: ZaloSubjectKind, subjectId: string): Promise<ZaloLink | undefined> {
  const r = await db.selectFrom('zalo_links').selectAll().where('subject_kind', '=', subjectKind).where('subject_id', '=', subjectId).executeTakeFirst();
  return r && toLink(r);
}

/** The links of several subjects of one kind, by subject id: one query for a batch of messages. */
export async function findLinks(db: Executor, subjectKind: ZaloSubjectKind, subjectIds: readonly string[]): Promise<Map<string, ZaloLink>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await db.selectFrom('zalo_links').selectAll().where('subject_kind', '=', subjectKind).where('subject_id', 'in', [...new Set(subjectIds)]).execute();
  return new Map(rows.map((r) => [r.subject_id, toLink(r)]));
}

/** Staff accounts linked to this OA user (one Zalo user may hold several accounts). */
export async function staffIdsForZaloUser(db: Executor, zaloUserId: string): Promise<string[]> {
  const rows = await db.selectFrom('zalo_links').select('subject_id').where('subject_kind', '=', 'staff').where('zalo_user_id', '=', zaloUserId).execute();
  return rows.map((r) => r.subject_id);
}

/** Is this respondent (app-scoped user hash) the linked Zalo user of that officer? */
export async function isOfficerUser(db: Executor, officerId: string, appUserHash: string): Promise<boolean> {
  const r = await db
    .selectFrom('zalo_links')
    .select('subject_id')
    .where('subject_kind', '=', 'officer')
    .where('subject_id', '=', officerId)
    .where('app_user_hash', '=', appUserHash)
    .executeTakeFirst();
  return r !== undefined;
}

export async function setFollowing(db: Executor, zaloUserId: string, following: boolean, now: string): Promise<void> {
  await db
    .insertInto('zalo_followers')
    .values({ zalo_user_id: zaloUserId, following: following ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column('zalo_user_id').doUpdateSet({ following: following ? 1 : 0, updated_at: now }))
    .execute();
}

export async function isFollowing(db: Executor, zaloUserId: string): Promise<boolean | undefined> {
  const r = await db.selectFrom('zalo_followers').select('following').where('zalo_user_id', '=', zaloUserId).executeTakeFirst();
  return r ? r.following === 1 : undefined;
}

/**
 * The active staff account linked to this app-scoped Zalo user (keyed hash), for signing in with
 * Zalo. One Zalo user may hold several accounts: the most recently linked one wins.
 */
export async function activeStaffIdForAppUser(db: Executor, appUserHash: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('zalo_links')
    .innerJoin('staff', 'staff.id', 'zalo_links.subject_id')
    .select('staff.id')
    .where('zalo_links.subject_kind', '=', 'staff')
    .where('zalo_links.app_user_hash', '=', appUserHash)
    .where('staff.active', '=', 1)
    .orderBy('zalo_links.linked_at', 'desc')
    .orderBy('staff.id')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}
