import type { Config } from '../config.ts';
import { callZalo, errorCodeOf } from './http.ts';
import { outcomeOf, TOKEN_ERRORS, WAITING_REASON, type SendOutcome } from './outcome.ts';
import type { OaTokenStore } from './token-store.ts';

/** Zalo's limit for a text message. */
export const MAX_TEXT = 2000;

export interface TemplateMessage {
  phone: string;
  templateData: Record<string, string>;
  trackingId: string;
}

/**
 * Official Account API v3: customer-service text messages and ZNS template messages. A token
 * Zalo rejects is refreshed once (shared with every replica) and the call retried once.
 */
export class OaClient {
  readonly #config: Config;
  readonly #tokens: OaTokenStore;

  constructor(config: Config, tokens: OaTokenStore) {
    this.#config = config;
    this.#tokens = tokens;
  }

  get templateConfigured(): boolean {
    return Boolean(this.#config.ZALO_TEMPLATE_ID);
  }

  sendText(userId: string, text: string, signal?: AbortSignal): Promise<SendOutcome> {
    const body = { recipient: { user_id: userId }, message: { text: text.slice(0, MAX_TEXT) } };
    return this.#withToken((token) =>
      callZalo({ url: `${this.#config.ZALO_OPENAPI_URL}/v3.0/oa/message/cs`, method: 'POST', headers: { access_token: token }, body, timeoutMs: this.#config.ZALO_HTTP_TIMEOUT_MS, ...(signal ? { signal } : {}) }),
    );
  }

  /** ZNS to a phone number (84…), for recipients outside the 7-day window. */
  sendTemplate(m: TemplateMessage, signal?: AbortSignal): Promise<SendOutcome> {
    const body = { phone: m.phone, template_id: this.#config.ZALO_TEMPLATE_ID, template_data: m.templateData, tracking_id: m.trackingId };
    return this.#withToken((token) =>
      callZalo({ url: `${this.#config.ZALO_BUSINESS_URL}/message/template`, method: 'POST', headers: { access_token: token }, body, timeoutMs: this.#config.ZALO_HTTP_TIMEOUT_MS, ...(signal ? { signal } : {}) }),
    );
  }

  async #withToken(call: (token: string) => ReturnType<typeof callZalo>): Promise<SendOutcome> {
    const token = await this.#tokens.accessToken();
    if (!token) return { kind: 'waiting', code: 'oa_not_configured', reason: WAITING_REASON.oa_not_configured };
    const first = await call(token);
    if (first.ok && TOKEN_ERRORS.has(errorCodeOf(first.body))) {
      const fresh = await this.#tokens.afterRejected(token);
      if (fresh) return outcomeOf(await call(fresh));
    }
    return outcomeOf(first);
  }
}

/** 0912345678 / +84912345678 → 84912345678 (ZNS wants the country code, no plus). */
export function znsPhone(phone: string): string | null {
  const digits = phone.replace(/[\s.+-]/g, '');
  if (/^0\d{9}$/.test(digits)) return `84${digits.slice(1)}`;
  if (/^84\d{9}$/.test(digits)) return digits;
  return null;
}
