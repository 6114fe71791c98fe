import { z } from 'zod';

const idLike = z.union([z.string().max(64), z.number()]).transform(String);

/** The parts of a Zalo OA webhook event we read; everything else is kept but ignored. */
export const webhookEventSchema = z.looseObject({
  app_id: idLike,
  timestamp: idLike,
  event_name: z.string().min(1).max(64),
  user_id_by_app: idLike.optional(),
  sender: z.looseObject({ id: idLike }).optional(),
  follower: z.looseObject({ id: idLike }).optional(),
  message: z.looseObject({ text: z.string().max(4000).optional(), msg_id: z.string().max(200).optional() }).optional(),
});

export type WebhookEvent = z.output<typeof webhookEventSchema>;

/** Events the OA itself caused: never acted upon, never answered (no loops). */
export function isIgnoredEvent(name: string): boolean {
  return name.startsWith('oa_send_') || name === 'user_received_message' || name === 'user_seen_message';
}

/** The user the event is about: sender for messages, follower for (un)follow. */
export function eventUserId(e: WebhookEvent): string | null {
  return e.sender?.id ?? e.follower?.id ?? null;
}

/** Dedupe identity: the message id when there is one, else event + user + timestamp. */
export function eventIdentity(e: WebhookEvent): string {
  return e.message?.msg_id ? `msg:${e.message.msg_id}` : `${e.event_name}|${eventUserId(e) ?? ''}|${e.timestamp}`;
}
