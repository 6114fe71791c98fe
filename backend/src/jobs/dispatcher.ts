import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { claimDue, settle, settleAll, type OutboxRow, type Settlement } from '../db/outbox.repository.ts';
import { findLinks, type ZaloLink } from '../db/zalo-links.repository.ts';
import type { Deps } from '../deps.ts';
import { znsPhone } from '../zalo/oa-client.ts';
import { WAITING_REASON, type SendOutcome } from '../zalo/outcome.ts';
import { viTime } from './alert-text.ts';
import { backoffMs } from './backoff.ts';

export interface DispatcherOptions {
  /** Identifies this replica in leases. */
  owner?: string;
  batchSize?: number;
  /** How long a claimed message stays ours; past it another dispatcher may take it over. */
  leaseMs?: number;
  random?: () => number;
}

/**
 * Sends the outbox through the OA. Claims carry a lease (several replicas never send one
 * message twice while a lease lives); each message is settled right after its send, so a
 * dispatcher killed mid-batch leaves at most the message in flight to be sent again, and
 * loses none: its unsettled claims are taken over when their lease runs out. Messages whose
 * recipient has no Zalo link send nothing, so they wait together, in one statement at the end
 * of the batch: under an alert storm before anyone linked Zalo these were most of the
 * dispatcher's statements (a settle each, plus a link lookup each, now one per batch).
 */
export class Dispatcher {
  readonly #deps: Deps;
  readonly #owner: string;
  readonly #batch: number;
  readonly #leaseMs: number;
  readonly #random: () => number;
  #abort = new AbortController();

  constructor(deps: Deps, opts: DispatcherOptions = {}) {
    this.#deps = deps;
    this.#owner = opts.owner ?? `dispatcher-${randomUUID()}`;
    this.#batch = opts.batchSize ?? 20;
    this.#leaseMs = opts.leaseMs ?? Math.max(60_000, deps.config.ZALO_HTTP_TIMEOUT_MS * 4);
    this.#random = opts.random ?? Math.random;
  }

  /** Claims and sends one batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    if (this.#abort.signal.aborted) return 0;
    const { db, logger } = this.#deps;
    const claimed = await claimDue(db, this.#owner, this.#deps.now(), this.#leaseMs, this.#batch);
    if (claimed.length === 0) return 0;
    const links = await findLinks(db.kysely, 'staff', claimed.flatMap((row) => (row.recipient_staff_id ? [row.recipient_staff_id] : [])));
    const unlinked: string[] = [];
    for (const row of claimed) {
      if (this.#abort.signal.aborted) return 0;
      const link = row.recipient_staff_id ? links.get(row.recipient_staff_id) : undefined;
      const userId = row.recipient_zalo_id ?? link?.zaloUserId;
      if (!userId) {
        unlinked.push(row.id);
        continue;
      }
      const settlement = await this.#deliver(row, userId, link);
      // Killed while sending: settle nothing; the lease expires and another dispatcher retries.
      if (this.#abort.signal.aborted) return 0;
      const ok = await settle(db.kysely, row.id, this.#owner, settlement, this.#deps.now());
      if (!ok) logger.warn('outbox lease lost before settling', { id: row.id });
      else if (settlement.status !== 'delivered') logger.info('outbox message not delivered', { id: row.id, status: settlement.status, code: settlement.code });
      // SQLite answers synchronously, so without this a batch (and a drain, batch after batch)
      // ran as one task: 30-45 ms in which the request thread parsed no request (measured under
      // the bench's alert rate). Between two messages, requests waiting on sockets go first.
      await yieldToEventLoop();
    }
    if (unlinked.length > 0 && !this.#abort.signal.aborted) {
      const waiting: Settlement = { status: 'waiting', code: 'not_linked', reason: WAITING_REASON.not_linked };
      const settled = new Set(await settleAll(db.kysely, unlinked, this.#owner, waiting, this.#deps.now()));
      const lost = unlinked.filter((id) => !settled.has(id));
      if (lost.length > 0) logger.warn('outbox lease lost before settling', { ids: lost });
      if (settled.size > 0) logger.info('outbox messages not delivered', { ids: [...settled], status: waiting.status, code: waiting.code });
      await yieldToEventLoop();
    }
    return claimed.length;
  }

  /** Runs batches until nothing is due (bounded). */
  async drain(maxBatches = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /** Stops at once, abandoning in-flight sends unsettled, like a killed process. */
  kill(): void {
    this.#abort.abort();
  }

  get stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  async #deliver(row: OutboxRow, userId: string, link: ZaloLink | undefined): Promise<Settlement> {
    const signal = this.#abort.signal;
    let outcome = await this.#deps.zalo.oa.sendText(userId, row.text, signal);
    let channel: 'oa' | 'zns' = 'oa';
    if (outcome.kind === 'waiting' && outcome.code === 'outside_window' && this.#deps.zalo.oa.templateConfigured) {
      const phone = link?.phone ? znsPhone(link.phone) : null;
      if (!phone) outcome = { kind: 'waiting', code: 'no_fallback', reason: WAITING_REASON.no_fallback };
      else {
        channel = 'zns';
        outcome = await this.#deps.zalo.oa.sendTemplate(
          { phone, trackingId: row.id, templateData: { summary: row.text.split('\n')[0]!.slice(0, 100), time: viTime(row.created_at), link: lastLine(row.text) } },
          signal,
        );
      }
    }
    return this.#settlementOf(row, outcome, channel);
  }

  #settlementOf(row: OutboxRow, o: SendOutcome, channel: 'oa' | 'zns'): Settlement {
    if (o.kind === 'sent') return { status: 'delivered', channel, messageId: o.messageId };
    if (o.kind === 'waiting' || o.kind === 'failed') return { status: o.kind, code: o.code, reason: o.reason };
    const { ALERT_MAX_ATTEMPTS, ALERT_RETRY_BASE_SECONDS } = this.#deps.config;
    if (row.attempts >= ALERT_MAX_ATTEMPTS) return { status: 'failed', code: o.code, reason: `Đã thử ${row.attempts} lần không thành công. ${o.reason}` };
    const delay = backoffMs(row.attempts, ALERT_RETRY_BASE_SECONDS * 1000, this.#random);
    return { status: 'pending', nextAttemptAt: new Date(this.#deps.now().getTime() + delay).toISOString(), code: o.code, reason: o.reason };
  }
}

const lastLine = (text: string) => text.slice(text.lastIndexOf('\n') + 1).replace(/^Xem: /, '');
