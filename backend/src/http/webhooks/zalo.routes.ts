import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { insertEvent } from '../../db/zalo-events.repository.ts';
import type { Deps } from '../../deps.ts';
import { eventIdentity, isIgnoredEvent, webhookEventSchema } from '../../zalo/events.ts';
import { macFromHeader, sameMac, webhookMac } from '../../zalo/signature.ts';
import { AppError } from '../../app-error.ts';

const rejected = () => new AppError('unauthorized', 'Invalid or missing X-ZEvent-Signature, or a stale event.');
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);

/**
 * POST /webhooks/zalo. Verifies the MAC over the raw bytes before anything is parsed into the
 * database, rejects replays by timestamp, stores each event once and answers at once: the work
 * (linking, replies) is done by the event processor, well inside Zalo's 2 s.
 */
export function zaloWebhookRoutes(deps: Deps) {
  return new Hono().post(
    '/zalo',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new AppError('payload_too_large');
      },
    }),
    async (c) => {
      const secret = deps.config.ZALO_OA_SECRET_KEY;
      if (!secret) throw new AppError('unavailable', 'Zalo webhook is not configured (ZALO_OA_SECRET_KEY is unset).');
      const mac = macFromHeader(c.req.header('x-zevent-signature'));
      if (!mac) throw rejected();
      const raw = new Uint8Array(await c.req.arrayBuffer());
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
      } catch {
        throw rejected();
      }
      const obj = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
      const appId = str(obj['app_id']);
      const timestamp = str(obj['timestamp']);
      if (appId === null || timestamp === null) throw rejected();
      if (!sameMac(mac, webhookMac(appId, raw, timestamp, secret))) throw rejected();
      if (deps.config.ZALO_APP_ID && appId !== deps.config.ZALO_APP_ID) throw rejected();
      const age = deps.now().getTime() - Number(timestamp);
      const maxAge = deps.config.WEBHOOK_MAX_AGE_SECONDS * 1000;
      // Also bounded in the future: a forged far-future timestamp must not outlive the dedupe records.
      if (!Number.isFinite(age) || age > maxAge || age < -maxAge) throw rejected();

      const parsed = webhookEventSchema.safeParse(json);
      // Signed but of a shape we do not use: acknowledge, so Zalo does not resend it.
      if (!parsed.success || isIgnoredEvent(parsed.data.event_name)) return c.json({ ok: true as const, queued: false });
      const key = createHash('sha256').update(eventIdentity(parsed.data)).digest('hex');
      const fresh = await insertEvent(deps.db.kysely, { key, name: parsed.data.event_name, payload: JSON.stringify(parsed.data), now: deps.now() });
      if (fresh) deps.zalo.notify('events');
      return c.json({ ok: true as const, queued: fresh });
    },
  );
}
