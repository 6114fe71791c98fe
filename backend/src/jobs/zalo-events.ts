import type { Transaction } from 'kysely';
import { enqueueMessages, requeueWaiting } from '../db/outbox.repository.ts';
import type { Database } from '../db/schema.ts';
import { countEventFailure, finishEvent, nextPendingEvent, pruneEvents } from '../db/zalo-events.repository.ts';
import { consumeLinkCode, setFollowing, staffIdsForZaloUser, upsertLink } from '../db/zalo-links.repository.ts';
import type { Deps } from '../deps.ts';
import { eventUserId, webhookEventSchema, type WebhookEvent } from '../zalo/events.ts';
import { linkCodeHash, parseLinkCode } from '../zalo/link-codes.ts';
import { respondentHash } from '../zalo/respondent.ts';
import { BAD_CODE_TEXT, LINKED_TEXT } from './alert-text.ts';

const MAX_EVENT_ATTEMPTS = 5;
/** Reasons cleared when the user shows up again (they followed, or wrote: the 7-day window reopened). */
const CLEARED_BY_CONTACT = ['outside_window', 'not_follower', 'no_fallback'];

/**
 * Handles queued webhook events, each in one transaction (link, follow, requeue, reply
 * enqueued in the outbox), so an event takes effect exactly once even with several replicas.
 * Returns how many were handled.
 */
export async function processEvents(deps: Deps, limit = 100): Promise<number> {
  let handled = 0;
  let outbox = false;
  for (; handled < limit; handled++) {
    let failedKey: string | null = null;
    const result = await deps.db.kysely
      .transaction()
      .execute(async (trx) => {
        const ev = await nextPendingEvent(trx, deps.db.dialect === 'postgres');
        if (!ev) return 'empty' as const;
        failedKey = ev.key;
        const parsed = webhookEventSchema.safeParse(JSON.parse(ev.payload));
        if (parsed.success) outbox = (await handle(deps, trx, parsed.data)) || outbox;
        await finishEvent(trx, ev.key, parsed.success ? 'done' : 'failed', deps.now().toISOString());
        return 'done' as const;
      })
      .catch(async (err: unknown) => {
        deps.logger.warn('zalo event failed', { err: err instanceof Error ? err.message : String(err) });
        if (failedKey && (await countEventFailure(deps.db.kysely, failedKey)) >= MAX_EVENT_ATTEMPTS) await finishEvent(deps.db.kysely, failedKey, 'failed', deps.now().toISOString());
        return 'error' as const;
      });
    if (result !== 'done') break;
  }
  if (outbox) deps.zalo.notify('outbox');
  const horizon = Math.max(86_400, deps.config.WEBHOOK_MAX_AGE_SECONDS * 2) * 1000;
  await pruneEvents(deps.db.kysely, new Date(deps.now().getTime() - horizon).toISOString());
  return handled;
}

/** Returns true when it enqueued or requeued outbox messages. */
async function handle(deps: Deps, trx: Transaction<Database>, e: WebhookEvent): Promise<boolean> {
  const userId = eventUserId(e);
  if (!userId) return false;
  const now = deps.now();
  const at = now.toISOString();
  if (e.event_name === 'unfollow') {
    await setFollowing(trx, userId, false, at);
    return false;
  }
  if (e.event_name === 'follow') await setFollowing(trx, userId, true, at);
  if (e.event_name === 'user_send_text' && e.message?.text) {
    const code = parseLinkCode(e.message.text);
    if (code) return linkWithCode(deps, trx, e, userId, code);
  }
  const staff = await staffIdsForZaloUser(trx, userId);
  return (await requeueWaiting(trx, staff.map((s) => `staff:${s}`), now, CLEARED_BY_CONTACT)) > 0;
}

async function linkWithCode(deps: Deps, trx: Transaction<Database>, e: WebhookEvent, userId: string, code: string): Promise<boolean> {
  const now = deps.now();
  const subject = await consumeLinkCode(trx, linkCodeHash(code), now.toISOString());
  if (!subject) {
    await enqueueMessages(trx, [{ unitId: '', alertId: null, recipient: { zaloUserId: userId }, text: BAD_CODE_TEXT, now }]);
    return true;
  }
  await upsertLink(trx, {
    subjectKind: subject.subjectKind,
    subjectId: subject.subjectId,
    unitId: subject.unitId,
    zaloUserId: userId,
    // The app-scoped id is what the Mini App's Graph check returns: kept as the same keyed hash.
    appUserHash: e.user_id_by_app ? respondentHash(deps.config.APP_SECRET, e.user_id_by_app) : null,
    phone: subject.phone,
    linkedAt: now.toISOString(),
  });
  const name =
    subject.subjectKind === 'staff'
      ? (await trx.selectFrom('staff').select('username').where('id', '=', subject.subjectId).executeTakeFirst())?.username
      : (await trx.selectFrom('officers').select('name').where('id', '=', subject.subjectId).executeTakeFirst())?.name;
  await enqueueMessages(trx, [{ unitId: subject.unitId, alertId: null, recipient: { zaloUserId: userId }, text: LINKED_TEXT(name ?? ''), now }]);
  deps.logger.info('zalo account linked', { kind: subject.subjectKind, subjectId: subject.subjectId });
  if (subject.subjectKind === 'staff') await requeueWaiting(trx, [`staff:${subject.subjectId}`], now);
  return true;
}
